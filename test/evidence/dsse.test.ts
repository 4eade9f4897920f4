import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyId, pae, parseEnvelope, serialiseEnvelope, signEnvelope, verifyEnvelope } from '../../src/evidence/dsse.js';
import { loadSigningKey, loadVerifyKey } from '../../src/evidence/keys.js';
import { InputError } from '../../src/util/input-error.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'msscheck-dsse-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('DSSE', () => {
  it('encodes PAE as the DSSE v1 protocol says (its test vector)', () => {
    expect(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString()).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
    // lengths are byte counts, not characters
    expect(pae('t', Buffer.from('é')).toString()).toBe('DSSEv1 1 t 2 é');
  });

  for (const [name, pair] of [
    ['Ed25519', () => generateKeyPairSync('ed25519')],
    ['ECDSA P-256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' })],
  ] as const) {
    it(`${name}: signs, survives serialisation, verifies; a changed payload or another key does not`, () => {
      const { privateKey, publicKey } = pair();
      const env = parseEnvelope(serialiseEnvelope(signEnvelope(Buffer.from('{"a":1}\n'), privateKey)));
      expect(env.signatures[0].keyid).toBe(keyId(publicKey));
      expect(verifyEnvelope(env, publicKey).ok).toBe(true);
      const tampered = { ...env, payload: Buffer.from('{"a":2}\n').toString('base64') };
      expect(verifyEnvelope(tampered, publicKey).ok).toBe(false);
      const other = pair().publicKey;
      const r = verifyEnvelope(env, other);
      expect(r.ok).toBe(false);
      expect(r.reason).toContain('no signature verifies');
    });
  }

  it('refuses RSA and other curves, naming the file and the fix', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    writeFileSync(join(dir, 'rsa.pem'), rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(dir, 'p384.pub.pem'), p384.publicKey.export({ type: 'spki', format: 'pem' }));
    expect(() => loadSigningKey('rsa.pem', { cwd: dir, env: {} })).toThrow(/rsa.pem.*rsa key[\s\S]*fix: give an Ed25519 or ECDSA P-256 key/);
    expect(() => loadVerifyKey('p384.pub.pem', dir)).toThrow(/only P-256/);
  });

  it('opens an encrypted key with a passphrase given by reference, never in clear', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(join(dir, 'enc.pem'), privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' }));
    writeFileSync(join(dir, 'pass.txt'), 'correct horse\n');
    expect(loadSigningKey('enc.pem', { cwd: dir, env: { SIGN_PASS: 'correct horse' }, passphraseRef: 'env:SIGN_PASS' }).asymmetricKeyType).toBe('ed25519');
    expect(loadSigningKey('enc.pem', { cwd: dir, env: {}, passphraseRef: 'file:pass.txt' }).asymmetricKeyType).toBe('ed25519');
    const literal = (): unknown => loadSigningKey('enc.pem', { cwd: dir, env: {}, passphraseRef: 'correct horse' });
    expect(literal).toThrow(InputError);
    expect(literal).toThrow(/by reference/);
    const wrong = (): unknown => loadSigningKey('enc.pem', { cwd: dir, env: { P: 'nope' }, passphraseRef: 'env:P' });
    expect(wrong).toThrow(/passphrase does not open the key/);
    expect(() => loadSigningKey('enc.pem', { cwd: dir, env: {} })).toThrow(/encrypted and no passphrase/);
    try {
      wrong();
    } catch (err) {
      expect((err as Error).message).not.toContain('nope');
    }
  });
});
