/**
 * Test keys of the PKI: RSA keys generated once, stored as PKCS#8 PEM in `keys/<name>.key.pem` and
 * reused on every later run, so that certificates come out byte-identical.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../util/input-error.js';
import type { HashName } from './spec.js';

export interface TestKey {
  name: string;
  bits: number;
  /** PKCS#8 PEM. */
  pem: string;
  /** SubjectPublicKeyInfo, DER. */
  spki: Buffer;
}

export function keyFileName(name: string): string {
  return `${name}.key.pem`;
}

/**
 * The key of item `name`: read from `keysDir`, or generated and written there when absent and
 * `create` is true. A stored key of another size is an error (delete the file to regenerate it).
 */
export function loadOrCreateKey(keysDir: string, name: string, bits: number, create: boolean): TestKey {
  const path = join(keysDir, keyFileName(name));
  let pem: string;
  if (existsSync(path)) {
    pem = readFileSync(path, 'utf8');
  } else if (create) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    mkdirSync(keysDir, { recursive: true });
    writeFileSync(path, pem, { mode: 0o600 });
  } else {
    throw new InputError({ file: path, message: `test key of "${name}" not found`, fix: 'run `npm run pki` to generate missing keys' });
  }
  const priv = createPrivateKey(pem);
  const actual = priv.asymmetricKeyDetails?.modulusLength;
  if (priv.asymmetricKeyType !== 'rsa' || actual !== bits) {
    throw new InputError({
      file: path,
      message: `test key of "${name}" is ${priv.asymmetricKeyType ?? '?'} ${actual ?? '?'} bits, the specification asks for RSA ${bits}`,
      fix: 'delete the key file and run `npm run pki` to generate a new one',
    });
  }
  const spki = createPublicKey(priv).export({ type: 'spki', format: 'der' });
  return { name, bits, pem, spki };
}

/** A WebCrypto signing key; RSASSA-PKCS1-v1_5 with `hash` (the key carries the hash in WebCrypto). */
export async function signingKey(key: TestKey, hash: HashName): Promise<webcrypto.CryptoKey> {
  const der = createPrivateKey(key.pem).export({ type: 'pkcs8', format: 'der' });
  return webcrypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['sign']) as Promise<webcrypto.CryptoKey>;
}
