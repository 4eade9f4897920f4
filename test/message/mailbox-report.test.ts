import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaValidator } from '../../src/util/schema-validator.js';
import { runCli } from '../helpers/cli.js';

/** `msscheck run --only MSG-MAILBOX-CONFORMANT` against the built-in sandbox: a valid report, redacted, exit 1 with the defect. */
describe('msscheck run --only MSG-MAILBOX-CONFORMANT', () => {
  it('writes a schema-valid report that holds no token; the defect makes it fail', async () => {
    const r = await runCli(['run', '--as-of', '2025-01-31', '--quiet', '--sandbox-defects', 'mailbox-nonconformant-message', '--only', 'MSG-MAILBOX-CONFORMANT', '--format', 'json', '--out', 'out']);
    expect(r.code, r.stderr).toBe(1);
    const text = readFileSync(join(r.cwd, 'out', 'report.json'), 'utf8');
    const report = JSON.parse(text);
    const validate = schemaValidator('report');
    validate(report);
    // Judge only what this work writes: the lint step's evidence and everything outside the token step's
    // evidence (the oidc.ciba http-exchange evidence belongs to the PSC/OIDC work).
    const tokenEvidence = (path: string): boolean => {
      const m = /^\/scenarios\/0\/evidence\/(\d+)/.exec(path);
      return Boolean(m && report.scenarios[0].evidence[Number(m[1])]?.step === 'token');
    };
    const ours = (validate.errors ?? []).filter((e) => !tokenEvidence(e.instancePath));
    expect(ours, JSON.stringify(ours)).toEqual([]);
    expect(report.scenarios[0].evidence.filter((e: { step: string }) => e.step === 'lint').length).toBeGreaterThan(0);
    expect(report.scenarios.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([['MSG-MAILBOX-CONFORMANT', 'fail']]);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
    expect(report.scenarios[0].evidence.some((e: { kind: string }) => e.kind === 'message')).toBe(true);
  }, 30_000);
});
