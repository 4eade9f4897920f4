/**
 * Messages of a target's test mailbox, fetched over IMAP with imapflow and handed on as streams
 * (never buffered whole). TLS first, always: STARTTLS is required (implicit TLS when the endpoint
 * says `tls`), the server certificate is checked against the target's trust anchors, then SASL
 * XOAUTH2 with a PSC access token (see imap-credentials.ts). Connect, idle and overall timeouts
 * all apply; no secret reaches an error message.
 *
 * What the lint cannot judge becomes `skip`, never `error` nor `pass`: no endpoint or token, a
 * server that does not offer STARTTLS, a refused login (the IMAP-STARTTLS and AUTH-XOAUTH2-*
 * scenarios judge those).
 */
import { phrase } from '../../i18n/phrase.js';
import type { Readable } from 'node:stream';
// imapflow is loaded when a mailbox is read, not when the probe registry is (`msscheck list`, `--help`).
import type { ImapFlow } from 'imapflow';
import { loadTrustAnchors } from '../x509/trust-anchors.js';
import { networkError, precondition, ProbeError, type ProbeContext, type Transcript } from '../types.js';
import { type ImapCredentialInput, type ImapCredentials, resolveImapCredentials } from './imap-credentials.js';

export interface ImapSourceInput extends ImapCredentialInput {
  folder?: string;
  /** The most recent `limit` messages are linted. */
  limit?: number;
}

/** Where the messages came from (facts; no secret). */
export interface ImapSourceInfo {
  mailbox: string;
  mechanism: 'XOAUTH2' | 'PASSWORD';
  /** Whether the server advertised AUTH=XOAUTH2 after TLS (it is tried anyway). */
  xoauth2Advertised: boolean;
  folder: string;
  /** Messages in the folder; `fetched` of them (the most recent) were linted. */
  inFolder: number;
  fetched: number;
}

const DEFAULT_LIMIT = 20;
const TRANSCRIPT_LINES = 200;
const TRANSCRIPT_LINE_CHARS = 300;

function mapImapError(err: unknown, what: string, mechanism: string): ProbeError {
  if (err instanceof ProbeError) return err;
  const e = err as { code?: string; authenticationFailed?: boolean; tlsFailed?: boolean; serverResponseCode?: string };
  if (e.authenticationFailed) {
    const code = e.serverResponseCode ? ` [${e.serverResponseCode}]` : '';
    return new ProbeError('PRECONDITION', phrase('pe-imap-source-login-refused', { what, mechanism, code }), 'skip');
  }
  switch (e.code) {
    case 'CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return new ProbeError('ETIMEDOUT_CONNECT', phrase('pe-connection-timed-out', { what }));
    case 'GREETING_TIMEOUT':
    case 'UPGRADE_TIMEOUT':
    case 'ETIMEOUT':
    case 'SOCKET_TIMEOUT':
      return new ProbeError('ETIMEDOUT_IDLE', phrase('pe-server-stopped-answering', { what }));
    case 'NoConnection':
    case 'EConnectionClosed':
    case 'ClosedAfterConnectText':
    case 'ClosedAfterConnectTLS':
      return new ProbeError('ECONNRESET', phrase('pe-server-closed', { what }));
    default:
      if (CERTIFICATE_REJECTIONS.test(String(e.code))) {
        // No token is handed to a server whose certificate does not verify; the certificate itself
        // is judged by the X509-* scenarios, so here it is a missing precondition.
        return new ProbeError('PRECONDITION', phrase('pe-imap-source-cert-unverified', { what, code: e.code }), 'skip');
      }
      if (e.tlsFailed || /certificate|self[- ]signed|SSL|TLS/i.test(String((err as Error)?.message))) return new ProbeError('ETLS', phrase('pe-tls-failed', { what, code: (err as NodeJS.ErrnoException).code ?? 'handshake' }));
      return networkError(err, what);
  }
}

/** Node.js codes of a certificate that did not verify (expired, untrusted, wrong host, ...). */
const CERTIFICATE_REJECTIONS = /^(CERT_|ERR_TLS_CERT_ALTNAME_INVALID$|UNABLE_TO_(GET_ISSUER_CERT|VERIFY_LEAF_SIGNATURE)|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$)/;

/**
 * Makes imapflow use XOAUTH2 even when the server also offers OAUTHBEARER (imapflow prefers the
 * latter; MSSanté mandates the former) or does not advertise it (a check tries the mechanism).
 * Records whether XOAUTH2 was advertised. Relies on imapflow's public `capabilities` map, which it
 * replaces after each CAPABILITY response.
 */
function forceXoauth2(client: ImapFlow, seen: { xoauth2Advertised: boolean; starttlsAdvertised: boolean; tlsUp: () => boolean }): void {
  let caps = client.capabilities;
  Object.defineProperty(client, 'capabilities', {
    configurable: true,
    enumerable: true,
    get: () => caps,
    set: (next: Map<string, boolean | number>) => {
      if (!seen.tlsUp()) seen.starttlsAdvertised = next.has('STARTTLS');
      else {
        if (next.has('AUTH=XOAUTH2')) seen.xoauth2Advertised = true;
        next.delete('AUTH=OAUTHBEARER');
        if (!next.has('AUTH=XOAUTH2') && !next.has('AUTH=XOAUTH')) next.set('AUTH=XOAUTH2', true);
      }
      caps = next;
    },
  });
}

/** imapflow's log entries as transcript lines (bounded: message bodies are not evidence). */
function transcriptLogger(transcript: Transcript): Record<'debug' | 'info' | 'warn' | 'error' | 'trace' | 'fatal', (o: unknown) => void> {
  let lines = 0;
  const line = (o: unknown): void => {
    const entry = o as { src?: string; msg?: unknown };
    if (typeof entry?.msg !== 'string' || lines >= TRANSCRIPT_LINES) return;
    lines++;
    const text = entry.msg.length > TRANSCRIPT_LINE_CHARS ? `${entry.msg.slice(0, TRANSCRIPT_LINE_CHARS)}…` : entry.msg;
    if (entry.src === 'c') transcript.client(text);
    else if (entry.src === 's') transcript.server(text);
  };
  const none = (): void => undefined;
  return { debug: line, info: none, warn: none, error: none, trace: none, fatal: none };
}

/** An authenticated IMAP session on the target's mailbox, as `withImapSession` hands it to its body. */
export interface ImapSession {
  client: ImapFlow;
  creds: ImapCredentials;
  transcript: Transcript;
  /** `IMAP host:port`, for messages. */
  what: string;
  /** Whether the server advertised AUTH=XOAUTH2 after TLS. */
  xoauth2Advertised(): boolean;
  /** Throws the overall timeout when the run was aborted or the session's overall timer fired. */
  checkTime(): void;
}

/**
 * Connects to the target's IMAP endpoint (TLS first, certificate checked), logs in as `input`
 * says, runs `body`, then logs out. Every failure is mapped as this module's header says:
 * a missing precondition is a skip, a timeout or a broken exchange an error.
 */
export async function withImapSession<T>(ctx: ProbeContext, input: ImapCredentialInput, title: string, body: (session: ImapSession) => Promise<T>): Promise<T> {
  const ep = ctx.target.profile.endpoints.imap;
  if (!ep) throw precondition(phrase('pe-no-imap-endpoint'));
  const creds = await resolveImapCredentials(ctx, input);
  const implicitTls = ep.security === 'tls';
  const servername = ep.serverName ?? ep.host;
  const ca = (ctx.target.profile.trustAnchors ?? []).length ? loadTrustAnchors(ctx.target).map((c) => c.toString()) : undefined;
  const what = `IMAP ${ep.host}:${ep.port}`;
  return ctx.withEndpointSlot(`${ep.host}:${ep.port}`, async () => {
    const transcript = ctx.transcript(phrase('ev-imap-mailbox', { endpoint: `${ep.host}:${ep.port}`, mailbox: creds.mailbox.address, folder: title }));
    const { ImapFlow } = await import('imapflow');
    const client = new ImapFlow({
      host: ep.host,
      port: ep.port,
      secure: implicitTls,
      // Never in the clear: STARTTLS is required unless the endpoint is implicit TLS.
      doSTARTTLS: implicitTls ? undefined : true,
      servername,
      tls: { rejectUnauthorized: true, servername, minVersion: 'TLSv1.2', ...(ca ? { ca } : {}) },
      auth: creds.auth,
      logger: transcriptLogger(transcript) as never,
      clientInfo: { name: 'msscheck' },
      disableAutoIdle: true,
      connectionTimeout: ctx.timeouts.connectMs,
      greetingTimeout: ctx.timeouts.idleMs,
      socketTimeout: ctx.timeouts.idleMs,
    });
    const seen = { xoauth2Advertised: false, starttlsAdvertised: false, tlsUp: () => implicitTls || client.secureConnection === true };
    if (creds.mechanism === 'XOAUTH2') forceXoauth2(client, seen);
    client.on('error', () => undefined);
    let timedOut = false;
    const abort = (): void => {
      client.close();
    };
    const overall = setTimeout(() => {
      timedOut = true;
      client.close();
    }, ctx.timeouts.overallMs);
    ctx.signal.addEventListener('abort', abort, { once: true });
    const checkTime = (): void => {
      if (ctx.signal.aborted || timedOut) throw new ProbeError('ETIMEDOUT_OVERALL', phrase('pe-overall-timeout', { what }));
    };
    try {
      transcript.note(`connecting (${implicitTls ? 'implicit TLS' : 'STARTTLS required'}) as ${creds.user} with ${creds.mechanism}`);
      try {
        await client.connect();
      } catch (err) {
        if (!ctx.signal.aborted && !timedOut && (err as { tlsFailed?: boolean }).tlsFailed && !implicitTls && !seen.starttlsAdvertised && client.secureConnection !== true) {
          throw new ProbeError('NOT_OFFERED', phrase('pe-imap-source-no-starttls', { what }), 'skip');
        }
        throw err;
      }
      transcript.note(`logged in as ${creds.user}`);
      const result = await body({ client, creds, transcript, what, xoauth2Advertised: () => seen.xoauth2Advertised, checkTime });
      await client.logout();
      return result;
    } catch (err) {
      if (ctx.signal.aborted || timedOut) throw new ProbeError('ETIMEDOUT_OVERALL', phrase('pe-overall-timeout', { what }));
      throw mapImapError(err, what, creds.mechanism);
    } finally {
      clearTimeout(overall);
      ctx.signal.removeEventListener('abort', abort);
      client.close();
    }
  });
}

/** Calls `each` with every fetched message (name `imap:<mailbox>/<folder>/<uid>`), one at a time. */
export async function forEachImapMessage(ctx: ProbeContext, input: ImapSourceInput, each: (name: string, stream: Readable) => Promise<void>): Promise<ImapSourceInfo> {
  const folder = input.folder ?? 'INBOX';
  return withImapSession(ctx, input, folder, async ({ client, creds, transcript, xoauth2Advertised, checkTime }) => {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    let inFolder = 0;
    let fetched = 0;
    try {
      const uids = (await client.search({ all: true }, { uid: true })) || [];
      inFolder = uids.length;
      const chosen = uids.slice(-(input.limit ?? DEFAULT_LIMIT));
      transcript.note(`${uids.length} message(s) in ${folder}; linting ${chosen.length}`);
      for (const uid of chosen) {
        checkTime();
        const dl = await client.download(String(uid), undefined, { uid: true });
        if (!dl?.content) continue;
        await each(`imap:${creds.mailbox.address}/${folder}/${uid}`, dl.content);
        fetched++;
      }
    } finally {
      lock.release();
    }
    return { mailbox: creds.mailbox.address, mechanism: creds.mechanism, xoauth2Advertised: xoauth2Advertised(), folder, inFolder, fetched };
  });
}
