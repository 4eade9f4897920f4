/**
 * `npm run bench`: every benchmark, one after the other (they measure wall time and memory, so
 * they must not share the machine). `npm run bench -- NAME` runs one. Each prints a table and one
 * `BENCH {json}` line per figure, with its goal (bench/figures.ts). A benchmark registers itself
 * here with one line: its name (the first argument) and a lazy import.
 */
const BENCHES: Record<string, () => Promise<unknown>> = {
  startup: async () => (await import('./startup.js')).runStartupBench(),
  catalogue: async () => (await import('./catalogue.js')).runCatalogueBench(),
  tls: async () => (await import('./tls-battery.js')).runTlsBench(),
  message: async () => (await import('./message-lint.js')).runMessageLintBench(),
  fleet: async () => (await import('./fleet.js')).runFleetBench(),
  hostile: async () => (await import('./hostile.js')).runHostileBench(),
};

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : Object.keys(BENCHES);
let failed = false;
for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) {
    process.stderr.write(`unknown benchmark "${name}"; use one of: ${Object.keys(BENCHES).join(', ')}\n`);
    process.exitCode = 2;
    break;
  }
  process.stdout.write(`\n=== ${name} ===\n`);
  try {
    await bench();
  } catch (err) {
    failed = true;
    process.stderr.write(`benchmark ${name} failed: ${(err as Error).stack ?? String(err)}\n`);
  }
}
if (failed) process.exitCode = 1;
