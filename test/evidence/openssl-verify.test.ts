/**
 * The commands docs/EVIDENCE.md gives for checking a bundle without msscheck, run exactly as
 * written (extracted from the document), with unzip, sha256sum, jq and openssl.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipFiles } from '../../src/evidence/archive.js';
import { buildBundle } from '../../src/evidence/bundle.js';
import { fixtureReport } from '../reporters/fixture.js';

const DOC = readFileSync(new URL('../../docs/EVIDENCE.md', import.meta.url), 'utf8');

/** The shell block that follows `<!-- evidence:NAME -->` in docs/EVIDENCE.md. */
function documented(name: string): string {
  const m = new RegExp(`<!-- evidence:${name} -->\\n\`\`\`sh\\n([\\s\\S]*?)\\n\`\`\``).exec(DOC);
  if (!m) throw new Error(`docs/EVIDENCE.md has no evidence:${name} block`);
  return m[1];
}

const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

let base: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'msscheck-openssl-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function writeSignedBundle(name: string, privateKey: KeyObject, publicKey: KeyObject, tamperManifest = false): { bundle: string; pub: string } {
  const built = buildBundle({ report: fixtureReport() }, privateKey);
  const entries = built.entries.map((e) => (tamperManifest && e.path === 'manifest.json' ? { ...e, data: Buffer.from(Buffer.from(e.data).toString('utf8').replace('"verdict"', '"Verdict"')) } : e));
  const bundle = join(base, `${name}.zip`);
  writeFileSync(bundle, zipFiles(entries, new Date('2025-06-15T10:00:00Z')));
  const pub = join(base, `${name}.pub.pem`);
  writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  return { bundle, pub };
}

function runDocumented(name: string, env: Record<string, string>): { status: number | null; out: string } {
  const cwd = join(base, `work-${name}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(cwd);
  const r = spawnSync('bash', ['-c', documented(name)], { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('verifying a bundle with openssl alone, by the documented commands', () => {
  it('openssl is there (the test machine has it)', () => {
    expect(execFileSync('openssl', ['version'], { encoding: 'utf8' })).toMatch(/^OpenSSL 3/);
  });

  it('Ed25519: the documented command verifies the signature, and refuses a manifest changed by one byte', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const good = writeSignedBundle('ed', privateKey, publicKey);
    const ok = runDocumented('signature-ed25519', { BUNDLE: good.bundle, PUB: good.pub });
    expect(ok.out).toContain('Signature Verified Successfully');
    expect(ok.status).toBe(0);
    const bad = writeSignedBundle('ed-bad', privateKey, publicKey, true);
    const ko = runDocumented('signature-ed25519', { BUNDLE: bad.bundle, PUB: bad.pub });
    expect(ko.status).not.toBe(0);
  });

  it('ECDSA P-256: the documented command verifies the signature, and refuses another key', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const good = writeSignedBundle('p256', privateKey, publicKey);
    const ok = runDocumented('signature-p256', { BUNDLE: good.bundle, PUB: good.pub });
    expect(ok.out).toContain('Verified OK');
    expect(ok.status).toBe(0);
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const otherPub = join(base, 'other.pub.pem');
    writeFileSync(otherPub, other.export({ type: 'spki', format: 'pem' }));
    const ko = runDocumented('signature-p256', { BUNDLE: good.bundle, PUB: otherPub });
    expect(ko.status).not.toBe(0);
  });

  it.skipIf((!has('jq') || !has('unzip')) && process.env.CI !== 'true')('the documented hash check passes on a bundle and fails on a changed file', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const good = writeSignedBundle('hash', privateKey, publicKey);
    const ok = runDocumented('hashes', { BUNDLE: good.bundle });
    expect(ok.out).toContain('all files match manifest.json');
    expect(ok.status).toBe(0);
    const built = buildBundle({ report: fixtureReport() }, privateKey);
    const changed = built.entries.map((e) => (e.path === 'reports/summary.md' ? { ...e, data: Buffer.concat([Buffer.from(e.data), Buffer.from('x')]) } : e));
    const bad = join(base, 'hash-bad.zip');
    writeFileSync(bad, zipFiles(changed, new Date('2025-06-15T10:00:00Z')));
    const ko = runDocumented('hashes', { BUNDLE: bad });
    expect(ko.status).not.toBe(0);
    expect(ko.out).toContain('reports/summary.md');
  });
});
