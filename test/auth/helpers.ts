import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInstances } from '../../src/engine/run.js';
import type { ScenarioResult } from '../../src/model/result.js';
import { startSandbox } from '../../src/sandbox/operator.js';
import { BUILTIN_SCENARIO_DIR, loadScenarios } from '../../src/scenarios/loader.js';
import type { ScenarioInstance } from '../../src/scenarios/types.js';
import type { TargetProfile } from '../../src/target/profile.js';
import { Redactor } from '../../src/util/redact.js';

/** Instances of the named catalogue files (`auth/AUTH-EXTERNAL-ORG.yaml`...). */
export function catalogueInstances(files: string[]): ScenarioInstance[] {
  // Loaded with the whole catalogue, so that negative scenarios know their positive controls.
  const all = loadScenarios().instances;
  return files.flatMap((f) => all.filter((i) => i.file === join(BUILTIN_SCENARIO_DIR, f)));
}

/**
 * Runs the instances against a fresh sandbox with `defects` on; the as-of date is fixed. `adjust`
 * may change the sandbox's target profile first (e.g. remove what a scenario needs).
 */
export async function runOnSandbox(
  instances: ScenarioInstance[],
  defects: string[] = [],
  adjust?: (profile: TargetProfile) => void,
): Promise<{ results: ScenarioResult[]; redactor: Redactor; workDirSecrets: string[] }> {
  const sandbox = await startSandbox({ defects });
  adjust?.(sandbox.target.profile);
  const redactor = new Redactor();
  // The secrets the sandbox handed out by file: reference (password, TOTP seed, keys), read before they vanish.
  const workDirSecrets = (sandbox.target.profile.mailboxes ?? []).flatMap((m) =>
    [m.password, m.totpSeed, m.clientCertificate?.key, m.clientCertificate?.passphrase]
      .filter((r): r is string => Boolean(r?.startsWith('file:')))
      .map((r) => readFileSync(r.slice(5), 'utf8').trim()),
  );
  try {
    const results = await runInstances(instances, {
      target: sandbox.target,
      asOf: new Date('2025-01-31T00:00:00Z'),
      redactor,
      timeouts: { connectMs: 3000, idleMs: 5000, overallMs: 20000 },
      concurrency: 3,
    });
    return { results, redactor, workDirSecrets };
  } finally {
    await sandbox.stop();
  }
}

export function statusById(results: ScenarioResult[]): Record<string, string> {
  return Object.fromEntries(results.map((r) => [r.id, r.status]));
}
