/**
 * Client TLS contexts by offer (versions, cipher string) and client identity (certificate and key,
 * or PKCS#12 and passphrase), kept: building an OpenSSL context, and parsing a client key into it,
 * for every connection is a large share of a handshake's CPU in a catalogue or a sweep. The key of
 * an identity is the SHA-256 of its material, never the material. An offer or an identity OpenSSL
 * rejects throws here, as `tls.connect` would.
 */
import { createHash } from 'node:crypto';
import tls, { type ConnectionOptions } from 'node:tls';
import { BoundedMap } from '../util/bounded-map.js';

export type ClientContextOptions = Pick<ConnectionOptions, 'minVersion' | 'maxVersion' | 'ciphers' | 'cert' | 'key' | 'pfx' | 'passphrase'>;

const contexts = new BoundedMap<string, tls.SecureContext>(64);

const material = (v: unknown): v is string | Buffer | undefined => v === undefined || typeof v === 'string' || Buffer.isBuffer(v);

/** The shared context for `o`; undefined when its identity is in a form not kept (arrays, key objects): `tls.connect` builds that one. */
export function clientContext(o: ClientContextOptions): tls.SecureContext | undefined {
  if (!material(o.cert) || !material(o.key) || !material(o.pfx)) return undefined;
  const h = createHash('sha256');
  for (const part of [o.cert, o.key, o.pfx, o.pfx ? o.passphrase : undefined]) h.update(part === undefined ? '-' : `${Buffer.byteLength(part)}:`).update(part ?? '');
  const key = JSON.stringify([o.minVersion ?? null, o.maxVersion ?? null, o.ciphers ?? null, h.digest('base64')]);
  return contexts.getOr(key, () =>
    tls.createSecureContext({
      ...(o.minVersion ? { minVersion: o.minVersion } : {}),
      ...(o.maxVersion ? { maxVersion: o.maxVersion } : {}),
      ...(o.ciphers ? { ciphers: o.ciphers } : {}),
      ...(o.cert ? { cert: o.cert, key: o.key } : {}),
      ...(o.pfx ? { pfx: o.pfx, passphrase: o.passphrase } : {}),
    }),
  );
}
