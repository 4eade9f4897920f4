/**
 * Misbehaving servers on loopback for the hostile harness: a scriptable line server (SMTP, IMAP,
 * with a STARTTLS upgrade to a throwaway certificate) and a scriptable HTTP server. Each returns its
 * port and a `stop()` that destroys every connection it accepted.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { selfSignedCertificate, type KeyAndCert } from '../../../src/net/self-signed.js';

export interface Running {
  port: number;
  stop(): Promise<void>;
}

let certificate: Promise<KeyAndCert> | undefined;
/** Made before any server listens, so that a STARTTLS upgrade never waits (the ClientHello would be read as lines). */
let ready: KeyAndCert | undefined;
/** One throwaway certificate for every hostile TLS server of the process. */
export function hostileCertificate(): Promise<KeyAndCert> {
  certificate ??= selfSignedCertificate({ commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2040-01-01T00:00:00Z') });
  return certificate;
}

/** A CRLF line session over a socket that can be upgraded to TLS in place (server side). */
export class LineSession {
  private buf = '';
  private onLineHandler: (line: string) => void = () => undefined;
  closed = false;

  constructor(public socket: net.Socket) {
    this.listen(socket);
  }

  private listen(s: net.Socket): void {
    s.on('data', (d: Buffer) => {
      this.buf += d.toString('utf8');
      let i: number;
      while ((i = this.buf.indexOf('\n')) >= 0) {
        const line = this.buf.slice(0, i).replace(/\r$/, '');
        this.buf = this.buf.slice(i + 1);
        this.onLineHandler(line);
      }
    });
    s.on('error', () => undefined);
    s.on('close', () => (this.closed = true));
  }

  onLine(handler: (line: string) => void): void {
    this.onLineHandler = handler;
  }

  send(text: string): void {
    if (!this.closed && !this.socket.destroyed) this.socket.write(`${text}\r\n`);
  }

  /** Writes `make()` until the socket's buffer is full, again on each drain, until the peer goes. */
  flood(make: (i: number) => string | Buffer): void {
    let i = 0;
    const pump = (): void => {
      while (!this.closed && !this.socket.destroyed) {
        if (!this.socket.write(make(i++))) {
          this.socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
  }

  /** One byte every `everyMs`, forever (a drip). */
  drip(text: string, everyMs: number): void {
    let i = 0;
    const t = setInterval(() => {
      if (this.closed || this.socket.destroyed) return clearInterval(t);
      this.socket.write(text[i++ % text.length]!);
    }, everyMs);
    this.socket.on('close', () => clearInterval(t));
  }

  /** Upgrades to TLS at once (synchronously: the client's ClientHello may already be on its way). */
  startTls(cert?: KeyAndCert): void {
    const kc = cert ?? ready;
    if (!kc) throw new Error('hostile certificate not made yet');
    this.socket.removeAllListeners('data');
    this.buf = '';
    const secure = new tls.TLSSocket(this.socket, { isServer: true, key: kc.key, cert: kc.cert });
    this.socket = secure;
    this.listen(secure);
  }

  reset(): void {
    this.socket.resetAndDestroy?.();
    this.socket.destroy();
  }
}

/** A TCP server whose every connection is handed to `onSession`. */
export async function lineServer(onSession: (s: LineSession) => void): Promise<Running> {
  ready ??= await hostileCertificate();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    onSession(new LineSession(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export type HttpHandler = (req: IncomingMessage, res: ServerResponse, body: string, base: string) => void;

/** An HTTP server; the request body is read (up to 64 KiB) before `handler` runs. */
export async function httpServer(handler: HttpHandler): Promise<Running> {
  const sockets = new Set<net.Socket>();
  let base = '';
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => {
      if (body.length < 65536) body += d.toString('utf8');
    });
    req.on('end', () => handler(req, res, body, base));
    res.on('error', () => undefined);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  return {
    port,
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Writes to `res` as fast as it drains, forever. */
export function endlessBody(res: ServerResponse, chunk: string | Buffer): void {
  const pump = (): void => {
    while (!res.destroyed) {
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
  };
  pump();
}
