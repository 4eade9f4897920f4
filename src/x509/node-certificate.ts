/**
 * Node's X509Certificate of a PEM or DER certificate, parsed once per content: a run parses the
 * same peer, chain and issuer certificates in dozens of scenarios (a third of a millisecond each).
 * The objects are immutable and shared by every caller.
 */
import { X509Certificate } from 'node:crypto';
import { BoundedMap } from '../util/bounded-map.js';

const parsed = new BoundedMap<string, X509Certificate>(256);

export function nodeCertificate(input: string | Buffer): X509Certificate {
  return parsed.getOr(typeof input === 'string' ? input : `der:${input.toString('base64')}`, () => new X509Certificate(input));
}
