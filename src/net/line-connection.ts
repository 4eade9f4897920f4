import net from 'node:net';
import tls, { type ConnectionOptions } from 'node:tls';
import { ProbeError, networkError, type Timeouts, type Transcript } from '../probes/types.js';
import { closedByPeer, timeoutError, TlsHandshakeError } from './errors.js';
import { ioFirstTimeout } from './io-first-timeout.js';
import { tlsInfoOf, type TlsInfo } from './tls-info.js';
import { currentLimits, limitExceeded } from '../limits/limits.js';
import { LineSplitter, LineTooLong } from './line-splitter.js';
import { phrase } from '../i18n/phrase.js';
import { clientContext } from './client-context.js';

/** What we offer in a TLS handshake. Certificates are never verified here: probes verify them. */
export interface TlsClientOptions extends Pick<ConnectionOptions, 'minVersion' | 'maxVersion' | 'ciphers' | 'cert' | 'key' | 'pfx' | 'passphrase'> {
  /** SNI name (omitted when it is an IP address). */
  servername?: string;
  /**
   * `true`: the peer's chain is read (and bounded by the limits) into `tlsInfo.peerChain`, as
   * `tlsHandshakeInfo` does for the certificate probes. Otherwise it is left unread (empty): a
   * session that only talks SMTP or IMAP over TLS does not pay for Node's decoding of every certificate.
   */
  peerChain?: boolean;
}

export interface LineConnectionOptions {
  host: string;
  port: number;
  timeouts: Timeouts;
  /** Aborted by the engine (step overall timeout, interruption): the connection fails at once. */
  signal?: AbortSignal;
  /** Every line sent and received is written here (the sink redacts). */
  transcript?: Transcript;
  /** Name used in error messages, e.g. `smtpMta 127.0.0.1:2525`. Defaults to host:port. */
  label?: string;
  /** Implicit TLS: handshake right after the TCP connection. */
  tls?: TlsClientOptions;
}

/** Lines read ahead of the caller before the socket is paused (a flood waits in the kernel, not here). */
const READ_AHEAD_LINES = 256;
const NO_TRANSCRIPT: Transcript = { client() {}, server() {}, note() {} };

type Waiter = { resolve(line: string): void; reject(err: ProbeError): void; timer: NodeJS.Timeout };

/**
 * A line-oriented TCP connection (CRLF lines, as SMTP and IMAP use) with connect, idle and overall
 * timeouts, an in-place STARTTLS upgrade and a transcript of every line. Errors are ProbeErrors
 * with stable codes; once failed, every later call fails with the same error.
 */
export class LineConnection {
  readonly label: string;
  private socket: net.Socket;
  private readonly splitter = new LineSplitter(currentLimits().lineBytes);
  private readonly lines: string[] = [];
  private waiter?: Waiter;
  private failure?: ProbeError;
  private ended = false;
  private tls?: TlsInfo;
  private readonly overallTimer: NodeJS.Timeout;
  private readonly onAbort = (): void => {
    const reason = this.options.signal?.reason;
    this.fail(reason instanceof ProbeError ? reason : timeoutError('overall', this.label, this.options.timeouts.overallMs));
  };
  private readonly handlers = {
    data: (chunk: Buffer): void => this.onData(chunk),
    error: (err: Error): void => this.fail(networkError(err, this.label)),
    end: (): void => this.onEnd(),
    close: (): void => this.onEnd(),
  };

  private constructor(
    socket: net.Socket,
    private readonly options: LineConnectionOptions,
    readonly transcript: Transcript,
  ) {
    this.label = options.label ?? `${options.host}:${options.port}`;
    this.socket = socket;
    this.attach(socket);
    this.overallTimer = setTimeout(() => this.fail(timeoutError('overall', this.label, options.timeouts.overallMs)), options.timeouts.overallMs);
    this.overallTimer.unref();
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Opens the TCP connection (and the TLS session for implicit TLS) within the timeouts. */
  static async open(options: LineConnectionOptions): Promise<LineConnection> {
    const label = options.label ?? `${options.host}:${options.port}`;
    const transcript = options.transcript ?? NO_TRANSCRIPT;
    if (options.signal?.aborted) throw timeoutError('overall', label, options.timeouts.overallMs);
    transcript.note(`connect ${options.host}:${options.port}`);
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host: options.host, port: options.port, noDelay: true });
      const done = (err?: ProbeError): void => {
        timer.clear();
        options.signal?.removeEventListener('abort', onAbort);
        s.removeAllListeners('connect');
        s.removeAllListeners('error');
        if (err) {
          s.destroy();
          reject(err);
        } else resolve(s);
      };
      const onAbort = (): void => done(timeoutError('overall', label, options.timeouts.overallMs));
      // Our own busy loop is not the server's silence: the connection's event, if already there, is read first.
      const timer = ioFirstTimeout(options.timeouts.connectMs, () => done(timeoutError('connect', label, options.timeouts.connectMs)));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      s.once('connect', () => done());
      s.once('error', (err) => done(networkError(err, label)));
    });
    const conn = new LineConnection(socket, options, transcript);
    if (options.tls) {
      try {
        await conn.startTls(options.tls);
      } catch (err) {
        conn.close();
        throw err;
      }
    }
    return conn;
  }

  /** TLS details once a handshake completed. */
  get tlsInfo(): TlsInfo | undefined {
    return this.tls;
  }

  get isClosed(): boolean {
    return this.ended || this.failure !== undefined;
  }

  /**
   * Whether the server closes the connection within `ms` (after a reply that announces it, e.g. SMTP
   * 421, RFC 5321 §3.8). Does not consume lines.
   */
  closesWithin(ms: number): Promise<boolean> {
    if (this.isClosed) return Promise.resolve(true);
    const s = this.socket;
    return new Promise<boolean>((resolve) => {
      const done = (closed: boolean): void => {
        clearTimeout(timer);
        s.off('end', onEnd);
        s.off('close', onEnd);
        resolve(closed);
      };
      const onEnd = (): void => done(true);
      const timer = setTimeout(() => done(this.isClosed), ms);
      s.once('end', onEnd);
      s.once('close', onEnd);
    });
  }

  /** The next line (without CRLF). Fails with ETIMEDOUT_IDLE when the server stays silent. */
  readLine(): Promise<string> {
    const queued = this.lines.shift();
    if (queued !== undefined) {
      if (this.lines.length < READ_AHEAD_LINES / 2 && this.socket.isPaused() && !this.failure) this.socket.resume();
      return Promise.resolve(queued);
    }
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.reject(closedByPeer(this.label));
    if (this.waiter) return Promise.reject(new ProbeError('EINTERNAL', `${this.label}: two concurrent reads`));
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(timeoutError('idle', this.label, this.options.timeouts.idleMs)), this.options.timeouts.idleMs);
      this.waiter = { resolve, reject, timer };
    });
  }

  /** Sends one line (CRLF added). Register any secret it carries with the redactor first. */
  /** Sends `line` and CRLF; the transcript records `shown` (the line with its secrets masked, when the caller knows them). */
  writeLine(line: string, shown: string = line): void {
    if (this.failure) throw this.failure;
    if (this.ended) throw closedByPeer(this.label);
    this.transcript.client(shown);
    this.socket.write(`${line}\r\n`);
  }

  /** Sends `text` as it is, no CRLF added (an IMAP literal's octets); the transcript records `shown`. Register any secret it carries first. */
  writeRaw(text: string, shown: string = text): void {
    if (this.failure) throw this.failure;
    if (this.ended) throw closedByPeer(this.label);
    this.transcript.client(shown);
    this.socket.write(text);
  }

  /**
   * Upgrades the connection to TLS in place (after the server said yes to STARTTLS, or right after
   * connect for implicit TLS). A handshake the server refuses gives a TlsHandshakeError (ETLS).
   */
  async startTls(options: TlsClientOptions = {}): Promise<TlsInfo> {
    if (this.failure) throw this.failure;
    if (this.lines.length || this.splitter.pending) {
      this.transcript.note('server sent data before the TLS handshake; discarded');
      this.lines.length = 0;
      this.splitter.reset();
    }
    const plain = this.socket;
    this.detach(plain);
    plain.on('error', () => undefined); // the TLS socket reports it
    const servername = options.servername && !net.isIP(options.servername) ? options.servername : undefined;
    const offered = [options.minVersion, options.maxVersion].filter(Boolean).join('..') || 'default versions';
    this.transcript.note(`TLS handshake (offering ${offered}${servername ? `, SNI ${servername}` : ''})`);
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      // Shared by every connection with the same offer and client identity (SASL EXTERNAL, mutual TLS).
      const shared = clientContext(options);
      const s = tls.connect({
        socket: plain,
        servername,
        rejectUnauthorized: false,
        ...(shared
          ? { secureContext: shared }
          : {
              minVersion: options.minVersion,
              maxVersion: options.maxVersion,
              ...(options.ciphers ? { ciphers: options.ciphers } : {}),
              ...(options.cert ? { cert: options.cert, key: options.key } : {}),
              ...(options.pfx ? { pfx: options.pfx, passphrase: options.passphrase } : {}),
            }),
      });
      let settled = false;
      const settle = (err?: ProbeError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.options.signal?.removeEventListener('abort', onAbort);
        if (err) {
          s.destroy();
          plain.destroy();
          this.failure ??= err;
          reject(err);
        } else resolve(s);
      };
      const onAbort = (): void => settle(timeoutError('overall', this.label, this.options.timeouts.overallMs));
      const timer = setTimeout(() => settle(timeoutError('idle', `${this.label} TLS handshake`, this.options.timeouts.idleMs)), this.options.timeouts.idleMs);
      this.options.signal?.addEventListener('abort', onAbort, { once: true });
      s.once('secureConnect', () => settle());
      s.once('error', (err: NodeJS.ErrnoException) => {
        const reason = err.code ?? 'error';
        // OpenSSL's own bound on a handshake message (a certificate list past ~100 KB): our client's
        // limit, not the server refusing TLS, so never a "handshake failed" verdict.
        if (reason === 'ERR_SSL_EXCESSIVE_MESSAGE_SIZE') {
          settle(new ProbeError('ELIMIT', phrase('pe-tls-message-too-large', { what: this.label, detail: shortTlsMessage(err) })));
          return;
        }
        settle(new TlsHandshakeError(`${this.label}: TLS handshake failed (${reason}: ${shortTlsMessage(err)})`, reason));
      });
      s.once('close', () => settle(new TlsHandshakeError(`${this.label}: TLS handshake failed (connection closed by the server)`, 'closed')));
    });
    if (this.failure) {
      secure.destroy();
      throw this.failure;
    }
    this.socket = secure;
    this.attach(secure);
    this.tls = tlsInfoOf(secure, servername, options.peerChain === true);
    this.transcript.note(`TLS established: ${this.tls.protocol} ${this.tls.cipher.standardName || this.tls.cipher.name}`);
    return this.tls;
  }

  /** Closes the connection (no protocol goodbye: see the protocol clients for QUIT/LOGOUT). */
  close(): void {
    clearTimeout(this.overallTimer);
    this.options.signal?.removeEventListener('abort', this.onAbort);
    if (this.waiter) {
      clearTimeout(this.waiter.timer);
      this.waiter.reject(closedByPeer(this.label));
      this.waiter = undefined;
    }
    this.ended = true;
    this.socket.destroy();
  }

  private attach(s: net.Socket): void {
    s.on('data', this.handlers.data);
    s.on('error', this.handlers.error);
    s.on('end', this.handlers.end);
    s.on('close', this.handlers.close);
  }

  private detach(s: net.Socket): void {
    s.off('data', this.handlers.data);
    s.off('error', this.handlers.error);
    s.off('end', this.handlers.end);
    s.off('close', this.handlers.close);
  }

  private onData(chunk: Buffer): void {
    try {
      this.splitter.push(
        chunk,
        (line) => {
          this.transcript.server(line);
          this.deliver(line);
        },
        () => this.failure !== undefined,
      );
    } catch (err) {
      if (!(err instanceof LineTooLong)) throw err;
      this.fail(limitExceeded('lineBytes', phrase('limit-what-line', { what: this.label }), `${err.bytes}+ bytes without a line end, starting ${JSON.stringify(err.head)}`));
      return;
    }
    // A flood waits in the kernel (TCP flow control), not in our memory.
    if (this.lines.length >= READ_AHEAD_LINES && !this.socket.isPaused()) this.socket.pause();
  }

  private deliver(line: string): void {
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      clearTimeout(w.timer);
      w.resolve(line);
    } else this.lines.push(line);
  }

  private onEnd(): void {
    if (this.ended) return;
    this.ended = true;
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      clearTimeout(w.timer);
      w.reject(this.failure ?? closedByPeer(this.label));
    }
  }

  private fail(err: ProbeError): void {
    if (this.failure) return;
    this.failure = err;
    this.transcript.note(`${err.code}: ${err.message}`);
    clearTimeout(this.overallTimer);
    this.socket.destroy();
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      clearTimeout(w.timer);
      w.reject(err);
    }
  }
}

/** OpenSSL's reason without the file/line noise, e.g. `tlsv1 alert protocol version`. */
function shortTlsMessage(err: Error): string {
  const m = /:([^:]+):[^:]*\.c:\d+/.exec(err.message);
  return (m?.[1] ?? err.message.split('\n')[0] ?? '').trim();
}
