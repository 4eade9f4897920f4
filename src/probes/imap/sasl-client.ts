/**
 * Client side of the SASL mechanisms msscheck tries on IMAP and SMTP submission: building the
 * initial responses (registered with the redactor BEFORE they are written) and reading the
 * server's bearer-token error challenge (XOAUTH2 / RFC 7628 JSON).
 */
import type { Redactor } from '../../util/redact.js';

export const MECHANISMS = ['XOAUTH2', 'OAUTHBEARER', 'EXTERNAL', 'PLAIN', 'LOGIN'] as const;
export type Mechanism = (typeof MECHANISMS)[number];

function encode(text: string, redactor: Redactor, label: string): string {
  const b64 = Buffer.from(text, 'utf8').toString('base64');
  redactor.registerBase64(b64, label);
  return b64;
}

export function xoauth2Response(user: string, token: string, redactor: Redactor): string {
  return encode(`user=${user}\x01auth=Bearer ${token}\x01\x01`, redactor, 'sasl');
}

export function oauthbearerResponse(user: string, host: string, port: number, token: string, redactor: Redactor): string {
  const name = user.replace(/=/g, '=3D').replace(/,/g, '=2C');
  return encode(`n,a=${name},\x01host=${host}\x01port=${port}\x01auth=Bearer ${token}\x01\x01`, redactor, 'sasl');
}

export function plainResponse(user: string, password: string, redactor: Redactor): string {
  return encode(`\0${user}\0${password}`, redactor, 'sasl');
}

export function base64Of(text: string, redactor: Redactor, label = 'sasl'): string {
  return encode(text, redactor, label);
}

/** EXTERNAL initial response: the authorization identity, or `=` (empty) to let the certificate speak. */
export function externalResponse(authzid: string | undefined): string {
  return authzid ? Buffer.from(authzid, 'utf8').toString('base64') : '=';
}

export interface BearerError {
  status?: string;
  schemes?: string;
  scope?: string;
}

/** Decodes a continuation challenge as the JSON error of XOAUTH2 / OAUTHBEARER; undefined if it is not one. */
export function decodeBearerError(challenge: string): BearerError | undefined {
  const text = challenge.trim();
  if (!text || !/^[A-Za-z0-9+/]+=*$/.test(text)) return undefined;
  try {
    const json = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as unknown;
    if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
    const o = json as Record<string, unknown>;
    const pick = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    return { status: pick('status'), schemes: pick('schemes'), scope: pick('scope') };
  } catch {
    return undefined;
  }
}

/** The XOAUTH2 error format: a JSON challenge carrying at least a status and the bearer scheme. */
export function isXoauth2ErrorFormat(err: BearerError | undefined): boolean {
  return Boolean(err?.status && err.schemes && /\bbearer\b/i.test(err.schemes));
}

/** The initial response of a bearer mechanism (XOAUTH2, or OAUTHBEARER with the server's host and port). */
export function bearerResponse(mechanism: 'XOAUTH2' | 'OAUTHBEARER', user: string, endpoint: { host: string; port: number }, token: string, redactor: Redactor): string {
  return mechanism === 'XOAUTH2' ? xoauth2Response(user, token, redactor) : oauthbearerResponse(user, endpoint.host, endpoint.port, token, redactor);
}

/** What the client answers an error challenge with: XOAUTH2 an empty line, OAUTHBEARER %x01 (RFC 7628 §3.2.3). */
export function bearerAbort(mechanism: 'XOAUTH2' | 'OAUTHBEARER'): string {
  return mechanism === 'XOAUTH2' ? '' : 'AQ==';
}
