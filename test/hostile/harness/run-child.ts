/**
 * Runs one hostile case: starts its server, writes a target profile pointing at it (small
 * timeouts, a deadline), runs `msscheck run` as a child process (the sources, through
 * bin/msscheck-dev.js: a stale dist/ must not be what is tested) and measures its wall time and
 * peak RSS; returns every output (stdout, stderr, each report file) for the assertions.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { HOSTILE_SECRETS, type HostileCase } from './cases.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./report-rss.mjs', import.meta.url));

/**
 * The run's bounds: the run (report startedAt → finishedAt) ends within DEADLINE_MS plus the time
 * to write the reports; the child process as a whole (start-up through tsx included, which a loaded
 * machine stretches) within START_UP_ALLOWANCE_MS more; peak RSS under MAX_RSS_KB.
 */
export const DEADLINE_MS = 20_000;
export const REPORT_WRITING_MS = 5_000;
export const START_UP_ALLOWANCE_MS = 90_000;
export const MAX_RSS_KB = 300 * 1024;

export interface CaseRun {
  name: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  wallMs: number;
  maxRssKb: number | null;
  stdout: string;
  stderr: string;
  /** The run itself, from the report's startedAt to its finishedAt (null without a report). */
  runMs: number | null;
  /** Report files written (name → text). */
  files: Record<string, string>;
  statuses: Record<string, string>;
  /** For an echoing server: how many times it sent a credential back. */
  echoes?: number;
}

export function hostileProfile(endpoints: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    profileVersion: 1,
    operator: { name: 'hostile endpoint' },
    domains: ['hostile.test'],
    sensitiveService: true,
    endpoints,
    auth: { declared: ['psc'], tokenValidation: 'jwt', expectedAudience: 'mss' },
    mailboxes: [{ address: 'dr.hostile@hostile.test', type: 'PER', login: 'dr.hostile@hostile.test', password: 'env:HOSTILE_PASSWORD', totpSeed: 'env:HOSTILE_TOTP_SEED', nationalId: '899700000042', pscTestRole: 'approve' }],
    oidcClient: { clientId: 'hostile-client', clientSecret: 'env:HOSTILE_CLIENT_SECRET' },
    ...extra,
  };
}

/**
 * `entry`: `dev` runs src/ through tsx (the tests: what is in the tree, whatever dist/ holds);
 * `dist` runs the compiled CLI (the bench, after making sure dist/ is current: what users run).
 */
export async function runCase(c: HostileCase, opts: { keep?: boolean; entry?: 'dev' | 'dist' } = {}): Promise<CaseRun> {
  const { server, endpoints, profile, echoes } = await c.start();
  const dir = mkdtempSync(join(tmpdir(), `msscheck-hostile-${c.name}-`));
  try {
    writeFileSync(join(dir, 'target.yaml'), stringify(hostileProfile(endpoints, profile)));
    const rssFile = join(dir, 'rss');
    const args = [
      '--import', PRELOAD, resolve(ROOT, opts.entry === 'dist' ? 'bin/msscheck.js' : 'bin/msscheck-dev.js'), 'run', '--target', 'target.yaml', '--only', c.only.join(','), '--out', 'out',
      '--format', 'json,junit,html,md', '--as-of', '2026-06-01', '--connect-timeout', '1s', '--idle-timeout', '1s', '--timeout', '3s',
      '--deadline', `${DEADLINE_MS / 1000}s`, '--quiet',
    ];
    const started = Date.now();
    const child = spawn(process.execPath, args, {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', HOSTILE_PASSWORD: HOSTILE_SECRETS.password, HOSTILE_CLIENT_SECRET: HOSTILE_SECRETS.clientSecret, HOSTILE_TOTP_SEED: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', MSSCHECK_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout.length < 1e6 ? (stdout += d) : undefined));
    child.stderr.on('data', (d) => (stderr.length < 1e6 ? (stderr += d) : undefined));
    const killer = setTimeout(() => child.kill('SIGKILL'), DEADLINE_MS + START_UP_ALLOWANCE_MS + 60_000);
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) => child.on('close', (code, sig) => r([code, sig])));
    clearTimeout(killer);
    const wallMs = Date.now() - started;
    let maxRssKb: number | null = null;
    try {
      maxRssKb = Number(readFileSync(rssFile, 'utf8'));
    } catch {
      maxRssKb = null;
    }
    const files: Record<string, string> = {};
    const outDir = join(dir, 'out');
    try {
      for (const f of readdirSync(outDir)) if (statSync(join(outDir, f)).isFile()) files[f] = readFileSync(join(outDir, f), 'utf8');
    } catch {
      // no report written: the assertions say so
    }
    const statuses: Record<string, string> = {};
    let runMs: number | null = null;
    if (files['report.json']) {
      const report = JSON.parse(files['report.json']) as { startedAt: string; finishedAt: string; scenarios: { id: string; status: string }[] };
      for (const s of report.scenarios) statuses[s.id] = s.status;
      runMs = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
    }
    return { name: c.name, exitCode, signal, wallMs, runMs, maxRssKb, stdout, stderr, files, statuses, echoes: echoes?.n };
  } finally {
    await server.stop();
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** Every 4-character fragment of the secrets, as written and as JSON or HTML would escape it. */
export function secretFragments(): string[] {
  const out = new Set<string>();
  for (const secret of Object.values(HOSTILE_SECRETS)) {
    const chars = [...secret];
    for (let i = 0; i + 4 <= chars.length; i++) {
      const f = chars.slice(i, i + 4).join('');
      out.add(f);
      out.add(JSON.stringify(f).slice(1, -1));
      out.add(f.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!));
    }
  }
  return [...out];
}

/** The fragments found in `text` (empty when nothing leaked). */
export function leakedFragments(text: string): string[] {
  return secretFragments().filter((f) => text.includes(f));
}
