/**
 * Benchmark: the whole catalogue against the built-in sandbox, as a whole process
 * (`msscheck run`, sandbox start included, reports written). Goal: <= 1.5 s wall. Also says where
 * the time goes: process start and catalogue loading versus the run, and the longest scenarios
 * (the critical path of a concurrent run).
 *
 *   npm run bench -- catalogue        (MSSCHECK_BENCH_RUNS=N, default 3)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../src/model/result.js';
import { ensureBuilt, figure, median, msscheckProcess, printFigures, type Figure } from './figures.js';

export async function runCatalogueBench(): Promise<Figure[]> {
  ensureBuilt();
  const runs = Number(process.env.MSSCHECK_BENCH_RUNS ?? 3);
  const walls: number[] = [];
  let last: Report | undefined;
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'msscheck-bench-cat-'));
    try {
      const r = await msscheckProcess(['run', '--quiet', '--out', join(dir, 'out'), '--format', 'json'], { cwd: dir });
      if (r.code !== 0) throw new Error(`msscheck run exited ${r.code}: ${r.stdout.slice(-400)}${r.stderr.slice(0, 400)}`);
      walls.push(r.seconds);
      last = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as Report;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const wall = median(walls);
  const runS = last!.durationMs / 1000;
  const longest = [...last!.scenarios].sort((a, b) => b.durationMs - a.durationMs).slice(0, 4);
  const approvals = (last!.cibaApprovals ?? []).map((a) => `${a.role} ${a.count}`).join(', ');
  const figures = [
    figure({
      bench: 'catalogue',
      figure: `whole catalogue vs sandbox (${last!.scenarios.length} instances, whole process)`,
      value: wall,
      unit: 's',
      goal: { op: '<=', value: 1.5 },
      note: `median of ${runs}; process start, catalogue loading, sandbox start/stop and report writing ${(wall - runS).toFixed(2)} s, scenarios ${runS.toFixed(2)} s; longest: ${longest.map((s) => `${s.id} ${(s.durationMs / 1000).toFixed(2)} s`).join(', ')}; CIBA requests: ${approvals || 'none'}`,
    }),
  ];
  printFigures(figures);
  return figures;
}
