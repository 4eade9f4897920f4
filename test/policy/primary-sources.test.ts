import { describe, expect, it } from 'vitest';
import { effectiveConfidence } from '../../src/engine/verdict-strength.js';
import { loadMessageRules } from '../../src/message/rules-data.js';
import { loadRequirementCatalogue } from '../../src/policy/catalogue.js';
import { loadPolicy } from '../../src/policy/index.js';
import { loadScenarios } from '../../src/scenarios/loader.js';

/**
 * A P claim must cite a primary source (catalogue.yaml `primarySources`: official ANS texts and
 * repositories, standards' text). The loader refuses a P requirement without one; these tests keep
 * the rules, scenarios and policies honest on top of it.
 */
const catalogue = loadRequirementCatalogue();
const primary = (id: string) => catalogue.byId.get(id)?.confidence === 'P';

describe('P claims cite a primary source', () => {
  it('every P requirement names a primary source the catalogue declares', () => {
    const declared = new Set(catalogue.primarySources.map((p) => p.id));
    const bad = catalogue.requirements.filter((r) => r.confidence === 'P' && (!r.primarySource || !declared.has(r.primarySource))).map((r) => r.id);
    expect(bad).toEqual([]);
    // Observations on one platform and implementer's notes are never primary.
    expect(catalogue.byId.get('ANS-PSC.XOAUTH2-ERROR')?.confidence).not.toBe('P');
  });

  it('every message rule marked P cites a P requirement, and no message rule lacks a confidence', () => {
    for (const r of loadMessageRules().rules) {
      expect(r.confidence, r.id).toBeDefined();
      if (r.confidence === 'P') expect([r.id, r.requirements.some(primary)]).toEqual([r.id, true]);
    }
  });

  it('every scenario assertion that can fail by default (effective P) cites a P requirement', () => {
    const bad: string[] = [];
    for (const s of loadScenarios().scenarios) {
      if (s.confidence === 'P' && !s.requirements.some(primary)) bad.push(`${s.id} (scenario)`);
      for (const st of s.steps) {
        for (const a of st.expect ?? []) {
          const reqs = a.requirements ?? s.requirements;
          if (effectiveConfidence(reqs, a.confidence ?? s.confidence) === 'P' && !reqs.some(primary)) bad.push(`${s.id} ${st.id}: ${a.description}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('every policy entry marked P names a source marked P', () => {
    for (const file of ['policy/default.yaml', 'policy/rie-v2-announced.yaml']) {
      const policy = loadPolicy(file);
      const sources = new Map(policy.sources.map((s) => [s.id, s]));
      const bad = [...policy.schedule, ...policy.rules].filter((e) => e.confidence === 'P' && sources.get(e.source)?.confidence !== 'P').map((e) => e.id);
      expect([file, bad]).toEqual([file, []]);
    }
  });
});
