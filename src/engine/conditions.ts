import type { Condition } from '../scenarios/types.js';
import { applyOperator, UNARY } from './operators.js';
import { lookup, resolveTemplates, type Scope } from './template.js';

export interface ConditionOutcome {
  holds: boolean;
  /** The first condition that did not hold, said in words. */
  failed?: string;
}

/** Evaluates `appliesTo` / `when` / `skipScenarioUnless` conditions: all must hold. */
export function evaluateConditions(conditions: Condition[] | undefined, scope: Scope): ConditionOutcome {
  for (const c of conditions ?? []) {
    const path = resolveTemplates(c.path, scope);
    const expected = c.value === undefined ? undefined : resolveTemplates(c.value, scope);
    const found = lookup(scope, path);
    if (!applyOperator(c.op, found, expected)) {
      return { holds: false, failed: c.reason !== undefined ? resolveTemplates(c.reason, scope) : (UNARY.has(c.op) ? `${path} ${c.op}` : `${path} ${c.op} ${JSON.stringify(expected)}`) };
    }
  }
  return { holds: true };
}
