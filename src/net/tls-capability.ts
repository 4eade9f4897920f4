import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate } from './self-signed.js';
import { offerExactly, TLS_VERSIONS, type TlsVersion } from './tls-versions.js';

/** Which TLS versions this Node/OpenSSL build lets our client complete a handshake with. */
export interface ClientTlsCapability {
  supported: TlsVersion[];
  unsupported: { version: TlsVersion; reason: string }[];
}

let cached: Promise<ClientTlsCapability> | undefined;

/**
 * Checks once per process, against a loopback server that accepts every version, which versions
 * our client can actually offer with the options `offerExactly()` gives. A server's refusal of a
 * version only means something when that version is in `supported`.
 */
export function clientTlsCapability(): Promise<ClientTlsCapability> {
  cached ??= measure().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

async function measure(): Promise<ClientTlsCapability> {
  const now = Date.now();
  const { key, cert } = await selfSignedCertificate({ notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 86_400_000), dnsNames: ['localhost'] });
  const server = tls.createServer({ key, cert, minVersion: 'TLSv1', maxVersion: 'TLSv1.3', ciphers: 'DEFAULT:@SECLEVEL=0' }, (s) => s.end());
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  try {
    const results = await Promise.all(TLS_VERSIONS.map((v) => tryVersion(port, v)));
    return {
      supported: results.filter((r) => r.ok).map((r) => r.version),
      unsupported: results.filter((r) => !r.ok).map((r) => ({ version: r.version, reason: r.reason ?? 'handshake failed' })),
    };
  } finally {
    server.close();
  }
}

function tryVersion(port: number, version: TlsVersion): Promise<{ version: TlsVersion; ok: boolean; reason?: string }> {
  return new Promise((resolve) => {
    const s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...offerExactly(version) });
    const timer = setTimeout(() => finish(false, 'no handshake within 5 s'), 5_000);
    const finish = (ok: boolean, reason?: string): void => {
      clearTimeout(timer);
      s.destroy();
      resolve({ version, ok, reason });
    };
    s.once('secureConnect', () => finish(s.getProtocol() === version, s.getProtocol() === version ? undefined : `negotiated ${s.getProtocol()}`));
    s.once('error', (err: NodeJS.ErrnoException) => finish(false, err.code ?? err.message));
  });
}

/** For tests: forget the cached result. */
export function resetClientTlsCapability(): void {
  cached = undefined;
}
