import tls from 'node:tls';
import { loopbackHandshake, withLoopbackTlsServer, type LoopbackHandshake } from '../../net/loopback-tls.js';
import { selfSignedCertificate, type KeyAndCert } from '../../net/self-signed.js';
import { TLS_VERSIONS, type TlsVersion } from '../../net/tls-versions.js';

/** A cipher suite our client offered and completed a handshake with, on a loopback server. */
export interface OfferableSuite {
  /** OpenSSL name, as given to `ciphers`. */
  openssl: string;
  /** IANA (RFC) name, as OpenSSL reports it after the handshake. */
  iana: string;
}

export interface ClientCipherCapability {
  /** By version: the suites our client can offer at that version. */
  offerable: Record<TlsVersion, OfferableSuite[]>;
  /** Candidate suites (OpenSSL names) that our client could not offer at any version: never tested on a target. */
  notOfferable: string[];
}

/** The OpenSSL cipher string that offers exactly `suites` at `version` (security level 0 below TLS 1.3). */
export function cipherString(version: TlsVersion, suites: string[]): string {
  return version === 'TLSv1.3' ? suites.join(':') : `${suites.join(':')}:@SECLEVEL=0`;
}

export function isTls13Suite(openssl: string): boolean {
  return openssl.startsWith('TLS_');
}

/** Candidate suites: what Node's OpenSSL lists (`tls.getCiphers()`), upper-cased, plus `extra` names. */
export function candidateSuites(extra: string[] = []): string[] {
  return [...new Set([...tls.getCiphers().map((c) => c.toUpperCase()), ...extra.map((c) => c.toUpperCase())])];
}

let cached: Promise<ClientCipherCapability> | undefined;
let cachedKey = '';

/**
 * Which suites our client can offer, per version, measured once per process against a loopback
 * server that accepts everything (RSA and ECDSA certificates, DHE, security level 0): offer all
 * remaining candidates, note the one chosen, drop it, repeat until the handshake fails. A suite a
 * target "refuses" only means something when it is in `offerable`.
 */
export function clientCipherCapability(extra: string[] = []): Promise<ClientCipherCapability> {
  const key = extra.join(':');
  if (!cached || key !== cachedKey) {
    cachedKey = key;
    cached = measure(candidateSuites(extra)).catch((err: unknown) => {
      cached = undefined;
      throw err;
    });
  }
  return cached;
}

function usable(version: TlsVersion, suite: string): boolean {
  try {
    tls.createSecureContext({ ciphers: cipherString(version, [suite]), minVersion: version, maxVersion: version });
    return true;
  } catch {
    return false;
  }
}

/**
 * One RSA and one ECDSA throwaway identity for the loopback server (RSA- and ECDSA-authenticated
 * suites both need a certificate); RSA at 1024 bits: only its type matters here, and it is made fast.
 */
function loopbackIdentities(): Promise<KeyAndCert[]> {
  const now = Date.now();
  const common = { commonName: 'msscheck loopback', notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 86_400_000) };
  return Promise.all([selfSignedCertificate({ ...common, keyType: 'rsa-1024' }), selfSignedCertificate({ ...common, keyType: 'ecdsa-p256' })]);
}

async function measure(candidates: string[]): Promise<ClientCipherCapability> {
  const ids = await loopbackIdentities();
  const all = candidates.filter((c) => usable('TLSv1.2', c) || usable('TLSv1.3', c));
  const legacy = all.filter((c) => !isTls13Suite(c));
  const modern = all.filter(isTls13Suite);
  const serverOptions = {
    key: ids.map((i) => i.key),
    cert: ids.map((i) => i.cert),
    minVersion: 'TLSv1',
    maxVersion: 'TLSv1.3',
    ciphers: `${[...modern, ...legacy].join(':')}:@SECLEVEL=0`,
    dhparam: 'auto',
  } as tls.TlsOptions;
  return withLoopbackTlsServer(serverOptions, async (port) => {
    const offerable = {} as Record<TlsVersion, OfferableSuite[]>;
    await Promise.all(
      TLS_VERSIONS.map(async (v) => {
        offerable[v] = await eliminate(v, v === 'TLSv1.3' ? modern : legacy, (suites) => offerOnLoopback(port, v, suites));
      }),
    );
    const seen = new Set(Object.values(offerable).flatMap((l) => l.map((s) => s.openssl)));
    return { offerable, notOfferable: candidates.filter((c) => !seen.has(c)) };
  });
}

/** The result of one handshake offering a list of suites: the suite chosen, or null when refused. */
export type HandshakeOutcome = OfferableSuite | null;

/**
 * Elimination: offer every remaining suite; the chosen one is accepted; drop it and go on until
 * the handshake fails (nothing left is accepted) or the list is empty.
 */
export async function eliminate(version: TlsVersion, suites: string[], handshake: (suites: string[]) => Promise<HandshakeOutcome>): Promise<OfferableSuite[]> {
  const remaining = [...suites];
  const accepted: OfferableSuite[] = [];
  while (remaining.length) {
    const chosen = await handshake(remaining);
    if (!chosen) break;
    const i = remaining.findIndex((s) => s === chosen.openssl);
    if (i < 0) break; // the peer chose a suite we did not offer: stop rather than loop
    remaining.splice(i, 1);
    accepted.push(chosen);
  }
  return accepted;
}

async function offerOnLoopback(port: number, version: TlsVersion, suites: string[]): Promise<HandshakeOutcome> {
  let r: LoopbackHandshake;
  try {
    r = await loopbackHandshake(port, { minVersion: version, maxVersion: version, ciphers: cipherString(version, suites) });
  } catch {
    return null; // options tls.connect refuses outright: this offer cannot be made
  }
  return r.ok && r.protocol === version ? { openssl: r.cipher.name, iana: r.cipher.standardName || r.cipher.name } : null;
}
