/**
 * Benchmark: the whole catalogue against the built-in sandbox, as a whole process
 * (`msscheck run`, sandbox start included, reports written). Goal: <= 1.5 s wall. Also says where
 * the time goes: process start and catalogue loading versus the run, and the longest scenarios
 * (the critical path of a concurrent run).
 *
 *   npm run bench -- catalogue        (MSSCHECK_BENCH_RUNS=N, default 3)
 *
 * It then prints the latest-ending chains of the median run; `node bin/run-ts.js bench/timeline.ts
 * REPORT.json` prints them for any report.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../src/model/result.js';
import { ensureBuilt, figure, median, msscheckProcessWithCpu, printFigures, type Figure } from './figures.js';
import { catalogueMeanwhile, describeChains } from './timeline.js';

export async function runCatalogueBench(): Promise<Figure[]> {
  ensureBuilt();
  const runs = Number(process.env.MSSCHECK_BENCH_RUNS ?? 3);
  const samples: { wall: number; cpu: number; report: Report; spawnedAt: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'msscheck-bench-cat-'));
    try {
      const spawnedAt = Date.now();
      const r = await msscheckProcessWithCpu(['run', '--quiet', '--out', join(dir, 'out'), '--format', 'json'], { cwd: dir });
      if (r.code !== 0) throw new Error(`msscheck run exited ${r.code}: ${r.stdout.slice(-400)}${r.stderr.slice(0, 400)}`);
      samples.push({ wall: r.seconds, cpu: r.cpuSeconds, report: JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as Report, spawnedAt });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const wall = median(samples.map((x) => x.wall));
  // Where the time goes, from the run whose wall time is the median: before the first scenario
  // (process start, loading, sandbox start), the scenarios (all in flight at once against the
  // sandbox), after the last one (reports, sandbox stop, exit).
  const mid = [...samples].sort((a, b) => a.wall - b.wall)[Math.floor(samples.length / 2)]!;
  const starts = mid.report.scenarios.map((x) => Date.parse(x.startedAt));
  const ends = mid.report.scenarios.map((x) => Date.parse(x.startedAt) + x.durationMs);
  const first = (Math.min(...starts) - mid.spawnedAt) / 1000;
  const scenarios = (Math.max(...ends) - Math.min(...starts)) / 1000;
  const longest = [...mid.report.scenarios].sort((a, b) => b.durationMs - a.durationMs).slice(0, 4);
  const approvals = (mid.report.cibaApprovals ?? []).map((a) => `${a.role} ${a.count}`).join(', ');
  const figures = [
    figure({
      bench: 'catalogue',
      figure: `whole catalogue vs sandbox (${mid.report.scenarios.length} instances, whole process)`,
      value: wall,
      unit: 's',
      goal: { op: '<=', value: 1.5 },
      note: `median of ${runs}; the median run used ${mid.cpu.toFixed(2)} s of CPU (all threads: the run's and the sandbox's worker thread); ${first.toFixed(2)} s to the first scenario (process start, loading, sandbox start), scenarios ${scenarios.toFixed(2)} s, then ${(mid.wall - first - scenarios).toFixed(2)} s for reports and exit; longest: ${longest.map((x) => `${x.id} ${(x.durationMs / 1000).toFixed(2)} s (${x.steps.map((st) => `${st.id} ${(st.durationMs / 1000).toFixed(2)}`).join(', ')})`).join('; ')}; CIBA requests: ${approvals || 'none'}`,
    }),
  ];
  printFigures(figures);
  // The critical path of that run: the latest-ending scenarios, each with the positive controls it
  // waited for and its steps, in ms from the first scenario's start (bench/timeline.ts).
  process.stdout.write(`latest-ending scenarios of the median run (ms from the first scenario's start; ⇒ = waited for its control):\n${describeChains(mid.report, 6, await catalogueMeanwhile()).map((l) => `  ${l}`).join('\n')}\n`);
  return figures;
}
