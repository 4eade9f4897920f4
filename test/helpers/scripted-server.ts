/**
 * A loopback server whose every connection runs a script: read lines, write replies, upgrade to
 * TLS, close. For probing how probes read what a server does (temporary failures, 421 then close,
 * alerts). Port 0 on 127.0.0.1.
 */
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import { selfSignedCertificate, type KeyAndCert } from '../../src/net/self-signed.js';

export interface ScriptedConnection {
  /** Index of this connection (0 for the first). */
  index: number;
  readLine(): Promise<string | null>;
  write(text: string): void;
  /** Upgrades to TLS as a server (the client speaks first). */
  startTls(options?: tls.TlsOptions): Promise<tls.TLSSocket>;
  /** Writes raw bytes on the underlying TCP socket. */
  raw(bytes: Buffer): void;
  end(): void;
  socket: net.Socket;
}

export async function throwawayIdentity(): Promise<KeyAndCert> {
  const now = Date.now();
  return selfSignedCertificate({ commonName: 'localhost', notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 86_400_000) });
}

class Lines {
  private buf = '';
  private queue: string[] = [];
  private waiter?: (l: string | null) => void;
  private ended = false;
  constructor(private s: net.Socket) {
    this.attach(s);
  }
  attach(s: net.Socket): void {
    this.s = s;
    s.on('data', (d: Buffer) => {
      this.buf += d.toString('latin1');
      let i;
      while ((i = this.buf.indexOf('\n')) >= 0) {
        const line = this.buf.slice(0, i).replace(/\r$/, '');
        this.buf = this.buf.slice(i + 1);
        if (this.waiter) {
          const w = this.waiter;
          this.waiter = undefined;
          w(line);
        } else this.queue.push(line);
      }
    });
    s.on('end', () => this.finish());
    s.on('close', () => this.finish());
    s.on('error', () => this.finish());
  }
  detach(): void {
    this.s.removeAllListeners('data');
    this.s.removeAllListeners('end');
    this.s.removeAllListeners('close');
  }
  private finish(): void {
    this.ended = true;
    const w = this.waiter;
    this.waiter = undefined;
    w?.(null);
  }
  next(): Promise<string | null> {
    const l = this.queue.shift();
    if (l !== undefined) return Promise.resolve(l);
    if (this.ended) return Promise.resolve(null);
    return new Promise((r) => (this.waiter = r));
  }
}

/** Starts the server; `implicitTls` wraps every connection in TLS first (with a throwaway certificate). */
export async function startScriptedServer(
  script: (c: ScriptedConnection) => Promise<void>,
  options: { implicitTls?: boolean } = {},
): Promise<{ port: number; connections(): number; close(): Promise<void> }> {
  const identity = await throwawayIdentity();
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    const index = count++;
    void (async () => {
      let current: net.Socket = socket;
      let lines: Lines;
      const startTls = async (o: tls.TlsOptions = {}): Promise<tls.TLSSocket> => {
        lines?.detach();
        const secure = new tls.TLSSocket(socket, { isServer: true, key: identity.key, cert: identity.cert, ...o });
        secure.on('error', () => undefined);
        await new Promise<void>((resolve) => {
          secure.once('secure', () => resolve());
          secure.once('close', () => resolve());
          secure.once('error', () => resolve());
        });
        current = secure;
        lines = new Lines(secure);
        return secure;
      };
      if (options.implicitTls) await startTls();
      else lines = new Lines(socket);
      const conn: ScriptedConnection = {
        index,
        socket,
        readLine: () => lines.next(),
        write: (t) => void current.write(t),
        startTls,
        raw: (b) => void socket.write(b),
        end: () => void current.end(),
      };
      try {
        await script(conn);
      } catch {
        /* the client went away */
      } finally {
        current.end();
        setTimeout(() => socket.destroy(), 200).unref();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
