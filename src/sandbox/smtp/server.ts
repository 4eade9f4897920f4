import { brokenDhParams } from '../../pki/broken-dh.js';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import type { SandboxServices, StoredMessage } from '../types.js';
import type { SmtpBehaviour } from './behaviour.js';
import { installOauthbearer } from './oauthbearer.js';
import { successReport } from './dsn-report.js';
import { type ExternalAuth, installExternal, type SubmissionExternal } from './external.js';
import type { SmtpTlsExtras } from './peer-trust.js';

export interface SmtpEndpointOptions {
  behaviour: SmtpBehaviour;
  host: string;
  /** PEM private key and PEM chain (leaf then intermediates). */
  key: string;
  cert: string;
  /** Domains the MTA accepts mail for. */
  localDomains: string[];
  services: SandboxServices;
  store: StoredMessage[];
  /** Cipher hardening and the MTA's peer-operator checks (peer-trust.ts). */
  tlsExtras?: SmtpTlsExtras;
  /** Called with each accepted message and its rank in `store` (1-based): store-dir.ts writes it to a folder. */
  onStored?: (message: StoredMessage, n: number) => void;
  /** A mailbox's password (AUTH PLAIN / LOGIN, only with `behaviour.passwordAuth`), looked up at each attempt. */
  passwordFor?: (user: string) => string | undefined;
  /** SASL EXTERNAL with a TLS client certificate (submission; external.ts): asks for a certificate and offers EXTERNAL. */
  external?: SubmissionExternal;
}

export interface RunningSmtpEndpoint {
  port: number;
  close(): Promise<void>;
}

const MAX_MESSAGE = 25 * 1024 * 1024;

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Whether an envelope address carried any of these ESMTP parameters (smtp-server's upper-cased `args`). */
function hasArgs(address: { args?: unknown }, names: string[]): boolean {
  const args = address.args && typeof address.args === 'object' ? (address.args as Record<string, unknown>) : {};
  return names.some((n) => args[n] !== undefined);
}

/** The XOAUTH2 error object RFC-less clients expect (seen on operators' platforms). */
const XOAUTH2_REFUSAL = { status: '401', schemes: 'bearer', scope: 'mail' };

/** TLS 1.2 suites in server order: good GCM ones, a DHE one that cannot complete, then a forbidden CBC-SHA1 one. */
const UNCOMPLETABLE_DHE_FIRST = 'ECDHE+AESGCM:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:@SECLEVEL=0';

/** One sandbox SMTP endpoint (MTA or submission) on `host`, ephemeral port, behaving as told. */
export async function startSmtpEndpoint(o: SmtpEndpointOptions): Promise<RunningSmtpEndpoint> {
  const b = o.behaviour;
  installOauthbearer();
  installExternal();
  const legacyTls = b.minTlsVersion === 'TLSv1' || b.minTlsVersion === 'TLSv1.1';
  const serverDisabled = [...(b.auth ? [] : ['AUTH']), ...(b.starttls ? [] : ['STARTTLS'])];
  const hideAuthBeforeTls = b.auth && !b.authBeforeTls;
  const options: SMTPServerOptions & { maxCommandLength: number } = {
    // RFC 4954 §4: lines carrying a SASL response may reach 12288 octets (the AUTH command line itself
    // is held to 512 by the SASL handlers in oauthbearer.ts).
    maxCommandLength: 12288,
    name: b.role === 'mta' ? 'mx.sandbox.mssante.test' : 'smtp.sandbox.mssante.test',
    banner: `msscheck sandbox ${b.role === 'mta' ? 'MTA' : 'submission'}`,
    key: o.key,
    cert: o.cert,
    minVersion: b.minTlsVersion,
    ...(legacyTls ? { ciphers: 'DEFAULT:@SECLEVEL=0' } : o.tlsExtras ? { ciphers: o.tlsExtras.ciphers } : {}),
    ...(b.uncompletableDheFirst ? { ciphers: UNCOMPLETABLE_DHE_FIRST, dhparam: brokenDhParams(), honorCipherOrder: true } : {}),
    ...(o.tlsExtras?.requestCert || o.external ? { requestCert: true, rejectUnauthorized: false } : {}),
    logger: false,
    disableReverseLookup: true,
    disabledCommands: serverDisabled,
    authMethods: ['XOAUTH2', 'OAUTHBEARER', ...(o.external ? ['EXTERNAL'] : []), ...(b.passwordAuth ? ['PLAIN', 'LOGIN'] : [])],
    // An MTA never requires AUTH (peer operators relay without it), even where it offers AUTH.
    authOptional: b.role === 'mta' || !b.auth,
    allowInsecureAuth: b.authBeforeTls,
    size: MAX_MESSAGE,
    socketTimeout: 30_000,
    // RFC 3461: without DSN the parameters are neither advertised nor checked (smtp-server then ignores NOTIFY).
    hideDSN: !b.dsn,
    closeTimeout: 1_000,
    onConnect(session: SMTPServerSession, cb) {
      // AUTH exists only once TLS is up: hidden from EHLO and refused before STARTTLS.
      if (hideAuthBeforeTls) session.disabledCommands = [...serverDisabled, 'AUTH'];
      cb();
    },
    onSecure(socket, session: SMTPServerSession, cb) {
      session.disabledCommands = undefined;
      if (b.starttlsAfterTls) keepStarttlsInEhlo(server, session);
      o.tlsExtras?.onSecure(socket as import('node:tls').TLSSocket, session);
      cb();
    },
    onAuth(auth, _session, cb) {
      if ((auth.method as string) === 'EXTERNAL') return o.external ? o.external.authenticate(auth as unknown as ExternalAuth, cb) : cb(null, {});
      if (auth.method === 'PLAIN' || auth.method === 'LOGIN') {
        const expected = b.passwordAuth && auth.username ? o.passwordFor?.(auth.username) : undefined;
        return cb(null, expected !== undefined && expected === auth.password ? { user: { username: auth.username } } : {});
      }
      const verifier = o.services.tokenVerifier;
      // XOAUTH2, and OAUTHBEARER (translated to the XOAUTH2 form, see oauthbearer.ts): a bearer token.
      if (auth.method !== 'XOAUTH2' || !auth.accessToken || !verifier) return cb(null, { data: XOAUTH2_REFUSAL });
      verifier.verify(auth.accessToken).then(
        (check) => (check.ok ? cb(null, { user: { username: auth.username, claims: check.claims } }) : cb(null, { data: XOAUTH2_REFUSAL })),
        () => cb(smtpError(454, 'Temporary authentication failure')),
      );
    },
    onMailFrom(_address, session, cb) {
      if (!session.secure && !b.plaintextMail) return cb(smtpError(530, 'Must issue a STARTTLS command first'));
      if (b.dsn && b.dsnParametersRefused && hasArgs(_address, ['RET', 'ENVID'])) return cb(smtpError(555, '5.5.4 MAIL FROM parameters not recognized'));
      if (session.secure && o.tlsExtras) return void o.tlsExtras.checkMailFrom(session, _address.address).then((err) => cb(err ?? undefined), () => cb(smtpError(451, 'Temporary failure')));
      cb();
    },
    onRcptTo(address, session, cb) {
      const domain = address.address.split('@').pop()?.toLowerCase() ?? '';
      if (b.role === 'mta' && !o.localDomains.includes(domain)) return cb(smtpError(550, 'Relay access denied'));
      if (b.role === 'submission' && !session.user) return cb(smtpError(530, 'Authentication required'));
      if (b.dsn && b.dsnParametersRefused && hasArgs(address, ['NOTIFY', 'ORCPT'])) return cb(smtpError(555, '5.5.4 RCPT TO parameters not recognized'));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (stream.sizeExceeded) return cb(smtpError(552, 'Message exceeds the maximum size'));
        const env = session.envelope;
        o.store.push({
          endpoint: b.role === 'mta' ? 'smtpMta' : 'smtpSubmission',
          from: env.mailFrom ? env.mailFrom.address : '',
          to: env.rcptTo.map((r) => r.address),
          receivedAt: new Date().toISOString(),
          raw: Buffer.concat(chunks),
          ...(env.dsn ? { dsn: { ret: env.dsn.ret ?? null, envid: env.dsn.envid ?? null, recipients: env.rcptTo.map((r) => ({ address: r.address, notify: r.dsn?.notify ?? null, orcpt: r.dsn?.orcpt ?? null })) } } : {}),
        });
        const stored = o.store[o.store.length - 1]!;
        o.onStored?.(stored, o.store.length);
        // RFC 3461 §5.2: the sandbox delivers at once, so a success notification, when asked, goes straight back to the sender's mailbox.
        const report = b.role === 'submission' && b.dsn && b.dsnReports ? successReport(stored, { reportingMta: String(options.name), omitEnvid: b.dsnWithoutEnvid, misreport: b.dsnMisreported, now: new Date() }) : undefined;
        if (report) o.store.push({ endpoint: 'smtpSubmission', from: '', to: [stored.from], receivedAt: new Date().toISOString(), raw: report, generated: 'dsn' });
        cb();
      });
    },
  };
  const server = new SMTPServer(options);
  const hidden: string[] = [...(b.hideOauthbearer ? ['OAUTHBEARER'] : []), ...(b.hiddenMechanisms ?? [])];
  if (hidden.length) {
    // EHLO lists `authMethods`; AUTH only asks `authMethods.includes(mechanism)`: the hidden ones then work unlisted.
    const offered = server.options.authMethods;
    const listed = offered.filter((m) => !hidden.includes(m));
    server.options.authMethods = Object.assign(listed, { includes: (m: string) => Array.prototype.includes.call(offered, m) });
  }
  server.on('error', () => undefined); // a client's broken handshake is not the sandbox's failure
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, o.host, () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The connection internals keepStarttlsInEhlo uses (smtp-server is pinned; test/package/patched-internals.test.ts checks them). */
interface ConnectionInternals {
  session: SMTPServerSession;
  send(code: number, data?: string | string[], context?: unknown): void;
}

/**
 * The defect mta-starttls-after-tls: smtp-server drops STARTTLS from EHLO once the session is secure
 * and has no option to keep it, so the secured connection's EHLO reply gets it back.
 */
function keepStarttlsInEhlo(server: SMTPServer, session: SMTPServerSession): void {
  const connections = (server as unknown as { connections: Set<ConnectionInternals> }).connections;
  for (const c of connections) {
    if (c.session !== session) continue;
    const send = c.send.bind(c);
    c.send = (code, data, context) => send(code, code === 250 && Array.isArray(data) && data.includes('PIPELINING') && !data.includes('STARTTLS') ? [...data, 'STARTTLS'] : data, context);
  }
}
