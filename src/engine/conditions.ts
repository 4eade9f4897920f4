import type { Condition } from '../scenarios/types.js';
import { applyOperator, UNARY } from './operators.js';
import { lookup, resolveTemplates, type Scope } from './template.js';
import { phrase, type Phrase } from '../i18n/phrase.js';

export interface ConditionOutcome {
  holds: boolean;
  /** The first condition that did not hold, said in words (the scenario's own `reason`, or the condition as a phrase). */
  failed?: string | Phrase;
}

/** Evaluates `appliesTo` / `when` / `skipScenarioUnless` conditions: all must hold. */
export function evaluateConditions(conditions: Condition[] | undefined, scope: Scope): ConditionOutcome {
  for (const c of conditions ?? []) {
    const path = resolveTemplates(c.path, scope);
    const expected = c.value === undefined ? undefined : resolveTemplates(c.value, scope);
    const found = lookup(scope, path);
    if (!applyOperator(c.op, found, expected)) {
      return { holds: false, failed: c.reason !== undefined ? resolveTemplates(c.reason, scope) : phrase('condition', { path, expectation: expectationPhrase(c.op, UNARY.has(c.op) ? c.op : expected) }) };
    }
  }
  return { holds: true };
}

/** `equals "refused"`, or the operator alone for operators without a value (recorded as their own name). */
export function expectationPhrase(op: string, expected: unknown): Phrase {
  const operator = phrase(`op-${op}`);
  return expected === op ? operator : phrase('expectation', { operator, value: JSON.stringify(expected) ?? 'undefined' });
}
