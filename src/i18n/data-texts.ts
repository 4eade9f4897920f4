/**
 * The user-facing texts of the data files (scenarios, requirement catalogue, deadline policies,
 * message lint rules) that need a translation, each at a stable path: what the French locale data
 * files (`locales/fr/data/<kind>.yaml`) must hold. English stays the source text, in the data files
 * themselves; a translation records the English it was made from, so that a changed source text
 * is seen as stale (and never shown translated).
 */
import type { Policy } from '../policy/types.js';
import type { Requirement } from '../policy/catalogue.js';
import type { MessageRuleSpec } from '../message/rules-data.js';
import type { AssertionSpec, ScenarioSpec } from '../scenarios/types.js';

/** The locale data files, one per kind of data. */
export const DATA_KINDS = ['scenarios', 'requirements', 'policy', 'rules', 'probes', 'defects', 'protocol'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

/** One text to translate: where it lives in the locale file of its kind, and its English source. */
export interface SourceText {
  kind: DataKind;
  /** Keys from the file's `entries` down to the text, e.g. [`SMTP-STARTTLS-OFFERED`, `assertions`, `ehlo.extensions.contains`]. */
  path: string[];
  en: string;
}

/** Where an assertion's translation is kept: the step, fact and operator it judges. */
export function assertionBaseKey(a: { step: string; fact: string; op: string }): string {
  return `${a.step}.${a.fact}.${a.op}`;
}

/**
 * The stable key of each assertion of a scenario, in file order: `<stepId>.<fact>.<op>`, and
 * `<stepId>.<fact>.<op>#<n>` (n = 2, 3...) for the n-th assertion with the same step, fact and
 * operator. The one definition of assertion keys: the completeness test and the lookup use it.
 */
export function assertionKeys(spec: ScenarioSpec): { key: string; stepId: string; assertion: AssertionSpec }[] {
  const seen = new Map<string, number>();
  const out: { key: string; stepId: string; assertion: AssertionSpec }[] = [];
  for (const step of spec.steps) {
    for (const a of step.expect ?? []) {
      const base = assertionBaseKey({ step: step.id, fact: a.fact, op: a.op });
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      out.push({ key: n === 1 ? base : `${base}#${n}`, stepId: step.id, assertion: a });
    }
  }
  return out;
}

export function scenarioTexts(spec: ScenarioSpec): SourceText[] {
  const t = (path: string[], en: string): SourceText => ({ kind: 'scenarios', path: [spec.id, ...path], en });
  const out = [t(['title'], spec.title)];
  if (spec.description?.trim()) out.push(t(['description'], spec.description.trim()));
  if (spec.assumption) out.push(t(['assumption'], spec.assumption));
  for (const v of spec.variants ?? []) if (v.title) out.push(t(['variants', v.id], v.title));
  for (const { key, assertion } of assertionKeys(spec)) out.push(t(['assertions', key], assertion.description));
  for (const [key, reason] of reasonKeys(spec)) out.push(t(['reasons', key], reason));
  return out;
}

/**
 * The `reason` texts of a scenario (said instead of a condition that does not hold, or of a positive
 * control that did not pass), by a stable key: `appliesTo.<n>`, `<stepId>.when.<n>`,
 * `<stepId>.skipScenarioUnless.<n>`, `control`, `variant.<id>.control`. They may hold `${…}`
 * templates (the same names in the translation).
 */
export function reasonKeys(spec: ScenarioSpec): [string, string][] {
  const out: [string, string][] = [];
  const conditions = (list: { reason?: string }[] | undefined, key: string): void => list?.forEach((c, i) => c.reason && out.push([`${key}.${i}`, c.reason]));
  conditions(spec.appliesTo, 'appliesTo');
  for (const step of spec.steps) {
    conditions(step.when, `${step.id}.when`);
    conditions(step.skipScenarioUnless, `${step.id}.skipScenarioUnless`);
  }
  if (spec.control?.reason) out.push(['control', spec.control.reason]);
  for (const v of spec.variants ?? []) if (v.control?.reason) out.push([`variant.${v.id}.control`, v.control.reason]);
  return out;
}

export function requirementTexts(r: Pick<Requirement, 'id' | 'summary' | 'assumption'>): SourceText[] {
  const out: SourceText[] = [{ kind: 'requirements', path: [r.id, 'summary'], en: r.summary }];
  if (r.assumption) out.push({ kind: 'requirements', path: [r.id, 'assumption'], en: r.assumption });
  return out;
}

export function policyTexts(p: Pick<Policy, 'id' | 'title' | 'description' | 'contexts' | 'means' | 'schedule' | 'rules' | 'sources'>): SourceText[] {
  const t = (path: string[], en: string): SourceText => ({ kind: 'policy', path: [p.id, ...path], en });
  const optional = (path: string[], en: string | undefined): SourceText[] => (en?.trim() ? [t(path, en.trim())] : []);
  return [
    t(['title'], p.title),
    ...optional(['description'], p.description),
    ...p.contexts.flatMap((c) => [t(['contexts', c.id, 'title'], c.title), ...optional(['contexts', c.id, 'description'], c.description), ...optional(['contexts', c.id, 'assumption'], c.assumption)]),
    ...p.means.flatMap((m) => [t(['means', m.id, 'label'], m.label), ...optional(['means', m.id, 'description'], m.description), ...optional(['means', m.id, 'observedAs'], m.observedAs)]),
    ...p.schedule.map((s) => t(['schedule', s.id, 'reason'], s.reason)),
    ...(p.rules ?? []).flatMap((r) => [t(['rules', r.id, 'title'], r.title), ...optional(['rules', r.id, 'note'], r.note)]),
    ...(p.sources ?? []).flatMap((s) => [t(['sources', s.id, 'title'], s.title), ...optional(['sources', s.id, 'note'], s.note)]),
  ];
}

export function messageRuleTexts(r: Pick<MessageRuleSpec, 'id' | 'title' | 'assumption'>): SourceText[] {
  const out: SourceText[] = [{ kind: 'rules', path: [r.id, 'title'], en: r.title }];
  if (r.assumption) out.push({ kind: 'rules', path: [r.id, 'assumption'], en: r.assumption });
  return out;
}

/** A probe's one-line summary (`msscheck list --probes`), by probe name. */
export function probeTexts(p: { name: string; summary: string }): SourceText[] {
  return [{ kind: 'probes', path: [p.name, 'summary'], en: p.summary }];
}

/** A sandbox defect's description (`msscheck sandbox --list-defects`), by defect name. */
export function defectTexts(d: { name: string; description: string }): SourceText[] {
  return [{ kind: 'defects', path: [d.name, 'description'], en: d.description }];
}

/**
 * The protocol data texts said in errors: each meaning of protocol/reply-meanings.yaml (`unmatched`,
 * and each exchange's rules numbered from 1 in file order) and the meaning and fix of each error of
 * protocol/oauth-client-errors.yaml.
 */
export function protocolTexts(
  replyMeanings: { unmatched: { meaning: string }; exchanges: Record<string, { meaning: string }[]> },
  clientErrors: Record<string, { meaning: string; fix: string }>,
): SourceText[] {
  const t = (path: string[], en: string): SourceText => ({ kind: 'protocol', path, en });
  return [
    t(['reply-meanings', 'unmatched', 'meaning'], replyMeanings.unmatched.meaning),
    ...Object.entries(replyMeanings.exchanges).flatMap(([exchange, rules]) => rules.map((r, i) => t(['reply-meanings', 'exchanges', exchange, `${i + 1}`, 'meaning'], r.meaning))),
    ...Object.entries(clientErrors).flatMap(([code, e]) => [t(['oauth-client-errors', code, 'meaning'], e.meaning), t(['oauth-client-errors', code, 'fix'], e.fix)]),
  ];
}
