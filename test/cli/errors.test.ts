import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('bad input exits 2, names the file, line and fix, and writes nothing', () => {
  it('a malformed scenario file', async () => {
    const r0 = await runCli(['--version']);
    const dir = join(r0.cwd, 'scen', 'smtp');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'BAD.yaml'),
      ['id: SMTP-BAD-ONE', 'title: a bad scenario', 'requirements: [ECO.1.0.1]', 'tags: [smtp]', 'severity: hgih', 'steps:', '  - id: a', '    probe: smtp.session', '    with: { endpoint: smtpMta }', ''].join('\n'),
    );
    const r = await runCli(['run', '--scenarios', 'scen', '--out', 'out'], { cwd: r0.cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('BAD.yaml:5');
    expect(r.stderr).toContain('/severity');
    expect(r.stderr).toMatch(/fix: use one of: "critical"/);
    expect(existsSync(join(r0.cwd, 'out'))).toBe(false);
  });

  it('a YAML syntax error', async () => {
    const r0 = await runCli(['--version']);
    writeFileSync(join(r0.cwd, 't.yaml'), 'operator:\n  name: "unterminated\ndomains: [a]\n');
    const r = await runCli(['run', '--target', 't.yaml'], { cwd: r0.cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/t\.yaml:\d+/);
    expect(readdirSync(r0.cwd)).toEqual(['t.yaml']);
  });

  it('a target with an inline secret', async () => {
    const r0 = await runCli(['--version']);
    writeFileSync(
      join(r0.cwd, 'target.yaml'),
      ['operator: { name: Op }', 'domains: [op.test]', 'endpoints:', '  imap: { host: 127.0.0.1, port: 143 }', 'mailboxes:', '  - address: a@op.test', '    type: PER', '    password: hunter2hunter2', ''].join('\n'),
    );
    const r = await runCli(['validate', 'target.yaml'], { cwd: r0.cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('target.yaml:8');
    expect(r.stdout).toContain('/mailboxes/0/password');
    expect(r.stdout).toContain('env:NAME or file:PATH');
    expect(r.stdout + r.stderr).not.toContain('hunter2hunter2');
  });

  it('wrong flags and values', async () => {
    expect((await runCli(['run', '--bogus'])).code).toBe(2);
    const asOf = await runCli(['run', '--as-of', '2026-02-30']);
    expect(asOf.code).toBe(2);
    expect(asOf.stderr).toContain('--as-of');
    expect((await runCli(['run', '--fail-on', 'severe'])).code).toBe(2);
    const fmt = await runCli(['run', '--format', 'pdf']);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain('--format');
    const only = await runCli(['run', '--only', 'NO-SUCH-SCENARIO']);
    expect(only.code).toBe(2);
    expect(only.stderr).toContain('NO-SUCH-SCENARIO');
    const defect = await runCli(['run', '--sandbox-defects', 'no-such-defect']);
    expect(defect.code).toBe(2);
    expect(defect.stderr).toContain('--sandbox-defects');
  });
});

describe('an endpoint that accepts TCP and never answers', () => {
  let server: Server;
  const sockets: Socket[] = [];
  let port = 0;
  beforeAll(async () => {
    server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });

  it('gives error within its timeout and exit 3, never pass', async () => {
    const r0 = await runCli(['--version']);
    writeFileSync(
      join(r0.cwd, 'target.yaml'),
      ['operator: { name: Silent operator }', 'domains: [silent.test]', 'endpoints:', `  smtpSubmission: { host: 127.0.0.1, port: ${port} }`, ''].join('\n'),
    );
    const r = await runCli(['run', '--target', 'target.yaml', '--only', 'SMTP-STARTTLS-OFFERED', '--idle-timeout', '300ms', '--timeout', '3s', '--out', 'out', '--format', 'json'], { cwd: r0.cwd });
    expect(r.code).toBe(3);
    const report = JSON.parse((await import('node:fs')).readFileSync(join(r0.cwd, 'out', 'report.json'), 'utf8'));
    const byId = Object.fromEntries(report.scenarios.map((s: { id: string; status: string }) => [s.id, s]));
    expect(byId['SMTP-STARTTLS-OFFERED/submission'].status).toBe('error');
    expect(byId['SMTP-STARTTLS-OFFERED/submission'].steps[0].code).toBe('ETIMEDOUT_IDLE');
    expect(byId['SMTP-STARTTLS-OFFERED/mta'].status).toBe('not-applicable');
    expect(report.summary.verdict).toBe('incomplete');
  });
});

describe('policy files through the CLI', () => {
  const fixtures = join(process.cwd(), 'test', 'policy', 'fixtures');

  it('msscheck policy --as-of prints each means with its status, reason and source', async () => {
    const r = await runCli(['policy', '--as-of', '2026-01-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/totp\s+FORBIDDEN/);
    expect(r.stdout).toMatch(/psc\s+ALLOWED/);
    const before = await runCli(['policy', '--as-of', '2025-12-31', '--json']);
    const rows = JSON.parse(before.stdout).rows as { means: string; status: string }[];
    expect(rows.find((x) => x.means === 'totp')!.status).toBe('tolerated');
  });

  it('a malformed policy file exits 2 naming the file and the line, in run, policy and validate', async () => {
    for (const args of [['policy', '--policy'], ['run', '--policy'], ['validate']]) {
      const r = await runCli([...args, join(fixtures, 'overlapping-range.yaml')]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout + r.stderr).toMatch(/overlapping-range\.yaml:\d+/);
    }
  });
});

describe('validate explains a field that needs another beside it', () => {
  it('a PSC test role without a national identifier', async () => {
    const r0 = await runCli(['--version']);
    writeFileSync(join(r0.cwd, 't.yaml'), 'operator: { name: Op }\ndomains: [op.test]\nendpoints: {}\nmailboxes:\n  - address: a@op.test\n    type: PER\n    pscTestRole: deny\n');
    const r = await runCli(['validate', 't.yaml'], { cwd: r0.cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('t.yaml:5');
    expect(r.stdout).toContain('"pscTestRole" needs "nationalId"');
    expect(r.stdout).toContain('fix: add "nationalId"');
  });
});
