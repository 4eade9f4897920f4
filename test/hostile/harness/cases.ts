/**
 * The hostile cases: one misbehaving server each (SMTP, IMAP, TLS, HTTP), the scenarios run
 * against it, and which of them may pass because the server really behaved (a refused password
 * login is a refusal, even from an echoing server). Used by test/hostile/hostile.test.ts and by
 * `npm run bench -- hostile`.
 */
import { randomBytes } from 'node:crypto';
import { selfSignedCertificate, type KeyAndCert } from '../../../src/net/self-signed.js';
import { endlessBody, httpServer, lineServer, type LineSession, type Running } from './servers.js';

/** Secrets with spaces, quotes, backslashes and non-ASCII: every output is grepped for their fragments. */
export const HOSTILE_SECRETS = {
  password: 'Qz8" \\ÿKw7é Xj\'#',
  clientSecret: 'Vb3 "qX\\ïent% Mz&+=',
};

/** How many times an echoing server sent a credential back (the leak check's positive control). */
export interface Counter {
  n: number;
}

export type HostileClass = 'smtp' | 'imap' | 'tls' | 'http';

export interface HostileCase {
  name: string;
  klass: HostileClass;
  /** What the server does wrong. */
  behaviour: string;
  /** Scenario ids run against it (`--only`). */
  only: string[];
  /** Scenarios allowed to pass: the server really did what they check. */
  allowedPass?: string[];
  start(): Promise<{ server: Running; endpoints: Record<string, unknown>; profile?: Record<string, unknown>; echoes?: Counter }>;
}

const SMTP_ONLY = ['SMTP-STARTTLS-OFFERED/submission', 'SMTP-NO-AUTH-BEFORE-TLS/submission', 'AUTH-PASSWORD-REFUSED/submission-plain', 'AUTH-PASSWORD-REFUSED/submission-login'];
const IMAP_ONLY = ['IMAP-STARTTLS', 'AUTH-PASSWORD-REFUSED/imap-login', 'AUTH-PASSWORD-REFUSED/imap-plain'];
const OIDC_ONLY = ['OIDC-DISCOVERY', 'OIDC-CIBA-APPROVE', 'OIDC-CIBA-DENIED'];
const OTP_ONLY = ['AUTH-TOTP-VALID', 'AUTH-TOTP-WINDOW', 'AUTH-TOTP-REPLAY'];

/** An OTP web login as the sandbox's (password form, then the code), against a hostile server. */
const otpWeb = (port: number) => ({ otpWeb: { url: `http://127.0.0.1:${port}` } });
const OTP_PROFILE = {
  otpFlow: {
    totp: { period: 30, digits: 6, algorithm: 'SHA1' },
    steps: [
      { id: 'password', request: { method: 'POST', url: '${endpoint}/login', form: { username: '${mailbox.address}', password: '${secret.password}' } }, extract: { session: { from: 'json', path: 'session' } }, expectStatus: [200] },
      { id: 'otp', request: { method: 'POST', url: '${endpoint}/login/otp', json: { session: '${extract.session}', password: '${secret.password}', code: '${otp}' } } },
    ],
    success: { step: 'otp', status: [200], json: { path: 'authenticated', equals: true } },
  },
};

const TRUST_ONLY = ['TRUST-MTA-CLIENT-CERT-REQUESTED', 'TRUST-MTA-PEER-REFUSED/none'];
const mta = (port: number) => ({ smtpMta: { host: '127.0.0.1', port, security: 'starttls', serverName: 'localhost' } });
const submission = (port: number) => ({ smtpSubmission: { host: '127.0.0.1', port, security: 'starttls', serverName: 'localhost' } });
const imap = (port: number) => ({ imap: { host: '127.0.0.1', port, security: 'starttls', serverName: 'localhost' } });
const oidc = (port: number) => ({ oidc: { issuer: `http://127.0.0.1:${port}` } });

/** A well-behaved SMTP dialogue up to the point `hook` takes over (return true when it handled the line). */
function smtp(s: LineSession, hook: (line: string, verb: string) => boolean = () => false, greeting = '220 hostile.test ESMTP'): void {
  s.send(greeting);
  let tls = false;
  s.onLine((line) => {
    const verb = line.split(' ')[0]!.toUpperCase();
    if (hook(line, verb)) return;
    if (verb === 'EHLO') {
      s.send('250-hostile.test');
      s.send(tls ? '250 AUTH PLAIN LOGIN' : '250 STARTTLS');
    } else if (verb === 'STARTTLS') {
      s.send('220 2.0.0 go ahead');
      tls = true;
      s.startTls();
    } else if (verb === 'QUIT') {
      s.send('221 bye');
      s.socket.end();
    } else s.send('502 5.5.2 not here');
  });
}

/** After STARTTLS, AUTH echoes what it was given (decoded) in its refusal: redaction must hold. */
function smtpEcho(s: LineSession, echoes: Counter): void {
  let tls = false;
  let login: string[] | undefined;
  smtp(s, (line, verb) => {
    if (verb === 'STARTTLS') tls = true;
    if (login) {
      login.push(Buffer.from(line, 'base64').toString('utf8'));
      if (login.length === 2) {
        s.send(`535 5.7.8 login refused for user ${login[0]} with password ${login[1]}`);
        echoes.n++;
        login = undefined;
      } else s.send('334 UGFzc3dvcmQ6');
      return true;
    }
    if (verb !== 'AUTH') return false;
    if (!tls) {
      s.send('530 5.7.0 Must issue a STARTTLS command first');
      return true;
    }
    const [, mech, initial] = line.split(' ');
    if (mech?.toUpperCase() === 'LOGIN') {
      login = [];
      s.send('334 VXNlcm5hbWU6');
      return true;
    }
    const echo = Buffer.from(initial ?? '', 'base64').toString('utf8').replace(/\0/g, ' ');
    s.send(`535 5.7.8 bad credentials: ${echo} (${line})`);
    echoes.n++;
    return true;
  });
}

/** An IMAP server: greeting, CAPABILITY, STARTTLS; `hook` takes the other commands. */
function imapServer(s: LineSession, hook: (tag: string, cmd: string, rest: string, line: string) => boolean = () => false): void {
  let tls = false;
  s.send('* OK [CAPABILITY IMAP4rev1 STARTTLS] hostile IMAP ready');
  s.onLine((line) => {
    const [tag = '*', cmdRaw = '', ...rest] = line.split(' ');
    const cmd = cmdRaw.toUpperCase();
    if (hook(tag, cmd, rest.join(' '), line)) return;
    if (cmd === 'CAPABILITY') {
      s.send(`* CAPABILITY IMAP4rev1 ${tls ? 'AUTH=PLAIN SASL-IR' : 'STARTTLS LOGINDISABLED'}`);
      s.send(`${tag} OK done`);
    } else if (cmd === 'STARTTLS') {
      s.send(`${tag} OK begin TLS`);
      tls = true;
      s.startTls();
    } else if (cmd === 'LOGOUT') {
      s.send('* BYE');
      s.send(`${tag} OK bye`);
      s.socket.end();
    } else s.send(`${tag} BAD unknown`);
  });
}

function imapEcho(s: LineSession, echoes: Counter): void {
  let pending: string | undefined;
  imapServer(s, (tag, cmd, rest, line) => {
    if (pending) {
      const echo = Buffer.from(line, 'base64').toString('utf8').replace(/\0/g, ' ');
      s.send(`${pending} NO [AUTHENTICATIONFAILED] bad credentials: ${echo}`);
      echoes.n++;
      pending = undefined;
      return true;
    }
    if (cmd === 'LOGIN') {
      s.send(`${tag} NO [AUTHENTICATIONFAILED] login refused for ${rest}`);
      echoes.n++;
      return true;
    }
    if (cmd === 'AUTHENTICATE') {
      const [, initial] = rest.split(' ');
      if (initial) {
        s.send(`${tag} NO [AUTHENTICATIONFAILED] bad credentials: ${Buffer.from(initial, 'base64').toString('utf8').replace(/\0/g, ' ')}`);
        echoes.n++;
      } else {
        pending = tag;
        s.send('+ ');
      }
      return true;
    }
    return false;
  });
}

const huge = new Map<number, Promise<KeyAndCert>>();
/** A self-signed certificate made large by `names` subject alternative names (made once per size). */
function hugeCertificate(names: number): Promise<KeyAndCert> {
  if (!huge.has(names)) huge.set(names, selfSignedCertificate({ commonName: 'localhost', dnsNames: Array.from({ length: names }, (_, i) => `host-${i}.huge-certificate.hostile.test`), notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2040-01-01T00:00:00Z') }));
  return huge.get(names)!;
}

const TLS_ALERT = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]); // fatal handshake_failure

/** The discovery document of a provider at `base` (enough for the CIBA probes to go on). */
function discovery(base: string, jwks = `${base}/jwks`): Record<string, unknown> {
  return {
    issuer: base,
    authorization_endpoint: `${base}/auth`,
    token_endpoint: `${base}/token`,
    jwks_uri: jwks,
    backchannel_authentication_endpoint: `${base}/ciba`,
    backchannel_token_delivery_modes_supported: ['poll'],
    grant_types_supported: ['urn:openid:params:grant-type:ciba'],
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['ES256'],
    acr_values_supported: ['eidas1'],
  };
}

export const HOSTILE_CASES: HostileCase[] = [
  // SMTP
  { name: 'smtp-endless-reply', klass: 'smtp', behaviour: 'answers EHLO with an endless 250- reply', only: SMTP_ONLY, start: async () => {
    const server = await lineServer((s) => smtp(s, (_l, verb) => (verb === 'EHLO' ? (s.flood((i) => `250-EXTENSION-${i} ${'x'.repeat(40)}\r\n`), true) : false)));
    return { server, endpoints: submission(server.port) };
  } },
  { name: 'smtp-ehlo-100k-extensions', klass: 'smtp', behaviour: 'advertises 100,000 EHLO extensions', only: SMTP_ONLY, start: async () => {
    const server = await lineServer((s) => smtp(s, (_l, verb) => {
      if (verb !== 'EHLO') return false;
      s.socket.write(Array.from({ length: 100_000 }, (_, i) => `250-X-EXT-${i}\r\n`).join('') + '250 STARTTLS\r\n');
      return true;
    }));
    return { server, endpoints: submission(server.port) };
  } },
  { name: 'smtp-64mb-line', klass: 'smtp', behaviour: 'sends a greeting line that never ends', only: SMTP_ONLY, start: async () => {
    const server = await lineServer((s) => s.flood(() => Buffer.alloc(65536, 0x41)));
    return { server, endpoints: submission(server.port) };
  } },
  { name: 'smtp-drip', klass: 'smtp', behaviour: 'drips its greeting one byte at a time', only: SMTP_ONLY, start: async () => {
    const server = await lineServer((s) => s.drip('220-hostile.test drip drip drip\r\n', 150));
    return { server, endpoints: submission(server.port) };
  } },
  { name: 'smtp-reset-on-connect', klass: 'smtp', behaviour: 'resets the connection at once', only: SMTP_ONLY, start: async () => {
    const server = await lineServer((s) => s.reset());
    return { server, endpoints: submission(server.port) };
  } },
  { name: 'smtp-reset-after-ehlo', klass: 'smtp', behaviour: 'resets the connection after EHLO', only: SMTP_ONLY, start: async () => {
    const server = await lineServer((s) => smtp(s, (_l, verb) => (verb === 'EHLO' ? (s.reset(), true) : false)));
    return { server, endpoints: submission(server.port) };
  } },
  { name: 'smtp-tempfail', klass: 'smtp', behaviour: 'answers STARTTLS and AUTH with 454 (temporary failure)', only: SMTP_ONLY, start: async () => {
    const server = await lineServer((s) => smtp(s, (_l, verb) => (verb === 'STARTTLS' || verb === 'AUTH' ? (s.send('454 4.7.0 TLS not available due to temporary reason'), true) : false)));
    return { server, endpoints: submission(server.port) };
  } },
  { name: 'smtp-garbage', klass: 'smtp', behaviour: 'answers with random bytes', only: SMTP_ONLY, start: async () => {
    const server = await lineServer((s) => s.flood(() => randomBytes(4096)));
    return { server, endpoints: submission(server.port) };
  } },
  { name: 'smtp-echoes-credentials', klass: 'smtp', behaviour: 'refuses AUTH by echoing the decoded credentials', only: ['AUTH-PASSWORD-REFUSED/submission-plain', 'AUTH-PASSWORD-REFUSED/submission-login'], allowedPass: ['AUTH-PASSWORD-REFUSED/submission-plain', 'AUTH-PASSWORD-REFUSED/submission-login'], start: async () => {
    const echoes = { n: 0 };
    const server = await lineServer((s) => smtpEcho(s, echoes));
    return { server, endpoints: submission(server.port), echoes };
  } },
  // The MTA as a peer operator sees it (trust.peer-session: its own line reader)
  { name: 'mta-64mb-line-to-peer', klass: 'smtp', behaviour: 'greets a peer MTA with a line that never ends', only: TRUST_ONLY, start: async () => {
    const server = await lineServer((s) => s.flood(() => Buffer.alloc(65536, 0x42)));
    return { server, endpoints: mta(server.port) };
  } },
  { name: 'mta-alert-before-certificate-request', klass: 'tls', behaviour: 'says 220 to STARTTLS, then a fatal alert before any CertificateRequest', only: TRUST_ONLY, start: async () => {
    const server = await lineServer((s) => smtp(s, (_l, verb) => (verb === 'STARTTLS' ? (s.send('220 go'), s.socket.end(TLS_ALERT), true) : false)));
    return { server, endpoints: mta(server.port) };
  } },
  // IMAP
  { name: 'imap-untagged-flood', klass: 'imap', behaviour: 'answers every command with endless untagged responses', only: IMAP_ONLY, start: async () => {
    const server = await lineServer((s) => imapServer(s, () => (s.flood((i) => `* ${i} EXISTS\r\n`), true)));
    return { server, endpoints: imap(server.port) };
  } },
  { name: 'imap-reset-after-starttls', klass: 'imap', behaviour: 'says OK to STARTTLS, then resets', only: IMAP_ONLY, start: async () => {
    const server = await lineServer((s) => imapServer(s, (tag, cmd) => (cmd === 'STARTTLS' ? (s.send(`${tag} OK begin TLS`), setTimeout(() => s.reset(), 20), true) : false)));
    return { server, endpoints: imap(server.port) };
  } },
  { name: 'imap-echoes-credentials', klass: 'imap', behaviour: 'refuses LOGIN and AUTHENTICATE by echoing the credentials', only: ['AUTH-PASSWORD-REFUSED/imap-login', 'AUTH-PASSWORD-REFUSED/imap-plain'], allowedPass: ['AUTH-PASSWORD-REFUSED/imap-login', 'AUTH-PASSWORD-REFUSED/imap-plain'], start: async () => {
    const echoes = { n: 0 };
    const server = await lineServer((s) => imapEcho(s, echoes));
    return { server, endpoints: imap(server.port), echoes };
  } },
  // TLS
  // Before TLS these servers behave (no AUTH advertised, AUTH answered 502): SMTP-NO-AUTH-BEFORE-TLS may pass.
  { name: 'tls-alert-on-starttls', klass: 'tls', behaviour: 'says 220 to STARTTLS, then sends a fatal TLS alert', only: SMTP_ONLY, allowedPass: ['SMTP-NO-AUTH-BEFORE-TLS/submission'], start: async () => {
    const server = await lineServer((s) => smtp(s, (_l, verb) => (verb === 'STARTTLS' ? (s.send('220 go'), s.socket.end(TLS_ALERT), true) : false)));
    return { server, endpoints: submission(server.port) };
  } },
  { name: 'tls-garbage-handshake', klass: 'tls', behaviour: 'answers the TLS ClientHello with random bytes', only: IMAP_ONLY, start: async () => {
    const server = await lineServer((s) => imapServer(s, (tag, cmd) => (cmd === 'STARTTLS' ? (s.send(`${tag} OK begin TLS`), s.flood(() => randomBytes(4096)), true) : false)));
    return { server, endpoints: imap(server.port) };
  } },
  { name: 'tls-huge-certificate', klass: 'tls', behaviour: 'presents an 80 KB certificate (2,000 names)', only: SMTP_ONLY, allowedPass: ['SMTP-NO-AUTH-BEFORE-TLS/submission'], start: async () => {
    const cert = await hugeCertificate(2000);
    const server = await lineServer((s) => smtp(s, (_l, verb) => (verb === 'STARTTLS' ? (s.send('220 go'), s.startTls(cert), true) : false)));
    return { server, endpoints: submission(server.port) };
  } },
  { name: 'tls-oversized-handshake', klass: 'tls', behaviour: 'presents a 160 KB certificate (past what OpenSSL reads)', only: SMTP_ONLY, allowedPass: ['SMTP-NO-AUTH-BEFORE-TLS/submission'], start: async () => {
    const cert = await hugeCertificate(4000);
    const server = await lineServer((s) => smtp(s, (_l, verb) => (verb === 'STARTTLS' ? (s.send('220 go'), s.startTls(cert), true) : false)));
    return { server, endpoints: submission(server.port) };
  } },
  // HTTP (OIDC provider)
  { name: 'http-endless-discovery', klass: 'http', behaviour: 'sends an endless discovery document', only: OIDC_ONLY, start: async () => {
    const server = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"issuer":"');
      endlessBody(res, 'x'.repeat(65536));
    });
    return { server, endpoints: oidc(server.port) };
  } },
  { name: 'http-huge-jwks', klass: 'http', behaviour: 'serves a 4 MB JWKS', only: OIDC_ONLY, start: async () => {
    const keys = JSON.stringify({ keys: Array.from({ length: 20_000 }, (_, i) => ({ kty: 'EC', crv: 'P-256', kid: `k${i}`, x: 'x'.repeat(86), y: 'y'.repeat(86) })) });
    const server = await httpServer((req, res, _body, base) => {
      res.writeHead(req.url?.startsWith('/jwks') ? 200 : req.url?.includes('openid-configuration') ? 200 : 400, { 'content-type': 'application/json' });
      res.end(req.url?.startsWith('/jwks') ? keys : req.url?.includes('openid-configuration') ? JSON.stringify(discovery(base)) : '{"error":"invalid_request"}');
    });
    return { server, endpoints: oidc(server.port) };
  } },
  { name: 'http-redirect-loop', klass: 'http', behaviour: 'redirects every request to itself', only: OIDC_ONLY, start: async () => {
    const server = await httpServer((req, res, _b, base) => {
      res.writeHead(302, { location: `${base}${req.url}` });
      res.end();
    });
    return { server, endpoints: oidc(server.port) };
  } },
  { name: 'http-redirect-off-loopback', klass: 'http', behaviour: 'redirects to an address off loopback (never contacted)', only: OIDC_ONLY, start: async () => {
    const server = await httpServer((req, res) => {
      res.writeHead(307, { location: `http://192.0.2.1${req.url}` });
      res.end();
    });
    return { server, endpoints: oidc(server.port) };
  } },
  { name: 'http-drip-body', klass: 'http', behaviour: 'drips its body one byte at a time', only: OIDC_ONLY, start: async () => {
    const server = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const t = setInterval(() => res.write(' '), 150);
      res.on('close', () => clearInterval(t));
    });
    return { server, endpoints: oidc(server.port) };
  } },
  { name: 'http-reset', klass: 'http', behaviour: 'resets the connection on every request', only: OIDC_ONLY, start: async () => {
    const server = await httpServer((req) => req.socket.resetAndDestroy?.() ?? req.socket.destroy());
    return { server, endpoints: oidc(server.port) };
  } },
  { name: 'http-garbage', klass: 'http', behaviour: 'answers HTTP requests with random bytes', only: OIDC_ONLY, start: async () => {
    const server = await lineServer((s) => s.socket.once('data', () => s.flood(() => randomBytes(4096))));
    return { server, endpoints: oidc(server.port) };
  } },
  { name: 'http-tempfail', klass: 'http', behaviour: 'answers 503 with Retry-After to everything', only: OIDC_ONLY, start: async () => {
    const server = await httpServer((_req, res) => {
      res.writeHead(503, { 'retry-after': '3600', 'content-type': 'text/plain' });
      res.end('overloaded');
    });
    return { server, endpoints: oidc(server.port) };
  } },
  { name: 'http-otp-endless-body', klass: 'http', behaviour: 'answers the OTP login with a body that never ends', only: OTP_ONLY, start: async () => {
    const server = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      endlessBody(res, '<p>'.padEnd(65536, 'x'));
    });
    return { server, endpoints: otpWeb(server.port), profile: OTP_PROFILE };
  } },
  // AUTH-TOTP-WINDOW is left out here: against a server that refuses every code it passes (it has no
  // positive control that a valid code is accepted), a scenario gap reported, not a harness choice.
  { name: 'http-otp-echoes-password', klass: 'http', behaviour: 'accepts the password step, then refuses the code by echoing the request (JSON, HTML, URL-encoded)', only: ['AUTH-TOTP-VALID', 'AUTH-TOTP-REPLAY'], start: async () => {
    const echoes = { n: 0 };
    const server = await httpServer((req, res, body) => {
      echoes.n++;
      if (req.url === '/login') {
        res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'sid=hostile-session' });
        res.end(JSON.stringify({ session: 'hostile-session', echo: Object.fromEntries(new URLSearchParams(body)), raw: body }));
        return;
      }
      const parsed = (() => {
        try {
          return JSON.parse(body) as Record<string, string>;
        } catch {
          return {};
        }
      })();
      const html = String(parsed.password ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
      res.writeHead(401, { 'content-type': 'text/html' });
      res.end(`<p>wrong code for password <b>${html}</b> (${encodeURIComponent(String(parsed.password))}) raw ${body}</p>`);
    });
    return { server, endpoints: otpWeb(server.port), profile: OTP_PROFILE, echoes };
  } },
  { name: 'http-echoes-client-secret', klass: 'http', behaviour: 'refuses the CIBA request by echoing the request body and Authorization header', only: OIDC_ONLY, start: async () => {
    const echoes = { n: 0 };
    const server = await httpServer((req, res, body, base) => {
      if (req.url?.includes('openid-configuration')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(discovery(base)));
        return;
      }
      if (req.url?.startsWith('/jwks')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"keys":[]}');
        return;
      }
      echoes.n++;
      const auth = req.headers.authorization ?? '';
      const decoded = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8') : auth;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'invalid_client', error_description: `client authentication failed for ${decoded} with body ${decodeURIComponent(body.replace(/\+/g, ' '))} raw ${body}` }));
    });
    return { server, endpoints: oidc(server.port), echoes };
  } },
];
