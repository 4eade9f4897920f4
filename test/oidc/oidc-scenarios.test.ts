import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runInstances } from '../../src/engine/run.js';
import { loadScenarios } from '../../src/scenarios/loader.js';
import { PSC_DEFECTS } from '../../src/sandbox/psc/defects.js';
import type { ScenarioResult } from '../../src/model/result.js';
import { Redactor } from '../../src/util/redact.js';
import { startPscAlone, type RunningPsc } from './psc-helpers.js';

const asOf = new Date('2025-06-01T00:00:00Z');
const OIDC_DIR = fileURLToPath(new URL('../../scenarios/oidc/', import.meta.url));
const instances = loadScenarios(OIDC_DIR).instances;
const running: RunningPsc[] = [];

async function runAgainst(defects: string[]): Promise<{ results: Map<string, ScenarioResult>; psc: RunningPsc; redactor: Redactor }> {
  const psc = await startPscAlone(defects);
  running.push(psc);
  const redactor = new Redactor();
  const results = await runInstances(instances, { target: psc.target, asOf, concurrency: 4, redactor, timeouts: { overallMs: 20_000 } });
  return { results: new Map(results.map((r) => [r.id, r])), psc, redactor };
}

afterAll(async () => {
  for (const p of running) await p.stop();
});

describe('OIDC scenarios against the sandbox PSC', () => {
  it('all pass on the clean sandbox, with no secret in the results', async () => {
    const { results } = await runAgainst([]);
    expect([...results.keys()].sort()).toEqual([
      'OIDC-CIBA-APPROVE', 'OIDC-CIBA-DENIED', 'OIDC-CIBA-EXPIRED', 'OIDC-DISCOVERY',
      'OIDC-ERROR-RESPONSES/inactive-token', 'OIDC-ERROR-RESPONSES/invalid-client', 'OIDC-ERROR-RESPONSES/invalid-grant', 'OIDC-ERROR-RESPONSES/unknown-user',
      'OIDC-ID-TOKEN',
    ]);
    for (const r of results.values()) expect({ id: r.id, status: r.status, reason: r.reason }).toEqual({ id: r.id, status: 'pass', reason: undefined });
    const text = JSON.stringify([...results.values()]);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./);
    expect(text).toContain('"kind":"token-claims"');
  }, 40_000);

  const own = PSC_DEFECTS.filter((d) => d.fails.some((id) => id.startsWith('OIDC-')));
  it.each(own.map((d) => [d.name, d] as const))('defect %s fails exactly its OIDC scenarios', async (_name, defect) => {
    const { results } = await runAgainst([defect.name]);
    for (const r of results.values()) {
      expect({ id: r.id, status: r.status }).toEqual({ id: r.id, status: defect.fails.includes(r.id) ? 'fail' : 'pass' });
    }
  }, 40_000);

  it('is not applicable without endpoints.oidc, and skips the CIBA flow without oidcClient', async () => {
    const psc = await startPscAlone();
    running.push(psc);
    const noClient = { ...psc.target, profile: { ...psc.profile, oidcClient: undefined } };
    const a = await runInstances(instances, { target: noClient, asOf, redactor: new Redactor() });
    expect(a.find((r) => r.id === 'OIDC-DISCOVERY')?.status).toBe('pass');
    expect(a.filter((r) => r.id.startsWith('OIDC-CIBA')).map((r) => r.status)).toEqual(['not-applicable', 'not-applicable', 'not-applicable']);
    const none = { ...psc.target, profile: { ...psc.profile, endpoints: {}, oidcClient: undefined } };
    const b = await runInstances(instances, { target: none, asOf, redactor: new Redactor() });
    expect(new Set(b.map((r) => r.status))).toEqual(new Set(['not-applicable']));
  }, 20_000);
});
