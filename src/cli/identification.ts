import type { IdentificationJudgement, ObservedMethod, ScenarioResult } from '../model/result.js';
import { judgeTarget, loadPolicy, type Policy } from '../policy/index.js';
import type { ResolvedTarget } from '../target/profile.js';
import { targetContext } from '../policy/target-context.js';


/** Every authentication method the run saw the target accept, once per (means, endpoint). */
export function observedMethods(results: ScenarioResult[]): ObservedMethod[] {
  const seen = new Map<string, ObservedMethod>();
  for (const r of results) for (const m of r.observedMethods ?? []) seen.set(`${m.means}|${m.endpoint}`, seen.get(`${m.means}|${m.endpoint}`) ?? m);
  return [...seen.values()];
}

export function loadRunPolicy(path?: string): Policy {
  return loadPolicy(path);
}

/** The report's identification section: declared and observed means judged on the as-of date. */
export function judgeIdentification(policy: Policy, target: ResolvedTarget, results: ScenarioResult[], asOf: Date): IdentificationJudgement {
  return judgeTarget({ policy, declared: target.profile.auth?.declared ?? [], observed: observedMethods(results), context: targetContext(target.profile), asOf, homologated: target.profile.auth?.homologated });
}
