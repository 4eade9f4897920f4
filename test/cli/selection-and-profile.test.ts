import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('bad selections and profiles are input errors (exit 2, nothing written)', () => {
  it('--tags selecting nothing exits 2 and lists the tags that exist', async () => {
    const r = await runCli(['run', '--tags', 'nosuchtag', '--out', 'out']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--tags');
    expect(r.stderr).toContain('no scenario has the tag "nosuchtag"');
    expect(r.stderr).toMatch(/use tags that exist: .*smtp.*tls/);
    expect(existsSync(join(r.cwd, 'out'))).toBe(false);
  });

  it('--only and --tags that exist but select nothing together exit 2', async () => {
    const r = await runCli(['run', '--only', 'SMTP-STARTTLS-OFFERED', '--tags', 'oidc', '--out', 'out']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no scenario selected by --only has any of the tags "oidc"');
    const list = await runCli(['list', '--tags', 'nosuchtag']);
    expect(list.code).toBe(2);
  });

  it('an unknown means id or policy context in a target profile fails validate and run with file and line', async () => {
    const r0 = await runCli(['--version']);
    writeFileSync(
      join(r0.cwd, 'target.yaml'),
      [
        'operator: { name: Op }',
        'domains: [op.test]',
        'endpoints:',
        '  imap: { host: 127.0.0.1, port: 143 }',
        '  otpWeb: { url: "https://op.test/login", context: remote-acess }',
        'auth:',
        '  declared: [psc, carrier-pigeon]',
        '',
      ].join('\n'),
    );
    const v = await runCli(['validate', '--no-preflight', 'target.yaml'], { cwd: r0.cwd });
    expect(v.code).toBe(2);
    expect(v.stdout).toMatch(/target\.yaml:7:\d+: field \/auth\/declared\/1: "carrier-pigeon" is not an identification means/);
    expect(v.stdout).toMatch(/fix: use one of: .*psc/);
    expect(v.stdout).toMatch(/target\.yaml:5:\d+: field \/endpoints\/otpWeb\/context: "remote-acess" is not a context/);
    const r = await runCli(['run', '--target', 'target.yaml', '--out', 'out'], { cwd: r0.cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('carrier-pigeon');
    expect(existsSync(join(r0.cwd, 'out'))).toBe(false);
  });
});
