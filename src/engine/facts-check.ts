/** Checks what a probe returned against the facts schema it declares (src/probes/facts-schema.ts). */
import { typesOf, type FactSchema } from '../probes/facts-schema.js';
import type { Probe } from '../probes/types.js';
import { inlineValidator } from '../util/schema-validator.js';

export interface FactsCheck {
  (facts: unknown): boolean;
  /** The last mismatches, in words. */
  problems: string;
}

const cache = new WeakMap<object, FactsCheck>();

/**
 * A validator for the probe's facts: their structure (names, types, required). The value lists
 * (`enum`) and `propertyNames` that the loader uses to check scenarios are relaxed to their types
 * here: a probe given its own data (a custom rules file) may return other keys, and a value added
 * to a list must not turn every run into an error.
 */
export function factsValidator(probe: Pick<Probe, 'facts'>): FactsCheck {
  let check = cache.get(probe.facts);
  if (!check) {
    const validate = inlineValidator(structureOnly(probe.facts));
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

/** The facts schema as the run checks it (exported for the build's precompiled validators). */
export function structureOnly(s: FactSchema): FactSchema {
  const { propertyNames: _ignored, enum: values, ...rest } = s;
  const out: FactSchema = { ...rest };
  if (values && out.type === undefined) out.type = typesOf({ enum: values }).map((t) => (t === 'integer' ? 'number' : t));
  if (s.items) out.items = structureOnly(s.items);
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, structureOnly(v)]));
  if (s.additionalProperties && typeof s.additionalProperties === 'object') out.additionalProperties = structureOnly(s.additionalProperties);
  return out;
}
