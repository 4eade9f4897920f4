import { describe, expect, it } from 'vitest';
import { runInstances } from '../../src/engine/run.js';
import { applyStrength, effectiveConfidence, observedStatus, worseStatus } from '../../src/engine/verdict-strength.js';
import type { AssertionResult } from '../../src/model/result.js';
import type { Probe } from '../../src/probes/types.js';
import type { ScenarioInstance, ScenarioSpec } from '../../src/scenarios/types.js';
import type { ResolvedTarget } from '../../src/target/profile.js';

/** Catalogue ids of each confidence (built-in catalogue): RFC8996 P, ECO.1.1.1 S, ANS-PSC.TOKEN-VALIDATION ?. */
const P = 'RFC8996';
const S = 'ECO.1.1.1';
const Q = 'ANS-PSC.TOKEN-VALIDATION';

const failing = (requirements: string[], status: AssertionResult['status'] = 'fail'): AssertionResult => ({ description: 'd', step: 's', fact: 'f', operator: 'equals', expected: 1, found: 2, requirements, status });

describe('verdict strength', () => {
  it('effective confidence: strongest cited requirement, capped by the rule\'s own', () => {
    expect(effectiveConfidence([S, P], undefined)).toBe('P');
    expect(effectiveConfidence([S, Q], undefined)).toBe('S');
    expect(effectiveConfidence([P], 'S')).toBe('S');
    expect(effectiveConfidence([P], '?')).toBe('?');
    expect(effectiveConfidence([Q], 'P')).toBe('?');
  });

  it('P fails; S warns (downgrade recorded) unless strict; ? gives review in both modes', () => {
    expect(applyStrength(failing([P]), undefined)).toMatchObject({ status: 'fail', confidence: 'P' });
    expect(applyStrength(failing([S]), undefined)).toMatchObject({ status: 'warn', confidence: 'S', downgrade: { from: 'fail', to: 'warn', reason: expect.stringContaining('--strict') } });
    expect(applyStrength(failing([S]), undefined, { strict: true })).toMatchObject({ status: 'fail', confidence: 'S' });
    expect(applyStrength(failing([Q]), undefined, { strict: true })).toMatchObject({ status: 'review', downgrade: { from: 'fail', to: 'review' } });
    expect(applyStrength(failing([Q], 'warn'), undefined)).toMatchObject({ status: 'review' });
    expect(applyStrength(failing([P], 'warn'), undefined)).toMatchObject({ status: 'warn' });
    expect(applyStrength(failing([P]), 'S').downgrade?.reason).toMatch(/rule itself is marked S/);
  });

  it('a failing assertion carries its requirements as the catalogue states them; a passing one only its confidence', () => {
    const a = applyStrength(failing([S, P]), undefined);
    expect(a.requirementDetails).toEqual([
      expect.objectContaining({ id: S, confidence: 'S', summary: expect.any(String), source: expect.stringContaining('REF2'), version: expect.any(String) }),
      expect.objectContaining({ id: P, confidence: 'P', source: expect.stringContaining('rfc8996') }),
    ]);
    const ok = applyStrength(failing([P], 'pass'), undefined);
    expect(ok.requirementDetails).toBeUndefined();
    expect(ok.confidence).toBe('P');
  });

  it('a positive control that was refused is a refusal, even when the rule judging it only warns', () => {
    const a = applyStrength(failing([S]), undefined);
    expect(observedStatus({ status: 'warn', assertions: [a] })).toBe('fail');
    expect(observedStatus({ status: 'warn', assertions: [applyStrength(failing([P], 'warn'), undefined)] })).toBe('warn');
  });

  it('scenario status order: fail > error > review > warn > pass', () => {
    expect(worseStatus('review', 'warn')).toBe('review');
    expect(worseStatus('error', 'review')).toBe('error');
    expect(worseStatus('fail', 'error')).toBe('fail');
  });
});

describe('the engine applies verdict strength', () => {
  const probe: Probe = { name: 'test.facts', summary: 'echo', inputSchema: { type: 'object' }, facts: { type: 'object', properties: { n: {} }, additionalProperties: {} }, run: async (input) => input as Record<string, unknown> };
  const target = (strict?: boolean): ResolvedTarget => ({ source: 'test', baseDir: '/tmp', profile: { operator: { name: 'Op' }, domains: ['op.test'], endpoints: {}, ...(strict ? { strict } : {}) } });
  const instance = (requirements: string[], extra: Partial<ScenarioSpec> = {}): ScenarioInstance => {
    const spec: ScenarioSpec = { id: 'T-S', title: 't', requirements, tags: [], severity: 'high', steps: [{ id: 's', probe: 'test.facts', with: { n: 1 }, expect: [{ fact: 'n', op: 'equals', value: 2, description: 'n is 2' }] }], ...extra };
    return { id: spec.id, scenarioId: spec.id, title: spec.title, family: 't', file: 't.yaml', spec, vars: {} };
  };
  const run = (inst: ScenarioInstance, strict?: boolean, cliStrict?: boolean) =>
    runInstances([inst], { target: target(strict), asOf: new Date('2026-01-01T00:00:00Z'), findProbe: () => probe, strength: { strict: cliStrict } }).then((r) => r[0]!);

  it('S rule: warn by default, fail with --strict or the target profile\'s strict: true', async () => {
    const def = await run(instance([S]));
    expect(def.status).toBe('warn');
    expect(def.reason).toMatch(/--strict makes it fail/);
    expect((await run(instance([S]), false, true)).status).toBe('fail');
    expect((await run(instance([S]), true)).status).toBe('fail');
  });

  it('? rule gives review; a scenario marked ? cannot fail even on a P requirement; P fails', async () => {
    expect((await run(instance([Q]))).status).toBe('review');
    expect((await run(instance([P], { confidence: '?' }))).status).toBe('review');
    expect((await run(instance([P]))).status).toBe('fail');
  });
});
