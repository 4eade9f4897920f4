/**
 * Facts schemas: what each probe declares it returns, as JSON Schema (draft 2020-12 subset).
 *
 * The scenario loader checks every assertion's `fact:` path, every `${steps.X.facts.Y}` template
 * and every operator's value against the step's probe facts schema; the engine checks what the
 * probe really returned against it. Only declared properties can be named by a scenario (an
 * undeclared key is a typo); a `record` (`additionalProperties: <schema>`) accepts any key, or the
 * keys its `propertyNames.enum` lists. A property outside `required` may be legitimately absent:
 * the engine then makes the assertion unjudgeable (see src/engine/evaluate.ts), never a pass.
 *
 * The builders below keep the schemas short and uniform.
 */
export type FactSchema = {
  type?: string | string[];
  enum?: readonly unknown[];
  items?: FactSchema;
  properties?: Record<string, FactSchema>;
  required?: string[];
  additionalProperties?: FactSchema | boolean;
  propertyNames?: { enum: readonly string[] };
  description?: string;
};

/** A probe's facts: an object of named facts. */
export type FactsSchema = FactSchema & { type: 'object'; properties: Record<string, FactSchema> };

const withNull = (s: FactSchema): FactSchema => {
  if (s.enum) return { ...s, enum: [...s.enum, null] };
  if (s.type === undefined) return s;
  const types = Array.isArray(s.type) ? s.type : [s.type];
  return { ...s, type: types.includes('null') ? types : [...types, 'null'] };
};

export const f = {
  string: (description?: string): FactSchema => ({ type: 'string', ...(description ? { description } : {}) }),
  integer: (description?: string): FactSchema => ({ type: 'integer', ...(description ? { description } : {}) }),
  number: (description?: string): FactSchema => ({ type: 'number', ...(description ? { description } : {}) }),
  boolean: (description?: string): FactSchema => ({ type: 'boolean', ...(description ? { description } : {}) }),
  /** One of these values. */
  oneOf: (...values: readonly (string | number | boolean | null)[]): FactSchema => ({ enum: values }),
  array: (items: FactSchema): FactSchema => ({ type: 'array', items }),
  /** An object with these required (and optional) properties. */
  object: (required: Record<string, FactSchema>, optional: Record<string, FactSchema> = {}): FactSchema => ({
    type: 'object',
    properties: { ...required, ...optional },
    required: Object.keys(required),
  }),
  /** A map: any key (or one of `keys`), each value of `values`. */
  record: (values: FactSchema, keys?: readonly string[]): FactSchema => ({
    type: 'object',
    additionalProperties: values,
    ...(keys ? { propertyNames: { enum: keys } } : {}),
  }),
  /** The value, or null. */
  nullable: withNull,
  /** Any JSON value; paths below it are not checked. */
  any: (description?: string): FactSchema => (description ? { description } : {}),
};

/** The facts of a probe: `required` are always present, `optional` may be absent. */
export function factsSchema(required: Record<string, FactSchema>, optional: Record<string, FactSchema> = {}): FactsSchema {
  return { type: 'object', properties: { ...required, ...optional }, required: Object.keys(required) };
}

/** Where a fact path leads in a facts schema. */
export type PathResolution =
  | { ok: true; schema: FactSchema; optional: boolean }
  | { ok: false; at: string; known: string[] };

/**
 * Follows a dotted fact path through a schema. `optional` says whether some segment may be
 * legitimately absent (not in `required`, a record key, an array index).
 */
export function resolveFactPath(schema: FactSchema, path: string): PathResolution {
  let cur = schema;
  let optional = false;
  const done: string[] = [];
  for (const seg of path.split('.')) {
    if (isAny(cur)) return { ok: true, schema: {}, optional: true };
    const types = typesOf(cur);
    if (types.includes('array') && cur.items) {
      if (!/^\d+$/.test(seg)) return { ok: false, at: [...done, seg].join('.'), known: ['<index>'] };
      cur = cur.items;
      optional = true;
    } else if (cur.properties && seg in cur.properties) {
      if (!(cur.required ?? []).includes(seg)) optional = true;
      cur = cur.properties[seg]!;
    } else if (cur.additionalProperties && typeof cur.additionalProperties === 'object') {
      const keys = cur.propertyNames?.enum;
      if (keys && !keys.includes(seg)) return { ok: false, at: [...done, seg].join('.'), known: [...keys] };
      cur = cur.additionalProperties;
      optional = true;
    } else {
      return { ok: false, at: [...done, seg].join('.'), known: Object.keys(cur.properties ?? {}) };
    }
    done.push(seg);
  }
  return { ok: true, schema: cur, optional };
}

/** The JSON types a schema allows (from `type`, or from the values of `enum`); empty for "any". */
export function typesOf(s: FactSchema): string[] {
  if (s.type !== undefined) return Array.isArray(s.type) ? s.type : [s.type];
  if (s.enum) return [...new Set(s.enum.map(jsonType))];
  return [];
}

export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function isAny(s: FactSchema): boolean {
  return s.type === undefined && s.enum === undefined && s.properties === undefined && s.additionalProperties === undefined && s.items === undefined;
}
