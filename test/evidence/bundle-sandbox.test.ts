/**
 * Evidence bundles from real in-process sandbox runs: a signed bundle verifies; one byte changed in
 * each kind of file (report, transcript, certificate chain, DER certificate, catalogue copy, target
 * profile, manifest) or in the signature is refused with the file named; `diff` between a clean run
 * and a run with two sandbox defects lists exactly those defects' failures as regressions.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { unzipFiles, zipFiles } from '../../src/evidence/archive.js';
import type { ReportDiff } from '../../src/evidence/diff.js';
import { parseStatement } from '../../src/evidence/manifest.js';
import { pkiManifest } from '../../src/pki/fixtures.js';
import { listDefects } from '../../src/sandbox/operator.js';
import { runCli } from '../helpers/cli.js';

const asOf = pkiManifest().referenceAsOf;
const ONLY = 'SMTP-STARTTLS-OFFERED,X509-CERT-VALID,IMAP-STARTTLS';
const DEFECTS = ['imap-cert-expired', 'mta-no-starttls'];

let cwd: string;
let clean: Uint8Array;

/** The bundle with `path` changed by `change`, re-zipped (valid CRCs: only the SHA-256 can tell). */
function rezip(bytes: Uint8Array, path: string, change: (data: Buffer) => Buffer): Uint8Array {
  const { files } = unzipFiles(bytes);
  expect(files.has(path), path).toBe(true);
  return zipFiles([...files].map(([p, data]) => ({ path: p, data: p === path ? change(Buffer.from(data)) : data })), new Date('2026-01-01T00:00:00Z'));
}
const flipAt = (i: number) => (d: Buffer): Buffer => {
  const c = Buffer.from(d);
  c[i] ^= 0x01;
  return c;
};
const flipMiddle = (d: Buffer): Buffer => flipAt(Math.floor(d.length / 2))(d);

async function verify(bytes: Uint8Array, name: string, key = 'sign.pub.pem') {
  writeFileSync(join(cwd, name), bytes);
  return runCli(['verify', name, '--key', key], { cwd });
}

beforeAll(async () => {
  const r0 = await runCli(['--version']);
  cwd = r0.cwd;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(join(cwd, 'sign.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(cwd, 'sign.pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  const run = await runCli(['run', '--as-of', asOf, '--quiet', '--only', ONLY, '--format', 'json,md', '--out', 'clean', '--bundle', 'clean.zip', '--sign-key', 'sign.pem'], { cwd });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/bundle: clean\.zip \(\d+ files, sha256 [0-9a-f]{64}, signed by key [0-9a-f]{64}\)/);
  clean = readFileSync(join(cwd, 'clean.zip'));
}, 120_000);

describe('evidence bundle of a sandbox run', { timeout: 60_000 }, () => {
  it('holds the reports, transcripts, presented chains (PEM and DER), profile, inputs and a manifest of them all', () => {
    const { files, damaged } = unzipFiles(clean);
    expect(damaged).toEqual([]);
    const names = [...files.keys()];
    for (const n of ['manifest.json', 'signature.dsse.json', 'README.txt', 'reports/report.json', 'reports/junit.xml', 'reports/report.html', 'reports/summary.md', 'target/profile.yaml', 'certificates/index.json', 'inputs/catalogue/catalogue.yaml', 'inputs/policy/default.yaml', 'inputs/cipher-policy/anssi-default.yaml', 'inputs/scenarios/smtp/SMTP-STARTTLS-OFFERED.yaml']) expect(names, n).toContain(n);
    expect(names.filter((n) => n.startsWith('transcripts/')).length).toBeGreaterThanOrEqual(6);
    const pems = names.filter((n) => n.endsWith('/chain.pem'));
    expect(pems.length).toBe(3); // mta, submission, imap
    const chain = Buffer.from(files.get(pems[0])!).toString();
    expect(chain.match(/BEGIN CERTIFICATE/g)?.length).toBeGreaterThanOrEqual(1);
    expect(names.some((n) => /certificates\/.+\/00\.der$/.test(n))).toBe(true);
    const statement = parseStatement(files.get('manifest.json')!);
    expect(statement.predicate.tool.name).toBe('msscheck');
    expect(statement.predicate.asOf).toBe(JSON.parse(Buffer.from(files.get('reports/report.json')!).toString()).asOf);
    expect(statement.subject.map((s) => s.name).sort()).toEqual(names.filter((n) => n !== 'manifest.json' && n !== 'signature.dsse.json').sort());
    expect(statement.predicate.inputs.map((i) => i.role)).toEqual(expect.arrayContaining(['catalogue', 'policy', 'cipher-policy', 'scenarios']));
    // the profile as run: credentials only as references
    const profile = Buffer.from(files.get('target/profile.yaml')!).toString();
    expect(profile).toMatch(/password: file:/);
    expect(profile).not.toMatch(/password: (?!file:|env:|\$\{)/);
  });

  it('verifies with the signer key (exit 0) and says what it checked', async () => {
    const r = await runCli(['verify', 'clean.zip', '--key', 'sign.pub.pem'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/hashes: \d+ file\(s\) match their SHA-256 \(.*report.*transcript.*certificate.*input/);
    expect(r.stdout).toContain('signature: valid: valid ed25519 signature');
    expect(r.stdout).toContain('result: verified');
  });

  const tamperings: [string, (names: string[]) => string, (d: Buffer) => Buffer, RegExp][] = [
    ['a report', () => 'reports/report.json', flipMiddle, /FAIL reports\/report\.json: SHA-256 is/],
    ['a transcript', (n) => n.find((x) => x.startsWith('transcripts/'))!, flipMiddle, /FAIL transcripts\/.+\.txt: SHA-256 is/],
    ['a certificate chain', (n) => n.find((x) => x.endsWith('/chain.pem'))!, flipMiddle, /FAIL certificates\/.+\/chain\.pem: SHA-256 is/],
    ['a DER certificate', (n) => n.find((x) => x.endsWith('.der'))!, flipMiddle, /FAIL certificates\/.+\.der: SHA-256 is/],
    ['the catalogue copy', () => 'inputs/catalogue/catalogue.yaml', flipMiddle, /FAIL inputs\/catalogue\/catalogue\.yaml: SHA-256 is/],
    ['the target profile', () => 'target/profile.yaml', flipMiddle, /FAIL target\/profile\.yaml: SHA-256 is/],
    ['the manifest (one digit of the as-of instant)', () => 'manifest.json', (d) => flipAt(d.indexOf('"asOf": "') + 10)(d), /FAIL manifest\.json: differs from the manifest the signature covers/],
    ['the signature', () => 'signature.dsse.json', (d) => flipAt(d.indexOf('"sig": "') + 12)(d), /FAIL signature\.dsse\.json: signature does not verify/],
  ];
  for (const [what, pick, change, expected] of tamperings) {
    it(`refuses one byte changed in ${what}, naming the file`, async () => {
      const names = [...unzipFiles(clean).files.keys()];
      const r = await verify(rezip(clean, pick(names), change), `t-${what.replace(/\W+/g, '-')}.zip`);
      expect(r.stdout).toMatch(expected);
      expect(r.stdout).toContain('result: NOT verified');
      expect(r.code).toBe(1);
    });
  }

  it('refuses a byte changed inside the archive itself (CRC), an added file, a removed file and another key', async () => {
    const raw = Buffer.from(clean);
    const at = raw.indexOf(Buffer.from('README.txt')) + 'README.txt'.length + 40; // inside README.txt's compressed data
    raw[at] ^= 0xff;
    const crc = await verify(raw, 'crc.zip');
    expect(crc.code).toBe(1);
    expect(crc.stdout).toMatch(/FAIL README\.txt: damaged in the archive/);

    const { files } = unzipFiles(clean);
    const entries = [...files].map(([path, data]) => ({ path, data }));
    const added = await verify(zipFiles([...entries, { path: 'reports/extra.txt', data: Buffer.from('x') }], new Date()), 'added.zip');
    expect(added.stdout).toContain('FAIL reports/extra.txt: in the bundle but not listed in the manifest');
    expect(added.code).toBe(1);
    const removed = await verify(zipFiles(entries.filter((e) => e.path !== 'reports/summary.md'), new Date()), 'removed.zip');
    expect(removed.stdout).toContain('FAIL reports/summary.md: listed in the manifest but missing from the bundle');
    expect(removed.code).toBe(1);

    const other = generateKeyPairSync('ed25519').publicKey;
    writeFileSync(join(cwd, 'other.pub.pem'), other.export({ type: 'spki', format: 'pem' }));
    const wrongKey = await verify(clean, 'clean-again.zip', 'other.pub.pem');
    expect(wrongKey.stdout).toMatch(/FAIL signature\.dsse\.json: signature does not verify: no signature verifies with key/);
    expect(wrongKey.code).toBe(1);
  });

  it('exits 2 on unreadable input: not a ZIP, no manifest, a missing file, a bad key', async () => {
    writeFileSync(join(cwd, 'not.zip'), 'hello');
    expect((await runCli(['verify', 'not.zip'], { cwd })).code).toBe(2);
    writeFileSync(join(cwd, 'nomanifest.zip'), zipFiles([{ path: 'a.txt', data: Buffer.from('a') }], new Date()));
    const nm = await runCli(['verify', 'nomanifest.zip'], { cwd });
    expect(nm.code).toBe(2);
    expect(nm.stderr).toContain('no manifest.json');
    expect((await runCli(['verify', 'absent.zip'], { cwd })).code).toBe(2);
    const badKey = await runCli(['verify', 'clean.zip', '--key', 'README.nope'], { cwd });
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toContain('--key');
  });

  it('refuses an --out folder that holds a report, and an existing --bundle, before running (exit 2, with the fix); --force replaces', async () => {
    const again = await runCli(['run', '--as-of', asOf, '--quiet', '--only', 'IMAP-STARTTLS', '--format', 'json', '--out', 'clean'], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds a report');
    expect(again.stderr).toContain('--force');
    const bundleAgain = await runCli(['run', '--as-of', asOf, '--quiet', '--only', 'IMAP-STARTTLS', '--format', 'json', '--out', 'fresh', '--bundle', 'clean.zip'], { cwd });
    expect(bundleAgain.code).toBe(2);
    expect(bundleAgain.stderr).toContain('clean.zip already exists');
    expect(readFileSync(join(cwd, 'clean.zip')).equals(Buffer.from(clean))).toBe(true);
    mkdirSync(join(cwd, 'forced'));
    writeFileSync(join(cwd, 'forced', 'report.html'), 'old');
    const forced = await runCli(['run', '--as-of', asOf, '--quiet', '--only', 'IMAP-STARTTLS', '--format', 'json', '--out', 'forced', '--force'], { cwd });
    expect(forced.code).toBe(0);
    expect(() => readFileSync(join(cwd, 'forced', 'report.html'))).toThrow();
  });
});

describe('msscheck diff between a clean sandbox run and a run with two defects', { timeout: 120_000 }, () => {
  it('lists exactly the defects\' failures as regressions, the new certificate, and exits 1', async () => {
    const run = await runCli(['run', '--as-of', asOf, '--quiet', '--only', ONLY, '--sandbox-defects', DEFECTS.join(','), '--format', 'json', '--out', 'defects', '--bundle', 'defects.zip'], { cwd });
    expect(run.code).toBe(1);
    const expected = listDefects()
      .filter((d) => DEFECTS.includes(d.name))
      .flatMap((d) => d.fails)
      .sort();
    expect(expected.length).toBeGreaterThanOrEqual(2);

    // a report folder against a bundle; JSON
    const json = await runCli(['diff', 'clean', 'defects.zip', '--format', 'json'], { cwd });
    expect(json.stderr).toBe('');
    expect(json.code).toBe(1);
    const d = JSON.parse(json.stdout) as ReportDiff;
    expect(d.regressed.map((r) => r.id).sort()).toEqual(expected);
    expect(d.regressed.every((r) => r.from === 'pass' && r.to === 'fail')).toBe(true);
    expect(d.fixed).toEqual([]);
    expect(d.appeared).toEqual([]);
    expect(d.disappeared).toEqual([]);
    expect(d.verdict).toEqual({ from: 'conformant', to: 'non-conformant' });
    // the expired certificate the IMAP endpoint now presents: a new fingerprint with a new expiry
    const imap = d.certificates.find((c) => c.endpoint === 'imap');
    expect(imap?.leaf?.newExpiry).toBe(true);
    expect(imap?.added.map((c) => c.sha256)).toContain(imap?.leaf?.to?.sha256);
    expect(d.certificates.filter((c) => c.observed === 'both').map((c) => c.endpoint)).toEqual(['imap']);
    // without STARTTLS the MTA presents no chain: said so, not reported as a removed certificate
    expect(d.certificates.find((c) => c.endpoint === 'smtpMta')).toMatchObject({ observed: 'old-only', added: [], removed: [] });

    // bundle against bundle; Markdown to a file
    const md = await runCli(['diff', 'clean.zip', 'defects.zip', '--out', 'diff.md'], { cwd });
    expect(md.code).toBe(1);
    const text = readFileSync(join(cwd, 'diff.md'), 'utf8');
    expect(text).toContain(`## Regressed (${expected.length})`);
    for (const id of expected) expect(text).toContain(`| ${id} |`);
    expect(text).toContain('(new expiry)');

    // the reverse: the same scenarios fixed, no regression, exit 0
    const back = await runCli(['diff', 'defects.zip', 'clean', '--format', 'json'], { cwd });
    expect(back.code).toBe(0);
    expect((JSON.parse(back.stdout) as ReportDiff).fixed.map((r) => r.id).sort()).toEqual(expected);
    // nothing changed: exit 0
    expect((await runCli(['diff', 'clean', 'clean.zip'], { cwd })).code).toBe(0);
  });
});
