import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/cli/commands/validate.js';
import { ConsoleReporter } from '../../src/reporters/console.js';
import { colourEnabled } from '../../src/util/terminal.js';
import { runCli } from '../helpers/cli.js';
import { fixtureReport } from '../reporters/fixture.js';

// the CLI from src/ (bin/msscheck.js runs the compiled dist/, which may be older than the source)
const BIN = resolve('bin/msscheck-dev.js');
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

/** Runs a shell pipeline and returns the exit status of its first command and what it wrote on stderr. */
function pipeline(left: string, right: string): { status: number; stderr: string; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), 'msscheck-pipe-'));
  const r = spawnSync('bash', ['-c', `node ${JSON.stringify(BIN)} ${left} 2>${dir}/err | ${right}; echo "rc=\${PIPESTATUS[0]}"; cat ${dir}/err >&2`], {
    encoding: 'utf8',
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    timeout: 60_000,
  });
  const m = /rc=(\d+)\s*$/.exec(r.stdout);
  return { status: m ? Number(m[1]) : -1, stderr: r.stderr, stdout: r.stdout };
}

describe('safe when piped', { timeout: 120_000 }, () => {
  it('`msscheck list | head -1` exits 0 with no stack trace', () => {
    const r = pipeline('list', 'head -1');
    expect(r.stdout.split('\n')[0]).toMatch(/^[A-Z0-9-]+(\/\S+)?\s+/);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('a reader gone before the first write (EPIPE for sure) ends quietly too', () => {
    for (const cmd of ['list', 'requirements', 'sandbox --list-defects']) {
      const r = pipeline(cmd, 'true');
      expect(r.stderr, cmd).not.toMatch(/EPIPE|Error|at /);
      expect(r.status, cmd).toBe(0);
    }
  });
});

function sink(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.toString()), cb()) }) as Writable & { isTTY: boolean; text: () => string };
  w.isTTY = isTTY;
  w.text = () => chunks.join('');
  return w;
}

describe('colour', () => {
  it('follows --color/--no-color, FORCE_COLOR, NO_COLOR, TERM=dumb and the TTY, in that order', () => {
    const tty = { isTTY: true };
    const pipe = { isTTY: false };
    expect(colourEnabled(tty, {})).toBe(true);
    expect(colourEnabled(pipe, {})).toBe(false);
    expect(colourEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled(tty, { NO_COLOR: '' })).toBe(true);
    expect(colourEnabled(tty, { TERM: 'dumb' })).toBe(false);
    expect(colourEnabled(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourEnabled(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(colourEnabled(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(colourEnabled(pipe, { FORCE_COLOR: '1' }, false)).toBe(false);
    expect(colourEnabled(pipe, {}, true)).toBe(true);
  });

  it('the console reporter: FORCE_COLOR colours a pipe; TERM=dumb gets neither colour nor cursor control', () => {
    const report = fixtureReport();
    const forced = sink(false);
    new ConsoleReporter({ stream: forced, env: { FORCE_COLOR: '1' } }).onEnd(report);
    expect(forced.text()).toMatch(ANSI);
    const dumb = sink(true);
    const r = new ConsoleReporter({ stream: dumb, env: { TERM: 'dumb' } });
    r.onStart(1);
    r.onScenarioStart(report.scenarios[0]!.id);
    r.onScenarioEnd(report.scenarios[0]!);
    r.onEnd(report);
    expect(dumb.text()).not.toMatch(ANSI);
    expect(dumb.text()).not.toContain('\r');
  });

  it('--no-color reaches the console of a run', async () => {
    const r = await runCli(['run', '--no-color', '--only', 'NO-SUCH-*'], { env: { FORCE_COLOR: '1' } });
    expect(r.stdout + r.stderr).not.toMatch(ANSI);
  });
});

describe('--verbose', () => {
  it('prints each step and each exchange of a scenario, one line each', () => {
    const out = sink(false);
    const report = fixtureReport();
    const r = new ConsoleReporter({ stream: out, env: {}, verbose: true });
    const withEvidence = report.scenarios.find((s) => s.evidence.some((e) => e.lines?.length))!;
    r.onStart(1);
    r.onScenarioEnd(withEvidence);
    const text = out.text();
    for (const st of withEvidence.steps) expect(text).toContain(`step ${st.id} (${st.probe}): ${st.status}`);
    for (const e of withEvidence.evidence) expect(text).toContain(`${e.title} [${e.kind}`);
    const quiet = sink(false);
    new ConsoleReporter({ stream: quiet, env: {} }).onScenarioEnd(withEvidence);
    expect(quiet.text()).not.toContain('step ');
  });
});

describe('help', () => {
  it('every command shows examples, in the --lang language', async () => {
    for (const cmd of ['run', 'sandbox', 'list', 'explain', 'validate', 'lint-message', 'policy', 'requirements']) {
      const en = await runCli([cmd, '--help']);
      expect(en.code, cmd).toBe(0);
      expect(en.stdout, cmd).toMatch(new RegExp(`Examples:\\n  msscheck ${cmd}`));
      const fr = await runCli(['--lang', 'fr', cmd, '--help']);
      expect(fr.stdout, cmd).toMatch(new RegExp(`Exemples :\\n  msscheck ${cmd}`));
    }
    expect((await runCli(['--help'], { env: { LANG: 'fr_FR.UTF-8' } })).stdout).toContain('Exemples :');
  });
});

describe('explain', () => {
  it('is case-insensitive and suggests the closest ids on a typo', async () => {
    const lower = await runCli(['explain', 'tls-versions']);
    expect(lower.code).toBe(0);
    expect(lower.stdout).toMatch(/^TLS-VERSIONS /);
    const typo = await runCli(['explain', 'tls-verions']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean TLS-VERSIONS');
  });
});

describe('validate preflight', () => {
  const profile = [
    'operator: { name: Op }',
    'domains: [op.test]',
    'endpoints:',
    '  imap: { host: localhost, port: 143 }',
    '  smtpSubmission: { host: nowhere.invalid, port: 587 }',
    '  oidc: { issuer: "https://psc.nowhere.invalid/auth/realms/esante-wallet" }',
    'trustAnchors: [missing-anchor.pem, present.pem]',
    'oidcClient: { clientId: c, clientSecret: "env:MSSCHECK_TEST_UNSET_SECRET" }',
    'mailboxes:',
    '  - address: a@op.test',
    '    type: PER',
    '    password: "env:MSSCHECK_TEST_SET_PASSWORD"',
    '    clientCertificate: { cert: missing-cert.pem, key: "file:missing-key.pem" }',
    '',
  ].join('\n');

  function io(cwd: string) {
    const out = new PassThrough();
    let stdout = '';
    out.on('data', (d) => (stdout += d));
    return { io: { stdout: out, stderr: new PassThrough(), env: { MSSCHECK_TEST_SET_PASSWORD: 'x' }, now: () => new Date(), cwd }, text: () => stdout };
  }

  it('lists every problem at once: unreadable files, unset environment references, hosts that do not resolve', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'msscheck-preflight-'));
    writeFileSync(join(cwd, 'present.pem'), 'x');
    writeFileSync(join(cwd, 't.yaml'), profile);
    const asked: string[] = [];
    // Loopback only: the injected resolver knows localhost, and nothing else resolves.
    const resolver = async (host: string) => {
      asked.push(host);
      if (host !== 'localhost') throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      return { address: '127.0.0.1' };
    };
    const { io: ioOf, text } = io(cwd);
    const code = await validateCommand(['t.yaml'], ioOf, {}, { resolver });
    const out = text();
    expect(code).toBe(2);
    expect(out).toMatch(/t\.yaml:7:\d+: field \/trustAnchors\/0: file missing-anchor\.pem cannot be read \(ENOENT/);
    expect(out).toContain('/mailboxes/0/clientCertificate/cert: file missing-cert.pem cannot be read');
    expect(out).toContain('/mailboxes/0/clientCertificate/key: file missing-key.pem cannot be read');
    expect(out).not.toContain('present.pem cannot');
    expect(out).toMatch(/t\.yaml:8:\d+: field \/oidcClient\/clientSecret: environment variable MSSCHECK_TEST_UNSET_SECRET is not set/);
    expect(out).not.toContain('MSSCHECK_TEST_SET_PASSWORD is not set');
    expect(out).toContain('/endpoints/smtpSubmission/host: host nowhere.invalid does not resolve (ENOTFOUND)');
    expect(out).toContain('/endpoints/oidc/issuer: host psc.nowhere.invalid does not resolve');
    expect(out).not.toContain('host localhost');
    expect(asked.sort()).toEqual(['localhost', 'nowhere.invalid', 'psc.nowhere.invalid']);
    expect(out).toContain('0 valid, 1 invalid');
  });

  it('--no-preflight checks the schema only', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'msscheck-preflight-'));
    writeFileSync(join(cwd, 't.yaml'), profile);
    const { io: ioOf, text } = io(cwd);
    const code = await validateCommand(['t.yaml'], ioOf, { preflight: false }, { resolver: () => Promise.reject(new Error('must not be asked')) });
    expect(code).toBe(0);
    expect(text()).toContain('ok       t.yaml (target)');
  });

  it('a host that hangs is a problem, not a hang', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'msscheck-preflight-'));
    writeFileSync(join(cwd, 't.yaml'), 'operator: { name: Op }\ndomains: [op.test]\nendpoints:\n  imap: { host: slow.test, port: 143 }\n');
    const { preflightTarget } = await import('../../src/target/preflight.js');
    const { YamlFile } = await import('../../src/util/yaml-file.js');
    const file = YamlFile.read<never>(join(cwd, 't.yaml'), 'target profile');
    const problems = await preflightTarget(file, file.data, cwd, { env: {}, resolver: () => new Promise(() => {}), resolveTimeoutMs: 50 });
    expect(problems.map((p) => p.message)).toEqual(['host slow.test does not resolve (no answer in 50 ms)']);
  });
});
