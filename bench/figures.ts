/**
 * Shared by the benchmarks: one figure = a measured value with its goal (and a peer's value when a
 * peer tool does the same job). `printFigures` writes a table for people and one JSON line per
 * figure (prefixed `BENCH `) for machines.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Figure {
  bench: string;
  figure: string;
  value: number;
  unit: string;
  goal: { op: '<=' | '>='; value: number };
  met: boolean;
  /** The same job done by a peer tool, side by side. */
  peer?: { name: string; value: number; unit: string };
  /** Where the time goes, or why the figure is what it is. */
  note?: string;
}

export function figure(f: Omit<Figure, 'met'>): Figure {
  return { ...f, met: f.goal.op === '<=' ? f.value <= f.goal.value : f.value >= f.goal.value };
}

export function printFigures(figures: Figure[], out: NodeJS.WritableStream = process.stdout): void {
  const rows = figures.map((f) => [
    f.figure,
    `${round(f.value)} ${f.unit}`,
    `${f.goal.op} ${round(f.goal.value)} ${f.unit}`,
    f.met ? 'met' : 'NOT met',
    f.peer ? `${f.peer.name}: ${round(f.peer.value)} ${f.peer.unit}` : '',
  ]);
  const head = ['figure', 'measured', 'goal', '', 'peer'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  out.write(`${line(head)}\n${rows.map(line).join('\n')}\n  (load average ${load} on ${cpus().length} CPUs while measuring)\n`);
  for (const f of figures) if (f.note) out.write(`  ${f.figure}: ${f.note}\n`);
  for (const f of figures) out.write(`BENCH ${JSON.stringify({ ...f, loadAverage: loadavg()[0], cpus: cpus().length, value: round(f.value), peer: f.peer && { ...f.peer, value: round(f.peer.value) } })}\n`);
}

function round(n: number): number {
  return Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 1000) / 1000;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

export const ROOT = resolve(import.meta.dirname, '..');

/** Builds dist/ when it is missing or older than any source file, so whole-process figures measure the current code. */
export function ensureBuilt(): void {
  const main = join(ROOT, 'dist', 'cli', 'main.js');
  const built = existsSync(main) ? statSync(main).mtimeMs : 0;
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  if (built > newest(join(ROOT, 'src'))) return;
  process.stderr.write('bench: building dist/ (npm run build) so that the compiled CLI is measured\n');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

export interface ProcessRun {
  seconds: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command as a whole process and times it (wall clock, spawn to exit). */
export function timeProcess(cmd: string, args: string[], options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<ProcessRun> {
  return new Promise((resolveP, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: options.cwd ?? ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveP({ seconds: (performance.now() - t0) / 1000, code, stdout, stderr });
    });
  });
}

/** `node bin/msscheck.js ARGS` (the compiled CLI, as an installed package runs it). */
export function msscheckProcess(args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<ProcessRun> {
  return timeProcess(process.execPath, [join(ROOT, 'bin', 'msscheck.js'), ...args], options);
}

/** The same, also saying how much CPU time (every thread, user + system) the process used. */
export async function msscheckProcessWithCpu(args: string[], options: { cwd: string; timeoutMs?: number }): Promise<ProcessRun & { cpuSeconds: number }> {
  const file = join(options.cwd, '.msscheck-cpu.json');
  const r = await timeProcess(process.execPath, ['--import', join(ROOT, 'bench', 'report-cpu.mjs'), join(ROOT, 'bin', 'msscheck.js'), ...args], { ...options, env: { ...process.env, MSSCHECK_CPU_FILE: file } });
  const cpu = JSON.parse(readFileSync(file, 'utf8')) as { user: number; system: number };
  return { ...r, cpuSeconds: cpu.user + cpu.system };
}
