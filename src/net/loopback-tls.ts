import tls from 'node:tls';
import type { AddressInfo } from 'node:net';

/**
 * Runs `use` against a TLS server on 127.0.0.1 (port 0) that completes handshakes with `options`
 * and ends each connection at once; the server is closed when `use` settles. For measuring what our
 * own client can offer (never a target).
 */
export async function withLoopbackTlsServer<T>(options: tls.TlsOptions, use: (port: number) => Promise<T>): Promise<T> {
  const server = tls.createServer(options, (s) => s.end());
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  try {
    return await use(port);
  } finally {
    server.close();
  }
}

/** What one loopback handshake gave: the negotiated protocol and suite, or why it failed. */
export type LoopbackHandshake =
  | { ok: true; protocol: string | null; cipher: tls.CipherNameAndProtocol }
  | { ok: false; reason: string };

/**
 * One handshake with the loopback server on `port`, offering what `options` say (the server's
 * certificate is not checked); the socket is destroyed as soon as it is known. A failed handshake
 * resolves with the error code (else its message) or `no handshake within 5 s`; options that
 * `tls.connect` refuses outright reject.
 */
export function loopbackHandshake(port: number, options: tls.ConnectionOptions): Promise<LoopbackHandshake> {
  return new Promise((resolve) => {
    const s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...options });
    const timer = setTimeout(() => finish({ ok: false, reason: 'no handshake within 5 s' }), 5_000);
    const finish = (r: LoopbackHandshake): void => {
      clearTimeout(timer);
      s.destroy();
      resolve(r);
    };
    s.once('secureConnect', () => finish({ ok: true, protocol: s.getProtocol(), cipher: s.getCipher() }));
    s.once('error', (err: NodeJS.ErrnoException) => finish({ ok: false, reason: err.code ?? err.message }));
  });
}
