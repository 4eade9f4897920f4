import { describe, expect, it } from 'vitest';
import { runInstances } from '../../src/engine/run.js';
import { listDefects, startSandbox } from '../../src/sandbox/operator.js';
import { loadScenarios } from '../../src/scenarios/loader.js';
import type { ScenarioResult } from '../../src/model/result.js';
import { pkiManifest } from '../../src/pki/fixtures.js';

/**
 * The proof that every scenario can fail: for each named sandbox defect, a run of the WHOLE
 * catalogue fails exactly the instances the defect names, and nothing else fails or errors.
 * The as-of date is the test PKI's reference date, never today's.
 */
const asOf = new Date(`${pkiManifest().referenceAsOf}T00:00:00Z`);
const catalogue = loadScenarios();

async function runAgainstSandbox(defects: string[]): Promise<ScenarioResult[]> {
  const sandbox = await startSandbox({ defects });
  try {
    return await runInstances(catalogue.instances, { target: sandbox.target, asOf, concurrency: 8 });
  } finally {
    await sandbox.stop();
  }
}

const describeStatuses = (results: ScenarioResult[], statuses: string[]) =>
  results.filter((r) => statuses.includes(r.status)).map((r) => `${r.id}: ${r.status}: ${r.reason ?? ''}`);

describe('the clean sandbox', () => {
  it('passes every applicable scenario: no fail, no error, no warn', async () => {
    const results = await runAgainstSandbox([]);
    expect(describeStatuses(results, ['fail', 'error', 'warn'])).toEqual([]);
    expect(results.filter((r) => r.status === 'pass').length).toBeGreaterThan(results.length / 2);
  });
});

describe('each sandbox defect', () => {
  const defects = listDefects();

  it('names only scenario instances that exist, and every instance is named by some defect', () => {
    const ids = new Set(catalogue.instances.map((i) => i.id));
    for (const d of defects) for (const f of d.fails) expect(ids.has(f), `${d.name} names unknown instance ${f}`).toBe(true);
    const covered = new Set(defects.flatMap((d) => d.fails));  // a warning alone does not prove a scenario can fail
    const neverFailing = catalogue.instances.filter((i) => !covered.has(i.id)).map((i) => i.id);
    expect(neverFailing, 'scenario instances no defect can make fail').toEqual([]);
  });

  it.concurrent.each(defects.map((d) => [d.name, d.fails, d.warns ?? []] as const))('%s fails (or warns) exactly its scenarios', async (name, fails, warns) => {
    const results = await runAgainstSandbox([name]);
    const ids = (status: string) => results.filter((r) => r.status === status).map((r) => r.id).sort();
    expect(ids('fail')).toEqual([...fails].sort());
    expect(ids('warn')).toEqual([...warns].sort());
    expect(describeStatuses(results, ['error'])).toEqual([]);
  });
});
