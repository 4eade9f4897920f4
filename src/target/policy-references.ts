/**
 * A target profile's references to the deadline policy, checked after its schema: every declared
 * identification means and every policy context must be one the policy knows (a typo would pass
 * the schema and only surface as a failed or unknown judgement at the end of a run). Endpoint
 * names and mailbox types are closed lists in schemas/target.schema.json already.
 */
import type { Policy } from '../policy/types.js';
import { saying, type InputProblem } from '../util/input-error.js';
import { phrase } from '../i18n/phrase.js';
import type { YamlFile } from '../util/yaml-file.js';
import type { TargetProfile } from './profile.js';

export function policyReferenceProblems(file: YamlFile<TargetProfile>, profile: TargetProfile, policy: Policy): InputProblem[] {
  const problems: InputProblem[] = [];
  const means = policy.means.map((m) => m.id);
  const contexts = policy.contexts.map((c) => c.id);
  const source = `${policy.versioned.id} ${policy.versioned.version}`;
  profile.auth?.declared?.forEach((id, i) => {
    if (!means.includes(id)) problems.push(file.problem(`/auth/declared/${i}`, saying(phrase('profile-not-means', { value: id, policy: source }), phrase('profile-use-means', { values: means.join(', ') }))));
  });
  const endpoints = (profile.endpoints ?? {}) as Record<string, unknown>;
  for (const [name, ep] of Object.entries(endpoints)) {
    if (!ep || typeof ep !== 'object') continue;
    const e = ep as { context?: unknown; means?: unknown };
    if (typeof e.context === 'string' && !contexts.includes(e.context)) {
      problems.push(file.problem(`/endpoints/${name}/context`, saying(phrase('profile-not-context', { value: e.context, policy: source }), phrase('flag-use-one-of', { values: contexts.join(', ') }))));
    }
    if (Array.isArray(e.means)) {
      e.means.forEach((id, i) => {
        if (typeof id === 'string' && !means.includes(id)) problems.push(file.problem(`/endpoints/${name}/means/${i}`, saying(phrase('profile-not-means', { value: id, policy: source }), phrase('flag-use-one-of', { values: means.join(', ') }))));
      });
    }
  }
  return problems;
}
