import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sandboxCommand } from '../../src/cli/commands/sandbox.js';
import { pkiManifest } from '../../src/pki/fixtures.js';
import { runCli } from '../helpers/cli.js';

describe('msscheck sandbox (standalone)', () => {
  it('prints a target profile that `msscheck run --target` accepts, judged on both sides of EXI 03, until stopped', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'msscheck-sandbox-'));
    const stdout = new PassThrough();
    let printed = '';
    stdout.on('data', (d) => (printed += d));
    let stop!: () => void;
    const until = new Promise<void>((r) => (stop = r));
    const io = { stdout, stderr: new PassThrough(), env: {}, now: () => new Date(), cwd };
    const running = sandboxCommand({ printTarget: 'target.yaml', store: 'store' }, io, until);
    while (!existsSync(join(cwd, 'target.yaml'))) await new Promise((r) => setTimeout(r, 50));
    expect(printed).toContain('smtpSubmission');
    expect(readFileSync(join(cwd, 'target.yaml'), 'utf8')).toContain('esante-wallet');

    const validate = await runCli(['validate', 'target.yaml'], { cwd });
    expect(validate.code).toBe(0);
    const run = await runCli(['run', '--target', 'target.yaml', '--only', 'SMTP-STARTTLS-OFFERED,OIDC-DISCOVERY', '--as-of', pkiManifest().referenceAsOf, '--quiet', '--format', 'json', '--out', 'out'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8'));
    expect(report.scenarios.map((s: { status: string }) => s.status)).toEqual(['pass', 'pass', 'pass']);
    expect(report.target.source).toContain('target.yaml');

    // The same operator declaring TOTP for its professionals: tolerated on 2025-12-31 (a warning:
    // it ends within a year), forbidden from 2026-01-01 (EXI 03).
    const profile = parse(readFileSync(join(cwd, 'target.yaml'), 'utf8'));
    profile.auth.declared.push('totp');
    writeFileSync(join(cwd, 'pro-otp.yaml'), stringify(profile));
    const judge = (asOf: string) => runCli(['run', '--target', 'pro-otp.yaml', '--only', 'IDENT-MEANS-COMPLIANT', '--as-of', asOf, '--quiet', '--format', 'json', '--out', `out-${asOf}`], { cwd });
    const before = await judge('2025-12-31');
    const after = await judge('2026-01-01');
    const ident = (asOf: string) => JSON.parse(readFileSync(join(cwd, `out-${asOf}`, 'report.json'), 'utf8')).scenarios.find((s: { id: string }) => s.id === 'IDENT-MEANS-COMPLIANT');
    expect([before.code, ident('2025-12-31').status]).toEqual([0, 'warn']);
    expect([after.code, ident('2026-01-01').status]).toEqual([1, 'fail']);
    expect(JSON.stringify(ident('2026-01-01').assertions)).toContain('totp');

    stop();
    expect(await running).toBe(0);
  });
});
