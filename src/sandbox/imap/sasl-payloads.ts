/**
 * Decoding of the SASL client responses the sandbox IMAP server accepts: XOAUTH2 (Google's format),
 * OAUTHBEARER (RFC 7628), PLAIN (RFC 4616) and EXTERNAL (RFC 4422 appendix A). Also the error
 * challenges the server sends for a refused bearer token.
 */
export interface BearerResponse {
  user?: string;
  token?: string;
}

function fromBase64(b64: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return undefined;
  return Buffer.from(b64, 'base64').toString('utf8');
}

/** `user=<u>\x01auth=Bearer <t>\x01\x01`. */
export function decodeXoauth2(b64: string): BearerResponse | undefined {
  const text = fromBase64(b64);
  if (text === undefined) return undefined;
  const out: BearerResponse = {};
  for (const field of text.split('\x01')) {
    if (field.startsWith('user=')) out.user = field.slice(5);
    else if (/^auth=Bearer /i.test(field)) out.token = field.slice('auth=Bearer '.length).trim();
  }
  return out.token ? out : undefined;
}

/** `n,a=<u>,\x01host=..\x01port=..\x01auth=Bearer <t>\x01\x01` (the gs2 header may omit `a=`). */
export function decodeOauthbearer(b64: string): BearerResponse | undefined {
  const text = fromBase64(b64);
  if (text === undefined) return undefined;
  const [gs2, ...fields] = text.split('\x01');
  if (!gs2 || !/^[ny],/.test(gs2)) return undefined;
  const out: BearerResponse = {};
  const a = /(?:^|,)a=([^,]*)/.exec(gs2);
  if (a) out.user = a[1]!.replace(/=2C/g, ',').replace(/=3D/g, '=');
  for (const field of fields) if (/^auth=Bearer /i.test(field)) out.token = field.slice('auth=Bearer '.length).trim();
  return out.token ? out : undefined;
}

/** `authzid\0authcid\0password`. */
export function decodePlain(b64: string): { authzid: string; user: string; password: string } | undefined {
  const text = fromBase64(b64);
  if (text === undefined) return undefined;
  const parts = text.split('\0');
  if (parts.length !== 3) return undefined;
  return { authzid: parts[0]!, user: parts[1]!, password: parts[2]! };
}

/** EXTERNAL: the optional authorization identity (`=` or empty means none). */
export function decodeExternal(b64: string): string | undefined {
  if (b64 === '' || b64 === '=') return '';
  return fromBase64(b64);
}

/** The XOAUTH2 error challenge (the format an MSSanté operator was seen to use). */
export function xoauth2ErrorChallenge(): string {
  return Buffer.from(JSON.stringify({ status: '401', schemes: 'bearer', scope: 'mail' })).toString('base64');
}

/** The RFC 7628 §3.2.2 error challenge. */
export function oauthbearerErrorChallenge(): string {
  return Buffer.from(JSON.stringify({ status: 'invalid_token', schemes: 'bearer', scope: 'mail' })).toString('base64');
}
