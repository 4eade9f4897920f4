import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { TLS_VERSIONS, type TlsVersion } from '../../net/tls-versions.js';
import { loopbackIdentities } from './loopback-keys.js';

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

async function measure(candidates: string[]): Promise<ClientCipherCapability> {
  const ids = await loopbackIdentities();
  const all = candidates.filter((c) => usable('TLSv1.2', c) || usable('TLSv1.3', c));
  const legacy = all.filter((c) => !isTls13Suite(c));
  const modern = all.filter(isTls13Suite);
  const server = tls.createServer(
    {
      key: ids.map((i) => i.key),
      cert: ids.map((i) => i.cert),
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.3',
      ciphers: `${[...modern, ...legacy].join(':')}:@SECLEVEL=0`,
      dhparam: 'auto',
    } as tls.TlsOptions,
    (s) => s.end(),
  );
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  try {
    const offerable = {} as Record<TlsVersion, OfferableSuite[]>;
    await Promise.all(
      TLS_VERSIONS.map(async (v) => {
        offerable[v] = await eliminate(v, v === 'TLSv1.3' ? modern : legacy, (suites) => loopbackHandshake(port, v, suites));
      }),
    );
    const seen = new Set(Object.values(offerable).flatMap((l) => l.map((s) => s.openssl)));
    return { offerable, notOfferable: candidates.filter((c) => !seen.has(c)) };
  } finally {
    server.close();
  }
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

function loopbackHandshake(port: number, version: TlsVersion, suites: string[]): Promise<HandshakeOutcome> {
  return new Promise((resolve) => {
    let s: tls.TLSSocket;
    try {
      s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, minVersion: version, maxVersion: version, ciphers: cipherString(version, suites) });
    } catch {
      resolve(null);
      return;
    }
    const timer = setTimeout(() => finish(null), 5_000);
    const finish = (r: HandshakeOutcome): void => {
      clearTimeout(timer);
      s.destroy();
      resolve(r);
    };
    s.once('secureConnect', () => {
      const c = s.getCipher();
      finish(s.getProtocol() === version ? { openssl: c.name, iana: c.standardName || c.name } : null);
    });
    s.once('error', () => finish(null));
  });
}
