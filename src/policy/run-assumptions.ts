/**
 * Everything a run relied on that is not confirmed, said once each under the report's Assumptions:
 * the scenarios' own assumptions, the assumptions of every catalogue entry the selected scenarios
 * cite, and, when a scenario lints messages, the message rules' assumptions and the INS derogation
 * as the policy (or its placeholder) states it.
 */
import type { ScenarioInstance } from '../scenarios/types.js';
import type { Policy } from './types.js';
import { loadRequirementCatalogue, type RequirementCatalogue } from './catalogue.js';
import { scenarioRefs } from './coverage.js';
import { lintAssumptions } from '../message/rules-policy.js';
import { loadMessageRules } from '../message/rules-data.js';
import { messagePolicyView } from '../message/ins-derogation.js';

export function runAssumptions(instances: ScenarioInstance[], policy: Policy | undefined, catalogue: RequirementCatalogue = loadRequirementCatalogue()): string[] {
  const out = new Map<string, string>();
  const specs = [...new Map(instances.map((i) => [i.scenarioId, i.spec])).values()];
  for (const s of specs) if (s.assumption) out.set(`scenario ${s.id}`, `${s.id}: ${s.assumption}`);
  const cited = new Set(scenarioRefs(specs).flatMap((r) => r.requirements));
  for (const id of [...cited].sort()) {
    const r = catalogue.byId.get(id);
    if (r?.assumption) out.set(`requirement ${id}`, `${id} [${r.confidence}] (catalogue): ${r.assumption}`);
  }
  const lints = specs.some((s) => s.steps.some((st) => st.probe === 'message.lint'));
  if (lints && policy) {
    for (const a of lintAssumptions(loadMessageRules(), messagePolicyView(policy))) {
      const req = /^(\S+) \[[PS?]\] \(catalogue\)/.exec(a)?.[1];
      out.set(req ? `requirement ${req}` : `lint ${a}`, req ? a : `message rules: ${a}`);
    }
  }
  return [...out.values()];
}
