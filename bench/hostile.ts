/**
 * Benchmark: `msscheck run` against each hostile server of the harness (test/hostile/harness):
 * per case and per class (SMTP, IMAP, TLS, HTTP), the wall time of the run (child process, start-up
 * included) and its peak RSS, with the bounds the test asserts (deadline, 300 MB).
 *
 *   npm run bench -- hostile
 */
import { HOSTILE_CASES, type HostileClass } from '../test/hostile/harness/cases.js';
import { DEADLINE_MS, MAX_RSS_KB, runCase, type CaseRun } from '../test/hostile/harness/run-child.js';

export interface HostileBenchRow {
  klass: HostileClass;
  name: string;
  exitCode: number | null;
  wallSeconds: number;
  /** The run itself (report startedAt → finishedAt), start-up excluded. */
  runSeconds: number | null;
  peakRssMb: number | null;
  statuses: Record<string, string>;
}

export async function runHostileBench(): Promise<HostileBenchRow[]> {
  const rows: HostileBenchRow[] = [];
  // One at a time: wall time and memory are the run's own, not shared with another case.
  for (const c of HOSTILE_CASES) {
    const r: CaseRun = await runCase(c);
    rows.push({ klass: c.klass, name: c.name, exitCode: r.exitCode, wallSeconds: r.wallMs / 1000, runSeconds: r.runMs === null ? null : r.runMs / 1000, peakRssMb: r.maxRssKb === null ? null : r.maxRssKb / 1024, statuses: r.statuses });
    const row = rows.at(-1)!;
    process.stdout.write(`${row.klass.padEnd(5)} ${row.name.padEnd(36)} exit ${String(row.exitCode).padEnd(4)} wall ${row.wallSeconds.toFixed(1).padStart(6)} s  run ${row.runSeconds === null ? '   n/a' : row.runSeconds.toFixed(1).padStart(5)} s  ${row.peakRssMb === null ? '   n/a' : row.peakRssMb.toFixed(0).padStart(6)} MB peak RSS\n`);
  }
  process.stdout.write(`\nper class (bounds: deadline ${DEADLINE_MS / 1000} s, peak RSS ${MAX_RSS_KB / 1024} MB)\n`);
  for (const klass of [...new Set(rows.map((r) => r.klass))]) {
    const of = rows.filter((r) => r.klass === klass);
    const wall = Math.max(...of.map((r) => r.wallSeconds));
    const run = Math.max(...of.map((r) => r.runSeconds ?? 0));
    const rss = Math.max(...of.map((r) => r.peakRssMb ?? 0));
    process.stdout.write(`${klass.padEnd(5)} ${String(of.length).padStart(2)} cases  worst wall ${wall.toFixed(1).padStart(6)} s  worst run ${run.toFixed(1).padStart(5)} s  worst peak RSS ${rss.toFixed(0).padStart(4)} MB\n`);
  }
  return rows;
}
