import { generateKeyPair } from 'jose';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let prepared: Promise<KeyPair> | undefined;

/**
 * Starts generating the sandbox provider's RSA signing key now, on the thread pool, for the next
 * sandbox start: `msscheck run` calls it before reading its inputs, so that the key is ready (or
 * nearly) when the sandbox starts instead of being waited for then.
 */
export function preparePscKey(): void {
  if (prepared) return;
  prepared = generateKeyPair('RS256', { extractable: true });
  prepared.catch(() => undefined);
}

/** The prepared key pair (once), or a new one. */
export function takePscKey(): Promise<KeyPair> {
  const keys = prepared ?? generateKeyPair('RS256', { extractable: true });
  prepared = undefined;
  return keys;
}
