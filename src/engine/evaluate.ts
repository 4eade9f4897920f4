/**
 * Judges one step's assertions over the facts it returned. Never throws: a template without a value
 * or an operator that cannot run (a regex the loader could not see, after a template) makes the
 * assertion unjudged, with the reason, and the scenario `error` unless another assertion fails.
 *
 * Missing facts: the loader has already checked that every fact path exists in the probe's facts
 * schema, so a fact missing at run time is one the probe legitimately did not produce (optional in
 * its schema: e.g. `extensionsAfterTls` when TLS failed). Only `exists` and `absent` judge that;
 * for every other operator, negative ones included (notContains, empty, disjointFrom...), the
 * assertion is unjudged, never a pass. A `null` fact ("not announced", "not known") is judged by
 * every operator except the negative ones over content (notContains, notMatches, disjointFrom,
 * subsetOf, empty): a positive operator fails on it.
 */
import type { AssertionResult } from '../model/result.js';
import type { Facts } from '../probes/types.js';
import type { AssertionSpec } from '../scenarios/types.js';
import type { Redactor } from '../util/redact.js';
import { applyOperator, judgeable, UNARY } from './operators.js';
import { lookup, resolveTemplates, TemplateError, type Scope } from './template.js';
import { phrase, type Phrase } from '../i18n/phrase.js';

export interface StepJudgement {
  assertions: AssertionResult[];
  /** Why an assertion could not be judged (one sentence each). */
  unjudged: Phrase[];
}

export function judgeStep(
  stepId: string,
  expect: AssertionSpec[] | undefined,
  facts: Facts,
  scope: Scope,
  defaults: { requirements: string[] },
  redactor: Redactor,
): StepJudgement {
  const out: StepJudgement = { assertions: [], unjudged: [] };
  for (const a of expect ?? []) {
    const found = lookup(facts, a.fact);
    let expected: unknown;
    let holds: boolean;
    try {
      expected = a.value === undefined ? undefined : resolveTemplates(a.value, scope);
      if (!judgeable(a.op, found)) {
        out.unjudged.push(phrase('unjudged', { step: stepId, what: a.description, why: phrase(found === null ? 'unjudged-null' : 'unjudged-absent', { fact: a.fact }) }));
        continue;
      }
      holds = applyOperator(a.op, found, expected);
    } catch (err) {
      const why = err instanceof TemplateError ? phrase('unjudged-template', { detail: err.message }) : (err as Error).message;
      out.unjudged.push(phrase('unjudged', { step: stepId, what: a.description, why }));
      continue;
    }
    out.assertions.push({
      description: a.description,
      step: stepId,
      fact: a.fact,
      operator: a.op,
      expected: UNARY.has(a.op) ? a.op : redactor.redactValue(expected),
      found: redactor.redactValue(found === undefined ? null : found),
      requirements: a.requirements ?? defaults.requirements,
      status: holds ? 'pass' : a.level === 'warn' ? 'warn' : 'fail',
    });
  }
  return out;
}
