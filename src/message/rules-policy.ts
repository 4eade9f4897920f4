/**
 * The message rules as a run applies them: with the values the deadline policy states, and the
 * assumptions a report lists for them. Apart from the linter (lint.ts), so that a run that lints
 * nothing (a TLS run) does not load the linter to state its assumptions.
 */
import { translator } from '../i18n/index.js';
import { insDerogationLine } from '../i18n/ins-derogation-line.js';
import { loadRequirementCatalogue } from '../policy/catalogue.js';
import { PLACEHOLDER_INS_DEROGATION, type MessagePolicyView } from './ins-derogation.js';
import type { MessageRules } from './rules-data.js';

/** Report assumptions: the unconfirmed rules and the placeholder policy, said once. */
export function lintAssumptions(rules: MessageRules, view: MessagePolicyView): string[] {
  const out = rules.rules.filter((r) => r.enabled !== false && r.assumption).map((r) => `${r.id}: ${r.assumption}`);
  const unconfirmed = rules.rules.filter((r) => r.enabled !== false && r.confidence && r.confidence !== 'P').map((r) => r.id);
  if (unconfirmed.length) out.push(translator('en').t('assumption-rules-unconfirmed', { rules: unconfirmed.join(', '), path: rules.path }));
  // The catalogue entries the rules cite, with their own assumptions (e.g. the CODECDA separator).
  const catalogue = loadRequirementCatalogue();
  const cited = [...new Set(rules.rules.filter((r) => r.enabled !== false).flatMap((r) => r.requirements))].sort();
  for (const id of cited) {
    const req = catalogue.byId.get(id);
    if (req?.assumption) out.push(`${id} [${req.confidence}] (catalogue): ${req.assumption}`);
  }
  const d = view.insDerogation;
  out.push(insDerogationLine(d, d === PLACEHOLDER_INS_DEROGATION, translator('en')));
  return out;
}

/** The rules with the values the policy states (the patient size ceiling) in place of the data's. */
export function withPolicy(rules: MessageRules, view: MessagePolicyView): MessageRules {
  if (view.patientMaxBytes === undefined || view.patientMaxBytes === rules.values.patientMaxBytes) return rules;
  return { ...rules, values: { ...rules.values, patientMaxBytes: view.patientMaxBytes } };
}
