/**
 * `npm run bench`: every benchmark, one after the other (they measure wall time and memory, so
 * they must not share the machine). `npm run bench -- tls` or `-- message` runs one.
 */
const BENCHES: Record<string, () => Promise<unknown>> = {
  message: async () => (await import('./message-lint.js')).runMessageLintBench(),
  tls: async () => (await import('./tls-battery.js')).runTlsBench(),
  fleet: async () => (await import('./fleet.js')).runFleetBench(),
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
