/** Checks what a probe returned against the facts schema it declares (src/probes/facts-schema.ts). */
import type { FactSchema } from '../probes/facts-schema.js';
import type { Probe } from '../probes/types.js';
import { inlineValidator } from '../util/schema-validator.js';

export interface FactsCheck {
  (facts: unknown): boolean;
  /** The last mismatches, in words. */
  problems: string;
}

const cache = new WeakMap<object, FactsCheck>();

/**
 * A validator for the probe's facts. `propertyNames` (which keys a scenario may name) is not
 * enforced on what the probe returns: a probe given its own data (a custom rules file) may return
 * other keys.
 */
export function factsValidator(probe: Pick<Probe, 'facts'>): FactsCheck {
  let check = cache.get(probe.facts);
  if (!check) {
    const validate = inlineValidator(withoutPropertyNames(probe.facts));
    const fn = ((facts: unknown): boolean => {
      const ok = validate(facts);
      fn.problems = ok ? '' : (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      return ok;
    }) as FactsCheck;
    fn.problems = '';
    check = fn;
    cache.set(probe.facts, check);
  }
  return check;
}

function withoutPropertyNames(s: FactSchema): FactSchema {
  const { propertyNames: _ignored, ...rest } = s;
  const out: FactSchema = { ...rest };
  if (s.items) out.items = withoutPropertyNames(s.items);
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, withoutPropertyNames(v)]));
  if (s.additionalProperties && typeof s.additionalProperties === 'object') out.additionalProperties = withoutPropertyNames(s.additionalProperties);
  return out;
}
