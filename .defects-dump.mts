import { runInstances } from './src/engine/run.ts';
import { listDefects, startSandbox } from './src/sandbox/operator.ts';
import { loadScenarios } from './src/scenarios/loader.ts';
import { pkiManifest } from './src/pki/fixtures.ts';
const asOf = new Date(`${pkiManifest().referenceAsOf}T00:00:00Z`);
const catalogue = loadScenarios();
const only = process.argv.slice(2);
const defects = [{ name: '(clean)', fails: [], warns: [] } as any, ...listDefects()].filter((d) => !only.length || only.includes(d.name));
const out: any[] = [];
async function one(d: any) {
  const sandbox = await startSandbox({ defects: d.name === '(clean)' ? [] : [d.name] });
  try {
    const results = await runInstances(catalogue.instances, { target: sandbox.target, asOf, concurrency: 8 });
    const ids = (s: string) => results.filter((r) => r.status === s).map((r) => r.id).sort();
    const row = { name: d.name, fails: ids('fail'), warns: ids('warn'), reviews: ids('review'), errors: results.filter((r) => r.status === 'error').map((r) => `${r.id}: ${r.reason}`), declared: { fails: [...d.fails].sort(), warns: [...(d.warns ?? [])].sort(), reviews: [...(d.reviews ?? [])].sort() } };
    out.push(row);
    const same = JSON.stringify([row.fails, row.warns, row.reviews]) === JSON.stringify([row.declared.fails, row.declared.warns, row.declared.reviews]);
    console.log(JSON.stringify({ ...row, same }));
  } finally {
    await sandbox.stop();
  }
}
const queue = [...defects];
await Promise.all(Array.from({ length: 6 }, async () => { while (queue.length) await one(queue.shift()); }));
