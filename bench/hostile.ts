/**
 * Benchmark: `msscheck run` against each hostile server of the harness (test/hostile/harness):
 * per case and per class (SMTP, IMAP, TLS, HTTP), the wall time of the run (child process, start-up
 * included) and its peak RSS, with the bounds the test asserts (deadline, 300 MB).
 *
 *   npm run bench -- hostile
 */
import { HOSTILE_CASES, type HostileClass } from '../test/hostile/harness/cases.js';
import { DEADLINE_MS, MAX_RSS_KB, runCase, type CaseRun } from '../test/hostile/harness/run-child.js';
import { ensureBuilt, figure, printFigures, type Figure } from './figures.js';

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
  // The compiled CLI, as users run it (dist/ rebuilt first when older than src/).
  ensureBuilt();
  const rows: HostileBenchRow[] = [];
  // One at a time: wall time and memory are the run's own, not shared with another case.
  for (const c of HOSTILE_CASES) {
    const r: CaseRun = await runCase(c, { entry: 'dist' });
    rows.push({ klass: c.klass, name: c.name, exitCode: r.exitCode, wallSeconds: r.wallMs / 1000, runSeconds: r.runMs === null ? null : r.runMs / 1000, peakRssMb: r.maxRssKb === null ? null : r.maxRssKb / 1024, statuses: r.statuses });
    const row = rows.at(-1)!;
    process.stdout.write(`${row.klass.padEnd(5)} ${row.name.padEnd(36)} exit ${String(row.exitCode).padEnd(4)} wall ${row.wallSeconds.toFixed(1).padStart(6)} s  run ${row.runSeconds === null ? '   n/a' : row.runSeconds.toFixed(1).padStart(5)} s  ${row.peakRssMb === null ? '   n/a' : row.peakRssMb.toFixed(0).padStart(6)} MB peak RSS\n`);
  }
  process.stdout.write('\n');
  const figures: Figure[] = [];
  for (const klass of [...new Set(rows.map((r) => r.klass))]) {
    const of = rows.filter((r) => r.klass === klass);
    const worst = (pick: (r: HostileBenchRow) => number | null): number => Math.max(...of.map((r) => pick(r) ?? Infinity));
    const note = `${of.length} cases, worst of each`;
    figures.push(
      figure({ bench: 'hostile', figure: `${klass}: run time`, value: worst((r) => r.runSeconds), unit: 's', goal: { op: '<=', value: DEADLINE_MS / 1000 }, note }),
      figure({ bench: 'hostile', figure: `${klass}: wall time (process)`, value: worst((r) => r.wallSeconds), unit: 's', goal: { op: '<=', value: DEADLINE_MS / 1000 + 10 } }),
      figure({ bench: 'hostile', figure: `${klass}: peak RSS`, value: worst((r) => r.peakRssMb), unit: 'MB', goal: { op: '<=', value: MAX_RSS_KB / 1024 } }),
    );
  }
  printFigures(figures);
  return rows;
}
