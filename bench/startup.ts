/**
 * Benchmark: `msscheck --help` and `msscheck list` as whole processes (the compiled CLI, the way an
 * installed package runs), median of several runs. Goals: <= 0.3 s and <= 0.5 s.
 *
 *   npm run bench -- startup          (MSSCHECK_BENCH_RUNS=N, default 7)
 */
import { ensureBuilt, figure, median, msscheckProcess, printFigures, timeProcess, type Figure } from './figures.js';

export async function runStartupBench(): Promise<Figure[]> {
  ensureBuilt();
  const runs = Number(process.env.MSSCHECK_BENCH_RUNS ?? 7);
  const times = async (args: string[]): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await msscheckProcess(args);
      if (r.code !== 0) throw new Error(`msscheck ${args.join(' ')} exited ${r.code}: ${r.stderr.slice(0, 300)}`);
      out.push(r.seconds);
    }
    return out;
  };
  const node: number[] = [];
  for (let i = 0; i < runs; i++) node.push((await timeProcess(process.execPath, ['-e', '0'])).seconds);
  const help = await times(['--help']);
  const list = await times(['list']);
  const base = median(node);
  const figures = [
    figure({ bench: 'startup', figure: 'msscheck --help (whole process)', value: median(help), unit: 's', goal: { op: '<=', value: 0.3 }, note: `median of ${runs}, min ${Math.min(...help).toFixed(3)} s; \`node -e 0\` alone takes ${base.toFixed(3)} s here` }),
    figure({ bench: 'startup', figure: 'msscheck list (whole process)', value: median(list), unit: 's', goal: { op: '<=', value: 0.5 }, note: `median of ${runs}, min ${Math.min(...list).toFixed(3)} s (loads and validates the whole scenario catalogue)` }),
  ];
  printFigures(figures);
  return figures;
}
