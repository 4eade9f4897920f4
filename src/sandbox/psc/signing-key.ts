import { webcrypto } from 'node:crypto';

type KeyPair = webcrypto.CryptoKeyPair;
let prepared: Promise<KeyPair> | undefined;

/**
 * The RS256 key pair jose's `generateKeyPair('RS256', { extractable: true })` makes, from Node's
 * WebCrypto directly: the worker's entry starts it before loading jose or anything else.
 */
const generate = (): Promise<KeyPair> =>
  webcrypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);

/**
 * Starts generating the sandbox provider's RSA signing key now, on the thread pool, for the next
 * sandbox start: `msscheck run` calls it before reading its inputs, so that the key is ready (or
 * nearly) when the sandbox starts instead of being waited for then.
 */
export function preparePscKey(): void {
  if (prepared) return;
  prepared = generate();
  prepared.catch(() => undefined);
}

/** The prepared key pair (once), or a new one. */
export function takePscKey(): Promise<KeyPair> {
  const keys = prepared ?? generate();
  prepared = undefined;
  return keys;
}
