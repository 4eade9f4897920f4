import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The sandbox provider's RS256 signing key: a published TEST key (see the file's header), like the test PKI's keys. */
export const PSC_SIGNING_KEY_FILE = new URL('./sandbox-signing-key.pem', import.meta.url);

let loaded: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

/**
 * The sandbox provider's signing key pair. A fixed key, as a realm's key is (Keycloak keeps a realm's
 * key until it is rotated): generating a 2048-bit RSA key at every sandbox start took 70-250 ms on
 * the start's critical path. Only the built-in sandbox signs with it, on loopback; a token it signed
 * is refused by any other issuer's checks (issuer, audience), and msscheck's own forged tokens
 * (token-forge: foreign issuer) use a key generated per run.
 */
export function pscKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  if (!loaded) {
    const privateKey = createPrivateKey(readFileSync(PSC_SIGNING_KEY_FILE));
    loaded = { privateKey, publicKey: createPublicKey(privateKey) };
  }
  return loaded;
}
