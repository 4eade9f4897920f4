import { ProbeError, type ProbeContext, type Timeouts, type Transcript } from '../probes/types.js';
import { phrase } from '../i18n/phrase.js';
import type { ResolvedMailEndpoint, LineProtocol } from './endpoints.js';
import { LineConnection, type TlsClientOptions } from './line-connection.js';
import { readSmtpReply } from './smtp-reply.js';
import type { TlsInfo } from './tls-info.js';

export interface TlsSessionIo {
  timeouts: Timeouts;
  signal?: AbortSignal;
  transcript?: Transcript;
}

/** Name we give in EHLO when a probe does not say otherwise. */
export const DEFAULT_EHLO_NAME = 'msscheck.invalid';

/**
 * What to say before the handshake on a STARTTLS endpoint. Resolves when the server said yes;
 * throws a `skip` ProbeError (NOT_OFFERED) when it refused STARTTLS.
 */
const STARTTLS_PREAMBLES: Record<LineProtocol, (conn: LineConnection) => Promise<void>> = {
  async smtp(conn) {
    const banner = await readSmtpReply(conn, conn.label);
    if (banner.code !== 220) throw new ProbeError('EPROTOCOL', phrase('pe-greeting-not-220', { what: conn.label, code: `${banner.code}` }));
    conn.writeLine(`EHLO ${DEFAULT_EHLO_NAME}`);
    await readSmtpReply(conn, conn.label);
    conn.writeLine('STARTTLS');
    const reply = await readSmtpReply(conn, conn.label);
    if (reply.code !== 220) throw notOffered(conn, `STARTTLS answered ${reply.code}`);
  },
  async imap(conn) {
    const greeting = await conn.readLine();
    if (!/^\* OK\b/i.test(greeting)) throw new ProbeError('EPROTOCOL', phrase('pe-imap-greeting-not-ok', { what: conn.label }));
    conn.writeLine('S1 STARTTLS');
    for (;;) {
      const line = await conn.readLine();
      if (line.startsWith('* ')) continue;
      const m = /^S1 (OK|NO|BAD)\b/i.exec(line);
      if (!m) throw new ProbeError('EPROTOCOL', phrase('pe-imap-starttls-unexpected', { what: conn.label }));
      if (m[1]!.toUpperCase() !== 'OK') throw notOffered(conn, `STARTTLS answered ${m[1]!.toUpperCase()}`);
      return;
    }
  },
};

function notOffered(conn: LineConnection, detail: string): ProbeError {
  return new ProbeError('NOT_OFFERED', phrase('net-no-tls', { what: conn.label, detail }), 'skip');
}

/**
 * Opens a TLS session to a mail endpoint: implicit TLS, or the protocol's STARTTLS. The caller
 * closes the returned connection. A refused STARTTLS is `skip` (NOT_OFFERED); a refused handshake
 * is a TlsHandshakeError; a `plain` endpoint has no TLS to examine (`skip`).
 */
export async function openTlsSession(
  endpoint: ResolvedMailEndpoint,
  tls: TlsClientOptions,
  io: TlsSessionIo,
): Promise<{ conn: LineConnection; tls: TlsInfo }> {
  const base = { host: endpoint.host, port: endpoint.port, timeouts: io.timeouts, signal: io.signal, transcript: io.transcript, label: endpoint.label };
  const options = { servername: endpoint.expectedName, ...tls };
  if (endpoint.security === 'plain') throw new ProbeError('NOT_OFFERED', phrase('net-declared-plain', { what: endpoint.label }), 'skip');
  if (endpoint.security === 'tls') {
    const conn = await LineConnection.open({ ...base, tls: options });
    return { conn, tls: conn.tlsInfo! };
  }
  const conn = await LineConnection.open(base);
  try {
    await STARTTLS_PREAMBLES[endpoint.protocol](conn);
    const info = await conn.startTls(options);
    return { conn, tls: info };
  } catch (err) {
    conn.close();
    throw err;
  }
}

/**
 * One TLS handshake with a mail endpoint, for what it negotiates and presents (the peer's chain is
 * read unless `tls.peerChain` is false): the session is
 * opened as `openTlsSession` opens it (same errors), with the probe's timeouts and abort signal,
 * then closed before this returns.
 */
export async function tlsHandshakeInfo(
  endpoint: ResolvedMailEndpoint,
  tls: TlsClientOptions,
  ctx: Pick<ProbeContext, 'timeouts' | 'signal'>,
  transcript: Transcript,
): Promise<TlsInfo> {
  const { conn, tls: info } = await openTlsSession(endpoint, { peerChain: true, ...tls }, { timeouts: ctx.timeouts, signal: ctx.signal, transcript });
  conn.close();
  return info;
}
