import net from 'node:net';
import tls from 'node:tls';
import { clientContext } from '../../net/client-context.js';
import { Duplex } from 'node:stream';
import { ProbeError, networkError, type Timeouts, type Transcript } from '../types.js';
import { timeoutError } from '../../net/errors.js';
import { ioFirstTimeout } from '../../net/io-first-timeout.js';
import { LineSplitter, LineTooLong } from '../../net/line-splitter.js';
import { currentLimits, limitExceeded } from '../../limits/limits.js';
import { ServerHandshakeTap } from './handshake-tap.js';
import { replyMeanings } from '../outcomes/reply-meanings.js';
import { phrase, renderPhrase } from '../../i18n/phrase.js';

export interface PeerSessionOptions {
  host: string;
  port: number;
  servername?: string;
  timeouts: Timeouts;
  signal?: AbortSignal;
  transcript: Transcript;
  /** PEM chain and key, or PKCS#12, of the certificate we present (none: no certificate). */
  identity?: { cert?: string; key?: string; pfx?: Buffer; passphrase?: string };
  tlsVersion: 'TLSv1.2' | 'TLSv1.3';
  ehloName: string;
  mailFrom: string;
  rcptTo: string;
}

export type PeerStage = 'handshake' | 'after-tls' | 'ehlo' | 'mail' | 'rcpt';

export interface PeerSessionResult {
  certificateRequested: boolean | null;
  /** Our Certificate message (possibly empty) was seen leaving in clear (TLS 1.2); null: not observable. */
  certificateSent: boolean | null;
  tlsProtocol: string | null;
  /**
   * accepted: EHLO, MAIL FROM and RCPT TO accepted; refused: a permanent refusal (5xx, 421 then
   * close, a TLS alert after our Certificate, the connection closed right after the handshake);
   * deferred: a 4xx reply, the mail is not accepted now (`deferredReply` says how);
   * inconclusive: a temporary failure or a drop that says nothing (the probe retries, then errors).
   */
  outcome: 'accepted' | 'refused' | 'deferred' | 'inconclusive';
  refusedAt: PeerStage | null;
  /** How the outcome was observed, in the server's words: a TLS alert, a reply, the server closing the connection. */
  evidence: string | null;
  /** What that means and its source (protocol/reply-meanings.yaml, exchange `smtp-peer`). */
  replyMeaning: { meaning: string; ref: string } | null;
  replies: { ehlo?: number; mail?: number; rcpt?: number };
}

/** An OpenSSL error that reports an alert the PEER sent (not a failure of our own client). */
export function isPeerAlert(err: NodeJS.ErrnoException): boolean {
  return /ALERT/.test(err.code ?? '') || /alert/i.test(err.message);
}

/**
 * Plays a peer operator on an SMTP MTA: STARTTLS, a TLS handshake presenting (or not) a client
 * certificate, then EHLO, MAIL FROM and RCPT TO. The server's side of the handshake is tapped to
 * see whether it asked for a certificate; a refusal is only reported when the server showed it
 * (an alert, a 5xx reply, or closing the connection after our handshake). Our own failures throw.
 */
export async function runPeerSession(o: PeerSessionOptions): Promise<PeerSessionResult> {
  const t = o.transcript;
  const tap = new ServerHandshakeTap();
  const clientTap = new ServerHandshakeTap();
  const replies: PeerSessionResult['replies'] = {};
  const label = `${o.host}:${o.port}`;
  const raw = await connect(o, label);
  const overall = setTimeout(() => raw.destroy(timeoutError('overall', label, o.timeouts.overallMs)), o.timeouts.overallMs);
  const onAbort = (): void => void raw.destroy(timeoutError('overall', label, o.timeouts.overallMs));
  o.signal?.addEventListener('abort', onAbort, { once: true });
  let reader = new LineReader(raw, o.timeouts.idleMs, label, t);
  try {
    const banner = await reader.reply();
    if (banner.code !== 220) throw new ProbeError('EPROTOCOL', phrase('pe-greeting', { what: label, code: `${banner.code}` }));
    reader.send(`EHLO ${o.ehloName}`);
    await reader.reply();
    reader.send('STARTTLS');
    const st = await reader.reply();
    if (st.code !== 220) throw new ProbeError('NOT_OFFERED', phrase('pe-starttls-answered', { what: label, code: `${st.code}` }), 'skip');
    reader.detach();
    const wire = new Duplex({
      read() {},
      write(chunk: Buffer, _enc, cb) {
        clientTap.push(chunk);
        raw.write(chunk, cb);
      },
      final(cb) {
        raw.end();
        cb();
      },
    });
    raw.on('data', (d: Buffer) => {
      tap.push(d);
      wire.push(d);
    });
    raw.on('end', () => wire.push(null));
    raw.on('error', (e) => wire.destroy(e));
    t.note(`TLS handshake (${o.tlsVersion}, ${o.identity ? 'presenting a client certificate' : 'no client certificate'})`);
    let secure: tls.TLSSocket;
    try {
      const offer = {
        minVersion: o.tlsVersion,
        maxVersion: o.tlsVersion,
        ...(o.identity?.pfx ? { pfx: o.identity.pfx, passphrase: o.identity.passphrase } : {}),
        ...(o.identity?.cert ? { cert: o.identity.cert, key: o.identity.key } : {}),
      };
      const shared = clientContext(offer);
      secure = tls.connect({
        socket: wire,
        servername: o.servername && !net.isIP(o.servername) ? o.servername : undefined,
        rejectUnauthorized: false,
        ...(shared ? { secureContext: shared } : offer),
      });
    } catch (err) {
      throw new ProbeError('EINPUT', phrase('pe-peer-cert-unusable', { message: (err as Error).message }));
    }
    const hs = await new Promise<{ ok: true } | { ok: false; err: NodeJS.ErrnoException | null }>((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, err: Object.assign(new Error('handshake timeout'), { code: 'ETIMEDOUT_IDLE' }) }), o.timeouts.idleMs);
      secure.once('secureConnect', () => (clearTimeout(timer), resolve({ ok: true })));
      secure.once('error', (e) => (clearTimeout(timer), resolve({ ok: false, err: e })));
      secure.once('close', () => (clearTimeout(timer), resolve({ ok: false, err: null })));
    });
    const certificateSent = (): boolean | null => (clientTap.saw(11) ? true : tap.certificateRequested === null ? null : false);
    if (!hs.ok) {
      if (hs.err?.code === 'ETIMEDOUT_IDLE') throw timeoutError('idle', `${label} TLS handshake`, o.timeouts.idleMs);
      if (hs.err && !isPeerAlert(hs.err) && hs.err.code !== 'ECONNRESET') throw new ProbeError('ETLS', phrase('pe-our-tls-failed', { what: label, code: hs.err.code ?? hs.err.message }));
      const whyPhrase = hs.err ? phrase('pe-why-tls-alert', { code: `${hs.err.code}` }) : phrase('pe-why-closed-handshake');
      const why = renderPhrase(whyPhrase);
      // RFC 5246 §7.4.4, §7.4.6: the server can judge a peer's certificate only after asking for it
      // (CertificateRequest) and receiving our Certificate. Before that, an alert refuses something else.
      if (tap.certificateRequested !== true || !clientTap.saw(11)) {
        t.note(`handshake failed before our certificate was judged: ${why}`);
        throw new ProbeError(
          'EINCONCLUSIVE',
          phrase('pe-handshake-failed-before', {
            what: label,
            why: whyPhrase,
            before: tap.certificateRequested === true ? phrase('pe-before-cert-sent') : tap.certificateRequested === false ? phrase('pe-before-cert-request') : phrase('pe-before-cert-request-tls13'),
          }),
        );
      }
      t.note(`handshake refused: ${why}`);
      return { certificateRequested: true, certificateSent: true, replies, tlsProtocol: null, outcome: 'refused', refusedAt: 'handshake', evidence: why, replyMeaning: { meaning: 'the server refused the handshake after receiving our Certificate', ref: 'RFC 5246 §7.2.2, §7.4.6' } };
    }
    t.note(`TLS established: ${secure.getProtocol()} ${secure.getCipher().standardName}; certificate requested: ${tap.certificateRequested ?? 'not observable'}`);
    reader = new LineReader(secure, o.timeouts.idleMs, label, t);
    const result = (outcome: PeerSessionResult['outcome'], refusedAt: PeerStage | null, evidence: string | null, replyMeaning: PeerSessionResult['replyMeaning']): PeerSessionResult => {
      if (outcome !== 'accepted') t.note(`${outcome} at ${refusedAt}: ${evidence}${replyMeaning ? ` (${replyMeaning.meaning}; ${replyMeaning.ref})` : ''}`);
      return {
        certificateRequested: tap.certificateRequested,
        certificateSent: certificateSent(),
        tlsProtocol: secure.getProtocol(),
        outcome,
        refusedAt: outcome === 'accepted' ? null : refusedAt,
        evidence,
        replyMeaning,
        replies,
      };
    };
    const steps: [PeerStage, string, keyof PeerSessionResult['replies']][] = [
      ['ehlo', `EHLO ${o.ehloName}`, 'ehlo'],
      ['mail', `MAIL FROM:<${o.mailFrom}>`, 'mail'],
      ['rcpt', `RCPT TO:<${o.rcptTo}>`, 'rcpt'],
    ];
    for (const [stage, line, key] of steps) {
      let reply;
      try {
        reader.send(line);
        reply = await reader.reply();
      } catch (err) {
        // Right after the handshake, an alert or a close is the server's answer to our certificate;
        // later in the transaction, a drop says nothing.
        const e = reader.peerError;
        const how = e && isPeerAlert(e) ? `TLS alert from the server after the handshake (${e.code})` : reader.closedByPeer ? 'the server closed the connection after the handshake' : null;
        if (how && stage === 'ehlo') return result('refused', 'after-tls', how, { meaning: 'the server ended the session as soon as it had our certificate', ref: 'RFC 5246 §7.2.2, RFC 5321 §3.8' });
        if (how) return result('inconclusive', stage, how.replace('after the handshake', `during ${stage.toUpperCase()}`), { meaning: 'the connection ended in the middle of the mail transaction, without an answer', ref: 'RFC 5321 §3.8' });
        throw err;
      }
      replies[key] = reply.code;
      if (reply.code >= 200 && reply.code < 300) continue;
      const closed = reply.code === 421 ? await reader.closesWithin(Math.min(1_000, o.timeouts.idleMs)) : false;
      const verdict = replyMeanings().smtp('smtp-peer', { code: reply.code, lines: [reply.text] }, closed);
      return result(verdict.outcome, stage, verdict.reply, { meaning: verdict.meaning, ref: verdict.ref });
    }
    try {
      reader.send('QUIT');
    } catch {
      /* over anyway */
    }
    return result('accepted', null, null, null);
  } finally {
    clearTimeout(overall);
    o.signal?.removeEventListener('abort', onAbort);
    reader.close();
    raw.destroy();
  }
}

function connect(o: PeerSessionOptions, label: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    o.transcript.note(`connect ${label}`);
    const s = net.connect({ host: o.host, port: o.port });
    const timer = ioFirstTimeout(o.timeouts.connectMs, () => (s.destroy(), reject(timeoutError('connect', label, o.timeouts.connectMs))));
    s.once('connect', () => (timer.clear(), s.removeAllListeners('error'), resolve(s)));
    s.once('error', (e) => (timer.clear(), reject(networkError(e, label))));
  });
}

/** CRLF lines and SMTP replies over a socket, with an idle timeout; remembers how the peer ended it. */
class LineReader {
  private readonly splitter = new LineSplitter(currentLimits().lineBytes);
  private readonly maxReplyLines = currentLimits().replyLines;
  private lines: string[] = [];
  private overLimit?: ProbeError;
  private waiter?: () => void;
  peerError?: NodeJS.ErrnoException;
  closedByPeer = false;
  private readonly onData = (d: Buffer): void => {
    try {
      this.splitter.push(d, (line) => {
        this.t.server(line);
        this.lines.push(line);
      });
    } catch (err) {
      if (!(err instanceof LineTooLong)) throw err;
      this.overLimit = limitExceeded('lineBytes', phrase('limit-what-line', { what: this.label }), `${err.bytes}+ bytes, starting ${JSON.stringify(err.head)}`);
      this.s.destroy();
    }
    this.waiter?.();
  };
  private readonly onError = (e: NodeJS.ErrnoException): void => {
    this.peerError ??= e;
    this.waiter?.();
  };
  private readonly onClose = (): void => {
    this.closedByPeer = true;
    this.waiter?.();
  };

  constructor(
    private readonly s: net.Socket | tls.TLSSocket,
    private readonly idleMs: number,
    private readonly label: string,
    private readonly t: Transcript,
  ) {
    s.on('data', this.onData);
    s.on('error', this.onError);
    s.on('end', this.onClose);
    s.on('close', this.onClose);
  }

  send(line: string): void {
    this.t.client(line);
    this.s.write(`${line}\r\n`);
  }

  private async line(): Promise<string> {
    for (;;) {
      const l = this.lines.shift();
      if (l !== undefined) return l;
      if (this.overLimit) throw this.overLimit;
      if (this.peerError) throw new ProbeError('ECONNRESET', `${this.label}: ${this.peerError.code ?? this.peerError.message}`);
      if (this.closedByPeer) throw new ProbeError('ECONNRESET', phrase('pe-closed-by-server', { what: this.label }));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(timeoutError('idle', this.label, this.idleMs)), this.idleMs);
        this.waiter = () => {
          clearTimeout(timer);
          this.waiter = undefined;
          resolve();
        };
      });
    }
  }

  async reply(): Promise<{ code: number; text: string }> {
    const texts: string[] = [];
    for (;;) {
      const l = await this.line();
      const m = /^(\d{3})([ -])(.*)$/.exec(l);
      if (!m) throw new ProbeError('EPROTOCOL', phrase('pe-not-smtp-line', { what: this.label }));
      texts.push(m[3]!);
      if (m[2] !== ' ' && texts.length >= this.maxReplyLines) throw limitExceeded('replyLines', phrase('limit-what-reply-lines', { what: this.label }), `${texts.length} lines of code ${m[1]}`);
      if (m[2] === ' ') return { code: Number(m[1]), text: texts.join(' ') };
    }
  }

  /** Whether the peer ends the connection within `ms` (after a 421, RFC 5321 §3.8). */
  async closesWithin(ms: number): Promise<boolean> {
    const until = Date.now() + ms;
    while (!this.closedByPeer && !this.peerError && Date.now() < until) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, until - Date.now()));
        this.waiter = () => {
          clearTimeout(timer);
          this.waiter = undefined;
          resolve();
        };
      });
    }
    this.waiter = undefined;
    return this.closedByPeer || this.peerError !== undefined;
  }

  detach(): void {
    this.s.off('data', this.onData);
    this.s.off('error', this.onError);
    this.s.off('end', this.onClose);
    this.s.off('close', this.onClose);
  }

  close(): void {
    this.detach();
    this.s.on('error', () => undefined);
  }
}
