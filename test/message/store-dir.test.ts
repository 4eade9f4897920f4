import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentMessage, renderMessage } from '../../src/message/fixtures/generate.js';
import { pkiManifest } from '../../src/pki/fixtures.js';
import { findProbe } from '../../src/probes/registry.js';
import { startSandbox } from '../../src/sandbox/operator.js';
import { storeDirWriter, storedMessageFileName } from '../../src/sandbox/smtp/store-dir.js';
import type { StoredMessage } from '../../src/sandbox/types.js';
import { InputError } from '../../src/util/input-error.js';
import { submitWithXoauth2 } from '../helpers/smtp-send.js';
import { runCli } from '../helpers/cli.js';
import { makeTestContext } from '../helpers/probe-context.js';

/**
 * `msscheck sandbox --store DIR` for client-software vendors: the sandbox's SMTP endpoints write
 * each accepted message to DIR, and `msscheck lint-message DIR/*.eml` lints what the client sent.
 */
const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'msscheck-store-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const message = (raw: Buffer): StoredMessage => ({ endpoint: 'smtpSubmission', from: 'a@x.test', to: ['b@y.test'], receivedAt: '2025-01-31T10:00:00Z', raw });

describe('the store-folder hook', () => {
  it('writes <n>-<endpoint>.eml atomically (no temporary file left), creating the folder', () => {
    const dir = join(tempDir(), 'nested', 'store');
    const hook = storeDirWriter(dir, () => undefined)!;
    hook(message(Buffer.from('one\r\n')), 1);
    hook({ ...message(Buffer.from('two\r\n')), endpoint: 'smtpMta' }, 2);
    expect(readdirSync(dir).sort()).toEqual(['0001-smtpSubmission.eml', '0002-smtpMta.eml']);
    expect(readFileSync(join(dir, '0002-smtpMta.eml'), 'utf8')).toBe('two\r\n');
    expect(storedMessageFileName(12, 'smtpSubmission')).toBe('0012-smtpSubmission.eml');
  });

  it('no folder: no hook; an unusable folder is an input error at start; a later write failure warns and never throws', () => {
    expect(storeDirWriter(undefined)).toBeUndefined();
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    const err = (() => {
      try {
        storeDirWriter(join(file, 'sub'));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems[0]).toMatchObject({ field: '--store' });

    const dir = tempDir();
    const warnings: string[] = [];
    const hook = storeDirWriter(dir, (l) => warnings.push(l))!;
    chmodSync(dir, 0o500);
    try {
      if (process.getuid?.() === 0) return; // root writes anyway: nothing to observe
      expect(() => hook(message(Buffer.from('x')), 1)).not.toThrow();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/could not write .*0001-smtpSubmission\.eml/);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});

describe('startSandbox({ storeDir }) with a client sending through the submission endpoint', () => {
  it('keeps each accepted message as a file that lint-message reads: a conformant one passes, a faulty one fails', async () => {
    const dir = tempDir();
    const sandbox = await startSandbox({ storeDir: dir });
    try {
      // The vendor's path: a PSC token by CIBA for test identity 0, then XOAUTH2 on submission.
      const asOf = new Date(`${pkiManifest().referenceAsOf}T00:00:00Z`);
      const t = makeTestContext({ target: sandbox.target, asOf, timeouts: { connectMs: 3000, idleMs: 5000, overallMs: 15000 } });
      const facts = (await findProbe('oidc.ciba')!.run({ identity: 0 }, t.ctx)) as { tokenHandle: string };
      const accessToken = t.ctx.oidc.vault.resolve(facts.tokenHandle, t.redactor);
      const ep = sandbox.target.profile.endpoints.smtpSubmission!;
      const good = renderMessage(documentMessage());
      const faultySpec = documentMessage();
      faultySpec.headers = faultySpec.headers.filter(([n]) => n !== 'X-MSS-NIL');
      const envelope = { from: 'jean.dupont@hopital-test.mssante.fr', to: ['cabinet.durand@medecin-test.mssante.fr'] };
      await submitWithXoauth2(ep, 'dr.approve@sandbox.mssante.test', accessToken, envelope, [good, renderMessage(faultySpec)]);

      expect(readdirSync(dir).sort()).toEqual(['0001-smtpSubmission.eml', '0002-smtpSubmission.eml']);
      const first = readFileSync(join(dir, '0001-smtpSubmission.eml'));
      expect(first.toString('utf8')).toContain('X-MSS-CODECDA: 11488-4,34133-9');
      expect(first.equals(sandbox.services.messageStore![0]!.raw)).toBe(true);

      const pass = await runCli(['lint-message', join(dir, '0001-smtpSubmission.eml'), '--format', 'json', '--as-of', '2025-01-31']);
      expect(pass.code).toBe(0);
      const both = await runCli(['lint-message', join(dir, '0001-smtpSubmission.eml'), join(dir, '0002-smtpSubmission.eml'), '--format', 'json', '--as-of', '2025-01-31', '--strict']);
      expect(both.code).toBe(1);
      const report = JSON.parse(both.stdout) as { scenarios: { id: string; status: string }[] };
      expect(report.scenarios.filter((r) => r.status === 'fail').map((r) => r.id)).toEqual([expect.stringMatching(/MSG-X-MSS-NIL/)]);
    } finally {
      await sandbox.stop();
    }
  }, 30_000);
});

describe('the DSN request a client made', () => {
  it('is written beside the message as <n>-<endpoint>.dsn.json, and only when the client asked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'msscheck-store-dsn-'));
    try {
      const hook = storeDirWriter(dir, () => undefined)!;
      const base = { endpoint: 'smtpSubmission' as const, from: 'a@x.test', to: ['b@y.test'], receivedAt: '2026-01-01T00:00:00Z', raw: Buffer.from('m\r\n') };
      hook({ ...base, dsn: { ret: 'HDRS', envid: 'e1', recipients: [{ address: 'b@y.test', notify: ['SUCCESS', 'FAILURE'], orcpt: 'rfc822;b@y.test' }] } }, 1);
      hook({ ...base, dsn: { ret: null, envid: null, recipients: [{ address: 'b@y.test', notify: null, orcpt: null }] } }, 2);
      expect(readdirSync(dir).sort()).toEqual(['0001-smtpSubmission.dsn.json', '0001-smtpSubmission.eml', '0002-smtpSubmission.eml']);
      expect(JSON.parse(readFileSync(join(dir, '0001-smtpSubmission.dsn.json'), 'utf8')).recipients[0].notify).toEqual(['SUCCESS', 'FAILURE']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
