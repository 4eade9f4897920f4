/**
 * The keys of `--sign-key` (a private key PEM, its passphrase given only as an `env:`/`file:`
 * reference like every other secret) and `verify --key` (a public key, private key or certificate
 * PEM). Any problem is an InputError naming the file and the fix; a passphrase never appears in one.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { SecretResolver } from '../target/secrets.js';
import { InputError, saying } from '../util/input-error.js';
import { phrase } from '../i18n/phrase.js';
import { Redactor } from '../util/redact.js';
import { keyAlgorithm, privateKeyFromPem, publicKeyFromPem } from './dsse.js';

const keyFix = () => phrase('key-fix');

function readPem(path: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new InputError({ file: path, field: flag, ...saying(phrase('key-unreadable', { detail: (err as NodeJS.ErrnoException).code ?? (err as Error).message }), phrase('input-check-path')) });
  }
}

function checkAlgorithm(key: KeyObject, path: string, flag: string): KeyObject {
  const alg = keyAlgorithm(key);
  if (alg !== 'ed25519' && alg !== 'ecdsa-p256-sha256') throw new InputError({ file: path, field: flag, ...saying(phrase('key-algorithm', { alg }), keyFix()) });
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
      throw new InputError({ field: '--sign-key-passphrase', ...saying(phrase('key-passphrase-clear'), phrase('key-passphrase-clear-fix')) });
    }
    passphrase = new SecretResolver(opts.cwd, new Redactor(), opts.env).resolve(opts.passphraseRef, 'signing key passphrase');
    if (passphrase === undefined) throw new InputError({ field: '--sign-key-passphrase', ...saying(phrase('key-passphrase-unset', { ref: opts.passphraseRef }), phrase('key-passphrase-unset-fix')) });
  }
  let key: KeyObject;
  try {
    key = privateKeyFromPem(pem, passphrase);
  } catch (err) {
    const encrypted = /ENCRYPTED/.test(pem.toString('latin1'));
    throw new InputError({
      file: path,
      field: '--sign-key',
      ...saying(
        encrypted ? phrase(passphrase === undefined ? 'key-encrypted' : 'key-wrong-passphrase') : phrase('key-not-private', { code: (err as { code?: string }).code ?? 'unreadable' }),
        encrypted ? phrase('key-encrypted-fix') : keyFix(),
      ),
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
    throw new InputError({ file: path, field: '--key', ...saying(phrase('key-not-public', { code: (err as { code?: string }).code ?? 'unreadable' }), phrase('key-not-public-fix')) });
  }
  return checkAlgorithm(key, path, '--key');
}
