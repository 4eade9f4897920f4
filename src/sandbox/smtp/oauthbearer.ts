/**
 * OAUTHBEARER (RFC 7628) for the sandbox submission endpoint. smtp-server knows XOAUTH2 only and
 * looks mechanisms up in its SASL table by `SASL_<NAME>`; this adds `SASL_OAUTHBEARER` to that
 * table (once per process), translating the OAUTHBEARER initial response into the XOAUTH2 one so
 * that the token goes through the same `onAuth` check and the same failure exchange (334 with a
 * JSON error, the client's dummy response, then 535), which is what RFC 7628 §3.2.3 describes.
 * It also refuses an AUTH line over 512 octets for both mechanisms, as Dovecot does.
 */
import sasl from 'smtp-server/lib/sasl.js';

type Handler = (this: unknown, args: string[], callback: () => void) => void;
interface SaslTable {
  XOAUTH2_token(this: unknown, canAbort: boolean, token: string, callback: () => void): void;
  [key: string]: unknown;
}

/** `n,a=user,` + ^A + `auth=Bearer <token>` ^A^A  →  `user=<user>` ^A `auth=Bearer <token>` ^A^A (base64). */
export function oauthbearerToXoauth2(base64: string): string | undefined {
  const text = Buffer.from(base64, 'base64').toString('utf8');
  const [gs2, ...fields] = text.split('\x01');
  if (!gs2 || !/^[ny],/.test(gs2) && !/^p=/.test(gs2)) return undefined;
  const authzid = /(?:^|,)a=([^,]*)/.exec(gs2)?.[1]?.replace(/=2C/g, ',').replace(/=3D/g, '=') || 'oauthbearer';
  const auth = fields.find((f) => /^auth=/i.test(f));
  if (!auth) return undefined;
  return Buffer.from(`user=${authzid}\x01${auth}\x01\x01`).toString('base64');
}

let installed = false;

export function installOauthbearer(): void {
  if (installed) return;
  installed = true;
  const table = sasl as unknown as SaslTable;
  if (typeof table.SASL_OAUTHBEARER === 'function') return;
  const handler: Handler = function (this: unknown, args, callback) {
    const conn = this as { send(code: number, text?: string): void; _nextHandler: unknown };
    const finish = (raw: string, canAbort: boolean, cb: () => void): void => {
      const token = raw.trim();
      if (canAbort && token === '*') {
        conn.send(501, 'Authentication aborted');
        return cb();
      }
      const converted = oauthbearerToXoauth2(token);
      if (!converted) {
        conn.send(501, 'Error: invalid OAUTHBEARER initial response');
        return cb();
      }
      table.XOAUTH2_token.call(this, false, converted, cb);
    };
    if (args.length > 1) {
      conn.send(501, 'Error: syntax: AUTH OAUTHBEARER initial-response');
      return callback();
    }
    if (!args.length) {
      conn._nextHandler = (data: Buffer | string, cb: () => void) => finish(String(data), true, cb);
      conn.send(334);
      return callback();
    }
    finish(args[0]!, false, callback);
  };
  table.SASL_OAUTHBEARER = handler;
  // RFC 4954 §4: the AUTH command line itself stays within 512 octets (CRLF included); a longer
  // initial response must be sent after the server's 334. SASL responses may be longer (12288).
  for (const mechanism of ['XOAUTH2', 'OAUTHBEARER']) {
    const inner = table[`SASL_${mechanism}`] as Handler;
    table[`SASL_${mechanism}`] = function (this: unknown, args: string[], callback: () => void) {
      if (args.length === 1 && `AUTH ${mechanism} ${args[0]}\r\n`.length > 512) {
        (this as { send(code: number, text?: string): void }).send(500, '5.5.2 Line too long: send the initial response after 334 (RFC 4954 section 4)');
        return callback();
      }
      return inner.call(this, args, callback);
    } satisfies Handler;
  }
}
