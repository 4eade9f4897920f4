/**
 * The sandbox's web login with a TOTP second factor (node:http, 127.0.0.1, ephemeral port): the
 * worked example of a declarative `otpFlow`.
 *   GET  /login                       -> 200 { serverTime }            (the server's clock, also in Date)
 *   POST /login      username,password -> 200 { session, next: "otp" } | 401   (and an SMS/e-mail code is sent)
 *   POST /login/otp  session,code      -> 200 { authenticated: true }  | 401 { authenticated: false }
 * The code is the TOTP code of the user's seed, or the code sent out of band. A session allows one
 * OTP attempt.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { OutOfBandCodes } from './out-of-band-codes.js';
import type { TotpChecker } from './totp-checker.js';
import { listenLoopbackHttp } from '../http-listen.js';

export interface OtpWebUser {
  login: string;
  password: string;
  totpSeed: string;
}

export interface OtpWebOptions {
  host: string;
  users: () => OtpWebUser[];
  checker: TotpChecker;
  /** SMS / e-mail codes sent after a good password. */
  outOfBand?: OutOfBandCodes;
  /** The clock of the login page (serverTime, Date header, out-of-band code expiry). */
  now: () => Date;
  /** The clock the TOTP verifier uses; the login page's unless a defect skews it. */
  verifierNow?: () => Date;
}

export interface RunningOtpWeb {
  url: string;
  close(): Promise<void>;
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
      if (body.length > 16 * 1024) req.destroy();
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startOtpWeb(o: OtpWebOptions): Promise<RunningOtpWeb> {
  const sessions = new Map<string, string>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    void (async () => {
      if (req.method === 'GET' && path === '/login') return send(res, 200, { serverTime: o.now().toISOString() });
      if (req.method === 'POST' && path === '/login') {
        const form = await readForm(req);
        const user = o.users().find((u) => u.login.toLowerCase() === (form.get('username') ?? '').toLowerCase());
        if (!user || user.password !== form.get('password')) return send(res, 401, { error: 'invalid_credentials' });
        const session = randomBytes(16).toString('hex');
        sessions.set(session, user.login);
        o.outOfBand?.send(user.login, o.now());
        return send(res, 200, { session, next: 'otp' });
      }
      if (req.method === 'POST' && path === '/login/otp') {
        const form = await readForm(req);
        const session = form.get('session') ?? '';
        const login = sessions.get(session);
        sessions.delete(session);
        const user = o.users().find((u) => u.login === login);
        if (!user) return send(res, 401, { authenticated: false, error: 'no_session' });
        const code = form.get('code') ?? '';
        const ok = Boolean(o.outOfBand?.consume(user.login, code, o.now())) || o.checker.check(user.login, user.totpSeed, code, (o.verifierNow ?? o.now)());
        return send(res, ok ? 200 : 401, ok ? { authenticated: true } : { authenticated: false, error: 'invalid_code' });
      }
      send(res, 404, { error: 'not_found' });
    })().catch(() => send(res, 500, { error: 'internal' }));
  });
  const listening = await listenLoopbackHttp(server, o.host);
  return { url: listening.origin, close: listening.close };
}
