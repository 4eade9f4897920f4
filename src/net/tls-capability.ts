import { cachedCapability } from './capability-cache.js';
import { loopbackHandshake, withLoopbackTlsServer } from './loopback-tls.js';
import { selfSignedCertificate } from './self-signed.js';
import { offerExactly, TLS_VERSIONS, type TlsVersion } from './tls-versions.js';
import { phrase, type Phrase } from '../i18n/phrase.js';

/** Which TLS versions this Node/OpenSSL build lets our client complete a handshake with. */
export interface ClientTlsCapability {
  supported: TlsVersion[];
  unsupported: { version: TlsVersion; reason: string }[];
}

let cached: Promise<ClientTlsCapability> | undefined;

/**
 * Checks once per process, against a loopback server that accepts every version, which versions
 * our client can actually offer with the options `offerExactly()` gives (kept for this Node/OpenSSL
 * build in the user's cache folder: src/net/capability-cache.ts). A server's refusal of a
 * version only means something when that version is in `supported`.
 */
export function clientTlsCapability(): Promise<ClientTlsCapability> {
  cached ??= cachedCapability('client-tls-versions', null, measure, isTlsCapability).catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

function isTlsCapability(v: unknown): v is ClientTlsCapability {
  const c = v as ClientTlsCapability;
  return !!c && Array.isArray(c.supported) && Array.isArray(c.unsupported) && c.supported.every((s) => TLS_VERSIONS.includes(s));
}

async function measure(): Promise<ClientTlsCapability> {
  const now = Date.now();
  const { key, cert } = await selfSignedCertificate({ notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 86_400_000), dnsNames: ['localhost'] });
  return withLoopbackTlsServer({ key, cert, minVersion: 'TLSv1', maxVersion: 'TLSv1.3', ciphers: 'DEFAULT:@SECLEVEL=0' }, async (port) => {
    const results = await Promise.all(TLS_VERSIONS.map((v) => tryVersion(port, v)));
    return {
      supported: results.filter((r) => r.ok).map((r) => r.version),
      unsupported: results.filter((r) => !r.ok).map((r) => ({ version: r.version, reason: r.reason ?? 'handshake failed' })),
    };
  });
}

async function tryVersion(port: number, version: TlsVersion): Promise<{ version: TlsVersion; ok: boolean; reason?: string }> {
  const r = await loopbackHandshake(port, offerExactly(version));
  if (!r.ok) return { version, ok: false, reason: r.reason };
  return { version, ok: r.protocol === version, reason: r.protocol === version ? undefined : `negotiated ${r.protocol}` };
}

/**
 * Why a version could not be offered, as a readable report says it: the words this module writes
 * (kept English in the capability cache) as phrases; an OpenSSL error code stays as it is.
 */
export function capabilityReasonPhrase(reason: string): string | Phrase {
  if (reason === 'handshake failed') return phrase('tls-cap-handshake-failed');
  if (reason === 'no handshake within 5 s') return phrase('tls-cap-no-handshake', { seconds: '5' });
  const negotiated = /^negotiated (.+)$/.exec(reason);
  return negotiated ? phrase('tls-cap-negotiated', { protocol: negotiated[1]! }) : reason;
}

/** For tests: forget the cached result. */
export function resetClientTlsCapability(): void {
  cached = undefined;
}
