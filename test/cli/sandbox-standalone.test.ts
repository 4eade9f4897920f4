import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sandboxCommand } from '../../src/cli/commands/sandbox.js';
import { pkiManifest } from '../../src/pki/fixtures.js';
import { runCli } from '../helpers/cli.js';

describe('msscheck sandbox (standalone)', () => {
  it('prints a target profile that `msscheck run --target` accepts, until stopped', async () => {
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

    stop();
    expect(await running).toBe(0);
  });
});
