import type { ConnectionOptions, SecureVersion } from 'node:tls';

/** The TLS versions msscheck knows how to offer, oldest first (Node's names). */
export const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const satisfies readonly SecureVersion[];
export type TlsVersion = (typeof TLS_VERSIONS)[number];

export function isTlsVersion(v: unknown): v is TlsVersion {
  return typeof v === 'string' && (TLS_VERSIONS as readonly string[]).includes(v);
}

/** Versions that OpenSSL 3 only offers at security level 0 (SHA-1 / MD5-SHA1 signatures). */
const LEGACY: ReadonlySet<TlsVersion> = new Set(['TLSv1', 'TLSv1.1']);

/**
 * Client options that offer exactly `version` and nothing else. For TLS 1.0/1.1, OpenSSL 3 needs
 * security level 0, else the client refuses the handshake itself (and we would wrongly conclude
 * that the server did).
 */
export function offerExactly(version: TlsVersion): Pick<ConnectionOptions, 'minVersion' | 'maxVersion' | 'ciphers'> {
  return LEGACY.has(version)
    ? { minVersion: version, maxVersion: version, ciphers: 'DEFAULT:@SECLEVEL=0' }
    : { minVersion: version, maxVersion: version };
}
