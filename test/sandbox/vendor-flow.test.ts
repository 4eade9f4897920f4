/**
 * The client-software vendor flow, as the docs tell it: `msscheck sandbox --store sent` runs; it
 * says how to get a token for each test identity; `msscheck sandbox token --identity dr.approve`
 * prints one; Python smtplib (docs/vendor/send_xoauth2.py) and nodemailer with its customAuth
 * (docs/vendor/send-xoauth2.mjs) send a message through the sandbox's submission with it; the
 * sandbox prints one line per message; `lint-message` lints them, named relative to the folder.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sandboxCommand } from '../../src/cli/commands/sandbox.js';
import { runCli } from '../helpers/cli.js';

const run = promisify(execFile);

describe('client-software vendor flow against the sandbox', { timeout: 120_000 }, () => {
  it('token from the running sandbox, a message sent by smtplib and by nodemailer, one console line each, then linted', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'msscheck-vendor-'));
    const env = { MSSCHECK_SANDBOX_STATE: join(cwd, 'sandbox-state.yaml') };
    let stderr = '';
    const err = new PassThrough();
    err.on('data', (d) => (stderr += d));
    let stop!: () => void;
    const until = new Promise<void>((r) => (stop = r));
    const running = sandboxCommand({ store: 'sent', printTarget: 'sandbox.yaml' }, { stdout: new PassThrough(), stderr: err, env, now: () => new Date(), cwd }, until);
    try {
      while (!existsSync(env.MSSCHECK_SANDBOX_STATE)) await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toContain('dr.approve@sandbox.mssante.test (approve): msscheck sandbox token --identity dr.approve');
      const submission = /XOAUTH2 on submission 127\.0\.0\.1:(\d+)/.exec(stderr);
      expect(submission).not.toBeNull();
      const port = submission![1]!;

      const token = async () => {
        const r = await runCli(['sandbox', 'token', '--identity', 'dr.approve'], { cwd, env });
        expect(r.stderr).toContain('send it after the server');
        expect(r.code).toBe(0);
        return r.stdout.trim();
      };
      const t1 = await token();
      expect(t1).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/); // a JWT

      const py = await run('python3', [resolve('docs/vendor/send_xoauth2.py'), '127.0.0.1', port], { env: { ...process.env, TOKEN: t1 }, timeout: 60_000 });
      expect(py.stdout).toContain('sent');
      const node = await run(process.execPath, [resolve('docs/vendor/send-xoauth2.mjs'), '127.0.0.1', port], { env: { ...process.env, TOKEN: await token() }, timeout: 60_000 });
      expect(node.stdout).toContain('sent');

      while (readdirSync(join(cwd, 'sent')).length < 2) await new Promise((r) => setTimeout(r, 50));
      const lines = stderr.split('\n').filter((l) => l.startsWith('message '));
      expect(lines).toEqual([
        expect.stringMatching(/^message 1: submission from <dr\.approve@sandbox\.mssante\.test> to <dr\.deny@sandbox\.mssante\.test>, \d+ bytes -> sent\/0001-smtpSubmission\.eml$/),
        expect.stringMatching(/^message 2: submission from <dr\.approve@sandbox\.mssante\.test> .* -> sent\/0002-smtpSubmission\.eml$/),
      ]);

      // An unknown identity and a missing sandbox are input errors naming the fix.
      const unknown = await runCli(['sandbox', 'token', '--identity', 'dr.nobody'], { cwd, env });
      expect([unknown.code, unknown.stderr.includes('use one of: dr.approve')]).toEqual([2, true]);

      const lint = await runCli(['lint-message', 'sent/0001-smtpSubmission.eml', 'sent/0002-smtpSubmission.eml', '--format', 'json'], { cwd });
      const report = JSON.parse(lint.stdout) as { scenarios: { id: string; variant: string; status: string }[] };
      expect(new Set(report.scenarios.map((s) => s.variant))).toEqual(new Set(['sent/0001-smtpSubmission.eml', 'sent/0002-smtpSubmission.eml']));
      expect(report.scenarios.some((s) => s.id === 'MSG-X-MSS-NIL/sent/0001-smtpSubmission.eml')).toBe(true);
      expect(report.scenarios.every((s) => s.status !== 'error')).toBe(true);
    } finally {
      stop();
      expect(await running).toBe(0);
    }
    expect(existsSync(env.MSSCHECK_SANDBOX_STATE)).toBe(false);
    const gone = await runCli(['sandbox', 'token', '--identity', 'dr.approve'], { cwd, env });
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('no running sandbox found');
  });
});

describe('sandbox token: sandbox only', () => {
  it('refuses a profile that is not the sandbox, or whose provider is not on loopback', async () => {
    const { readSandboxProfile } = await import('../../src/sandbox/vendor-token.js');
    const { writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'msscheck-token-'));
    const real = join(dir, 'real.yaml');
    writeFileSync(real, 'operator: { name: Op, id: "12345678900012" }\ndomains: [op.fr]\nendpoints:\n  oidc: { issuer: "https://auth.esante.gouv.fr/auth/realms/esante-wallet" }\n');
    expect(() => readSandboxProfile(real)).toThrow(/not the msscheck sandbox/);
    const remote = join(dir, 'remote.yaml');
    writeFileSync(remote, 'operator: { name: S, id: "00000000000000" }\ndomains: [sandbox.mssante.test]\nendpoints:\n  oidc: { issuer: "https://psc.example.org/auth/realms/esante-wallet" }\n');
    expect(() => readSandboxProfile(remote)).toThrow(/not the msscheck sandbox/);
    const r = await runCli(['sandbox', 'token', '--identity', 'dr.approve', '--target', real], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([2, '']);
  });
});
