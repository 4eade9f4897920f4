import { fileURLToPath } from 'node:url';
import { runInstances } from '../../src/engine/run.js';
import type { ScenarioResult } from '../../src/model/result.js';
import { pkiManifest } from '../../src/pki/fixtures.js';
import { listDefects, startSandbox } from '../../src/sandbox/operator.js';
import { loadScenarios } from '../../src/scenarios/loader.js';

/** The test PKI's reference date: every sandbox certificate is valid then. */
export const REFERENCE_AS_OF = new Date(`${pkiManifest().referenceAsOf}T12:00:00Z`);

/** The catalogue's instances whose id starts with one of `prefixes` (scenario ids). */
export function instancesOf(...prefixes: string[]) {
  const all = loadScenarios(fileURLToPath(new URL('../../scenarios/', import.meta.url))).instances;
  return all.filter((i) => prefixes.some((p) => i.id === p || i.id.startsWith(`${p}/`)));
}

/** Runs `instances` against a fresh sandbox with `defects` on; statuses by instance id. */
export async function runOnSandbox(instances: ReturnType<typeof instancesOf>, defects: string[] = []): Promise<ScenarioResult[]> {
  const sb = await startSandbox({ defects });
  try {
    return await runInstances(instances, { target: sb.target, asOf: REFERENCE_AS_OF, timeouts: { connectMs: 2_000, idleMs: 3_000, overallMs: 20_000 } });
  } finally {
    await sb.stop();
  }
}

export const statuses = (results: ScenarioResult[]): Record<string, string> => Object.fromEntries(results.map((r) => [r.id, r.status]));

/** The defect named `name`, from the sandbox's list (so a test follows the DefectSpec). */
export function defect(name: string) {
  const d = listDefects().find((x) => x.name === name);
  if (!d) throw new Error(`no sandbox defect ${name}`);
  return d;
}
