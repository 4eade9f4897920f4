import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectBundleFiles } from '../../src/evidence/bundle.js';
import { certificateFiles } from '../../src/evidence/collect.js';
import { runBundleSources } from '../../src/cli/run-bundle.js';
import { loadScenarios } from '../../src/scenarios/loader.js';
import { Redactor } from '../../src/util/redact.js';
import type { Report } from '../../src/model/result.js';
import { fixtureReport } from '../reporters/fixture.js';

const PKI = new URL('../../fixtures/pki/', import.meta.url).pathname;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'msscheck-collect-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('what a run bundle collects', () => {
  it('copies the public files a file profile names (trust anchors, liste blanche), never keys; redacts the profile text', () => {
    copyFileSync(join(PKI, 'certs', 'acr-el-test.cert.pem'), join(dir, 'anchor.pem'));
    writeFileSync(join(dir, 'whitelist.xml'), '<ListeBlanche/>');
    writeFileSync(join(dir, 'client.key.pem'), 'PRIVATE KEY MATERIAL');
    const profile = {
      operator: { name: 'Operator Demo-Secret-Value' },
      domains: ['op.test'],
      endpoints: {},
      trustAnchors: ['anchor.pem'],
      whitelist: 'whitelist.xml',
      peerCertificates: { peer: { cert: 'anchor.pem', key: 'file:client.key.pem' } },
      credentials: { note: 'env:OP_NOTE' },
    };
    const redactor = new Redactor();
    redactor.register('Demo-Secret-Value', 'test value'); // a value the run resolved
    const scenarios = loadScenarios();
    const src = runBundleSources({ report: fixtureReport(), target: { profile, source: join(dir, 'target.yaml'), baseDir: dir }, scenarios, instances: scenarios.instances.slice(0, 2), redactor });
    const { files, inputs } = collectBundleFiles(src);
    const names = files.map((f) => f.path);
    expect(names).toEqual(expect.arrayContaining(['inputs/target/anchor.pem', 'inputs/target/whitelist.xml', 'inputs/cipher-policy/anssi-default.yaml', 'inputs/policy/default.yaml']));
    expect(names.some((n) => n.includes('client.key'))).toBe(false);
    expect(files.some((f) => Buffer.from(f.data).includes('PRIVATE KEY MATERIAL'))).toBe(false);
    expect(inputs.filter((i) => i.role === 'target-file').map((i) => i.file)).toEqual(['inputs/target/anchor.pem', 'inputs/target/whitelist.xml']);
    const text = Buffer.from(files.find((f) => f.path === 'target/profile.yaml')!.data).toString();
    expect(text).toContain('key: file:client.key.pem');
    expect(text).toContain('name: Operator ');
    expect(text).not.toContain('Demo-Secret-Value');
    expect(names.filter((n) => n.startsWith('inputs/scenarios/')).length).toBeGreaterThanOrEqual(1);
  });

  it('files each distinct presented chain once, PEM and DER, and says which scenarios saw it', () => {
    const pem = readFileSync(join(PKI, 'certs', 'acr-el-test.cert.pem'), 'utf8');
    const report = fixtureReport() as Report;
    const ev = (id: string) => ({ kind: 'certificate-chain' as const, title: 'chain', step: 's', data: { endpoint: 'imap', certificates: [], presentedPem: [pem] } });
    report.scenarios[0].evidence.push(ev('a'));
    report.scenarios[1].evidence.push(ev('b'));
    const files = certificateFiles(report);
    expect(files.map((f) => f.path.replace(/-[0-9a-f]{16}\//, '-X/'))).toEqual(['certificates/index.json', 'certificates/imap-X/chain.pem', 'certificates/imap-X/00.der']);
    const index = JSON.parse(Buffer.from(files[0].data).toString());
    expect(index).toHaveLength(1);
    expect(index[0].seenIn).toEqual([report.scenarios[0].id, report.scenarios[1].id]);
    expect(Buffer.from(files[1].data).toString()).toBe(pem.endsWith('\n') ? pem : `${pem}\n`);
  });
});
