/**
 * The keys of `--sign-key` (a private key PEM, its passphrase given only as an `env:`/`file:`
 * reference like every other secret) and `verify --key` (a public key, private key or certificate
 * PEM). Any problem is an InputError naming the file and the fix; a passphrase never appears in one.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { SecretResolver } from '../target/secrets.js';
import { InputError } from '../util/input-error.js';
import { Redactor } from '../util/redact.js';
import { keyAlgorithm, privateKeyFromPem, publicKeyFromPem } from './dsse.js';

const KEY_FIX = 'give an Ed25519 or ECDSA P-256 key in PEM (e.g. `openssl genpkey -algorithm ed25519 -out sign.pem`)';

function readPem(path: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new InputError({ file: path, field: flag, message: `cannot read the key file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, fix: 'check the path' });
  }
}

function checkAlgorithm(key: KeyObject, path: string, flag: string): KeyObject {
  const alg = keyAlgorithm(key);
  if (alg !== 'ed25519' && alg !== 'ecdsa-p256-sha256') throw new InputError({ file: path, field: flag, message: `the key is ${alg}`, fix: KEY_FIX });
  return key;
}

export interface SigningKeyOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** `env:NAME` or `file:PATH` (relative to cwd). */
  passphraseRef?: string;
}

export function loadSigningKey(file: string, opts: SigningKeyOptions): KeyObject {
  const path = resolve(opts.cwd, file);
  const pem = readPem(path, '--sign-key');
  let passphrase: string | undefined;
  if (opts.passphraseRef !== undefined) {
    if (!/^(env:[A-Za-z_][A-Za-z0-9_]*|file:.+)$/.test(opts.passphraseRef)) {
      throw new InputError({ field: '--sign-key-passphrase', message: 'the passphrase must be given by reference, not in clear', fix: 'write env:NAME (a variable holding it) or file:PATH (a file holding it)' });
    }
    passphrase = new SecretResolver(opts.cwd, new Redactor(), opts.env).resolve(opts.passphraseRef, 'signing key passphrase');
    if (passphrase === undefined) throw new InputError({ field: '--sign-key-passphrase', message: `${opts.passphraseRef} is not set or not readable`, fix: 'set the variable or create the file' });
  }
  let key: KeyObject;
  try {
    key = privateKeyFromPem(pem, passphrase);
  } catch (err) {
    const encrypted = /ENCRYPTED/.test(pem.toString('latin1'));
    throw new InputError({
      file: path,
      field: '--sign-key',
      message: encrypted ? (passphrase === undefined ? 'the key is encrypted and no passphrase was given' : 'the passphrase does not open the key') : `not a private key PEM (${(err as { code?: string }).code ?? 'unreadable'})`,
      fix: encrypted ? 'give --sign-key-passphrase env:NAME or file:PATH' : KEY_FIX,
    });
  }
  return checkAlgorithm(key, path, '--sign-key');
}

export function loadVerifyKey(file: string, cwd: string): KeyObject {
  const path = resolve(cwd, file);
  const pem = readPem(path, '--key');
  let key: KeyObject;
  try {
    key = publicKeyFromPem(pem);
  } catch (err) {
    throw new InputError({ file: path, field: '--key', message: `not a public key, certificate or unencrypted private key PEM (${(err as { code?: string }).code ?? 'unreadable'})`, fix: 'give the signer\'s public key, e.g. from `openssl pkey -in sign.pem -pubout -out sign.pub.pem`' });
  }
  return checkAlgorithm(key, path, '--key');
}
