/**
 * The checks a scenario gets after its schema, before anything runs: every assertion's fact path
 * against its step's probe facts schema, each operator's arity and value type, every regex, and
 * every template or condition path (`${steps.X.facts.Y}`, `${target...}`, variables) against what
 * exists at that point of the scenario. Each problem names its field; the loader adds file and line.
 */
import { readFileSync } from 'node:fs';
import { jsonType, resolveFactPath, typesOf, type FactSchema, type FactsSchema } from '../probes/facts-schema.js';
import type { Probe } from '../probes/types.js';
import { SCHEMA_DIR } from '../util/schema-validator.js';
import type { AssertionSpec, Condition, Operator, ScenarioSpec } from './types.js';
import { orList, phrase, type Phrase } from '../i18n/phrase.js';
import { saying } from '../util/input-error.js';

export interface ReferenceProblem {
  /** JSON pointer of the field. */
  field: string;
  message: string;
  fix?: string;
  messagePhrase?: Phrase;
  fixPhrase?: Phrase;
}

/** A problem's message and fix, said through the message catalogue (English text beside each phrase). */
type Said = Pick<ReferenceProblem, 'message' | 'fix' | 'messagePhrase' | 'fixPhrase'>;
const say = (message: Phrase, fix: Phrase): Said => saying(message, fix);

const UNARY: ReadonlySet<Operator> = new Set(['exists', 'absent', 'empty', 'notEmpty']);
const LIST_VALUE: ReadonlySet<Operator> = new Set(['in', 'notIn', 'containsAll', 'containsAny', 'subsetOf', 'disjointFrom']);
const NUMERIC: ReadonlySet<Operator> = new Set(['gt', 'gte', 'lt', 'lte']);
const DATES: ReadonlySet<Operator> = new Set(['before', 'after']);
const REGEX: ReadonlySet<Operator> = new Set(['matches', 'notMatches']);
const TEMPLATE = /\$\{([^}]+)\}/g;
const hasTemplate = (v: unknown): boolean => JSON.stringify(v ?? null).includes('${');

/** Names the scope always holds besides variables. */
const BUILTIN_ROOTS = new Set(['target', 'steps', 'asOf', 'vars']);

export function checkScenarioReferences(spec: ScenarioSpec, findProbe: (name: string) => Probe | undefined): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const variants = spec.variants?.map((v) => ({ id: v.id, vars: { ...(spec.vars ?? {}), ...v.vars } })) ?? [{ id: undefined, vars: { ...(spec.vars ?? {}) } }];
  const facts = new Map<string, FactsSchema>();

  const ref = (path: string, field: string, available: ReadonlyMap<string, FactsSchema>): void => {
    for (const v of variants) {
      const resolved = substituteVars(path, v.vars);
      if (resolved.missing) {
        problems.push({
          field,
          ...say(v.id ? phrase('ref-var-undefined-variant', { name: resolved.missing, variant: v.id }) : phrase('ref-var-undefined', { name: resolved.missing }), phrase('ref-var-undefined-fix')),
        });
        return;
      }
      if (resolved.path.includes('${')) continue; // a path built from facts: checked when it resolves
      const problem = checkPath(resolved.path, available, v.vars, v.id);
      if (problem) {
        problems.push({ field, ...problem });
        return;
      }
    }
  };
  const templates = (value: unknown, field: string, available: ReadonlyMap<string, FactsSchema>): void => {
    walkStrings(value, field, (text, at) => {
      for (const m of text.matchAll(TEMPLATE)) ref(m[1]!.trim(), at, available);
    });
  };
  const conditions = (list: Condition[] | undefined, field: string, available: ReadonlyMap<string, FactsSchema>): void => {
    list?.forEach((c, i) => {
      const at = `${field}/${i}`;
      templates(c.path, `${at}/path`, available);
      templates(c.value, `${at}/value`, available);
      templates(c.reason, `${at}/reason`, available);
      ref(c.path, `${at}/path`, available);
      const schema = c.path.startsWith('steps.') && !c.path.includes('${') ? factSchemaAt(c.path, available) : undefined;
      problems.push(...checkOperator(c.op, c.value, 'value' in c, schema, at));
    });
  };

  conditions(spec.appliesTo, '/appliesTo', facts);
  spec.steps.forEach((step, i) => {
    const at = `/steps/${i}`;
    const probe = findProbe(step.probe);
    conditions(step.when, `${at}/when`, facts);
    templates(step.with, `${at}/with`, facts);
    if (!probe) return; // the loader reports the unknown probe
    const withOwn = new Map(facts).set(step.id, probe.facts);
    conditions(step.skipScenarioUnless, `${at}/skipScenarioUnless`, withOwn);
    step.expect?.forEach((a, j) => problems.push(...checkAssertion(a, probe, `${at}/expect/${j}`, withOwn, templates)));
    facts.set(step.id, probe.facts);
  });
  return problems;
}

function checkAssertion(
  a: AssertionSpec,
  probe: Probe,
  at: string,
  available: ReadonlyMap<string, FactsSchema>,
  templates: (value: unknown, field: string, available: ReadonlyMap<string, FactsSchema>) => void,
): ReferenceProblem[] {
  const found = resolveFactPath(probe.facts, a.fact);
  if (!found.ok) {
    return [{
      field: `${at}/fact`,
      ...say(phrase('ref-no-fact', { probe: probe.name, fact: found.at }), found.known.length ? phrase('ref-no-fact-fix', { facts: found.known.join(', ') }) : phrase('ref-name-declared-fact')),
    }];
  }
  templates(a.value, `${at}/value`, available);
  const problems = checkOperator(a.op, a.value, 'value' in a, found.schema, at);
  if (a.op === 'exists' && !found.optional && !typesOf(found.schema).includes('null') && typesOf(found.schema).length > 0) {
    problems.push({ field: `${at}/op`, ...say(phrase('ref-exists-always', { fact: a.fact, probe: probe.name }), phrase('ref-exists-always-fix')) });
  }
  return problems;
}

/** Arity, value type (against the fact's schema when known) and regex syntax of one operator use. */
export function checkOperator(op: Operator, value: unknown, hasValue: boolean, fact: FactSchema | undefined, at: string): ReferenceProblem[] {
  const bad = (message: Phrase, fix: Phrase, field = `${at}/value`): ReferenceProblem[] => [{ field, ...say(message, fix) }];
  if (UNARY.has(op)) return hasValue ? bad(phrase('ref-op-no-value', { op }), phrase('ref-op-no-value-fix')) : [];
  if (!hasValue) return bad(phrase('ref-op-needs-value', { op }), phrase('ref-op-needs-value-fix'), at);
  if (hasTemplate(value)) return []; // checked when the template resolves
  if (LIST_VALUE.has(op) && !Array.isArray(value)) return bad(phrase('ref-op-needs-list', { op }), phrase('ref-op-needs-list-fix'));
  if (NUMERIC.has(op) && typeof value !== 'number') return bad(phrase('ref-op-needs-number', { op }), phrase('ref-op-needs-number-fix'));
  if (DATES.has(op) && (typeof value !== 'string' || Number.isNaN(new Date(value).getTime()))) return bad(phrase('ref-op-needs-date', { op }), phrase('ref-op-needs-date-fix'));
  if (REGEX.has(op)) {
    if (typeof value !== 'string') return bad(phrase('ref-op-needs-regex', { op }), phrase('ref-op-needs-regex-fix'));
    try {
      new RegExp(value);
    } catch (err) {
      return bad(phrase('ref-regex-invalid', { detail: (err as Error).message }), phrase('ref-regex-invalid-fix'));
    }
  }
  if (!fact) return [];
  const types = typesOf(fact);
  if (types.length === 0) return [];
  const need = (expected: string[], what: string): ReferenceProblem[] =>
    expected.some((t) => types.includes(t) || (t === 'number' && types.includes('integer'))) ? [] : bad(phrase('ref-op-needs-type', { op, what: phrase(`ref-need-${what}`), types: orList(types) }), phrase('ref-op-needs-type-fix'), `${at}/op`);
  const use = (s: FactSchema): Phrase => phrase('ref-use', { schema: describeSchema(s) });
  switch (op) {
    case 'equals':
    case 'notEquals':
      return fits(value, fact) ? [] : bad(phrase('ref-never-equal', { values: JSON.stringify(value), schema: describeSchema(fact) }), use(fact));
    case 'in':
    case 'notIn': {
      const wrong = (value as unknown[]).filter((v) => !fits(v, fact));
      return wrong.length ? bad(phrase('ref-never-equal-list', { values: wrong.map((v) => JSON.stringify(v)).join(', '), schema: describeSchema(fact) }), use(fact)) : [];
    }
    case 'contains':
    case 'notContains':
      if (types.includes('array') && fact.items) return fits(value, fact.items) ? [] : bad(phrase('ref-list-never-holds', { values: JSON.stringify(value), schema: describeSchema(fact.items) }), use(fact.items));
      return need(['string', 'array'], 'string-or-list');
    case 'containsAll':
    case 'containsAny':
    case 'subsetOf':
    case 'disjointFrom': {
      const problems = need(['array'], 'list');
      if (problems.length || !fact.items) return problems;
      const wrong = (value as unknown[]).filter((v) => !fits(v, fact.items!));
      return wrong.length ? bad(phrase('ref-list-never-holds', { values: wrong.map((v) => JSON.stringify(v)).join(', '), schema: describeSchema(fact.items) }), use(fact.items)) : [];
    }
    case 'matches':
    case 'notMatches':
    case 'before':
    case 'after':
      return need(['string'], 'string');
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return need(['number'], 'number');
    default:
      return [];
  }
}

/** Whether a JSON value could be found where the schema is. */
function fits(value: unknown, s: FactSchema): boolean {
  if (s.enum) return s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value));
  const types = typesOf(s);
  if (types.length === 0) return true;
  const t = jsonType(value);
  return types.includes(t) || (t === 'integer' && types.includes('number'));
}

function describeSchema(s: FactSchema): Phrase {
  if (s.enum) return phrase('ref-schema-one-of', { values: s.enum.map((e) => JSON.stringify(e)).join(', ') });
  const types = typesOf(s);
  return phrase(/^[aeiou]/.test(types[0] ?? '') ? 'ref-schema-an' : 'ref-schema-a', { types: orList(types) });
}

/** The fact schema at a `steps.X.facts.Y` path, when it resolves. */
function factSchemaAt(path: string, available: ReadonlyMap<string, FactsSchema>): FactSchema | undefined {
  const [, step, , ...rest] = path.split('.');
  const schema = step ? available.get(step) : undefined;
  if (!schema || rest.length === 0) return undefined;
  const r = resolveFactPath(schema, rest.join('.'));
  return r.ok ? r.schema : undefined;
}

/** Checks one scope path: steps.X.facts.Y, target.…, asOf, or a variable. */
function checkPath(path: string, available: ReadonlyMap<string, FactsSchema>, vars: Record<string, unknown>, variant: string | undefined): Said | undefined {
  const segs = path.split('.');
  const root = segs[0]!;
  if (root === 'steps') {
    const [, step, facts, ...rest] = segs;
    const schema = step ? available.get(step) : undefined;
    if (!schema) {
      return say(
        phrase('ref-step-not-run', { path, step: step ?? '' }),
        available.size ? phrase('ref-step-not-run-fix', { steps: [...available.keys()].join(', ') }) : phrase('ref-step-earlier-only'),
      );
    }
    if (facts !== 'facts') return say(phrase('ref-facts-expected', { path }), phrase('ref-facts-expected-fix', { step: step ?? '' }));
    if (rest.length === 0) return undefined;
    const r = resolveFactPath(schema, rest.join('.'));
    return r.ok ? undefined : say(phrase('ref-step-no-fact', { step: step ?? '', fact: r.at }), r.known.length ? phrase('flag-use-one-of', { values: r.known.join(', ') }) : phrase('ref-name-probe-fact'));
  }
  if (root === 'target') {
    if (segs.length === 1) return undefined;
    const ok = schemaHasPath(targetSchema(), targetSchema(), segs.slice(1));
    return ok ? undefined : say(phrase('ref-no-target-field', { path }), phrase('ref-no-target-field-fix'));
  }
  if (root === 'asOf') return segs.length === 1 ? undefined : say(phrase('ref-asof-field', { field: segs.slice(1).join('.') }), phrase('ref-asof-field-fix'));
  if (root === 'vars') return segs.length > 1 && !(segs[1]! in vars) ? say(phrase('ref-var-undefined', { name: segs[1]! }), phrase('ref-define-under-vars')) : undefined;
  if (!(root in vars)) {
    return say(variant ? phrase('ref-unknown-root-variant', { path, variant }) : phrase('ref-unknown-root', { path }), phrase('ref-unknown-root-fix', { name: root }));
  }
  return undefined;
}

/** Replaces `${var}` by the variable's text; reports the first variable that is not defined. */
function substituteVars(path: string, vars: Record<string, unknown>): { path: string; missing?: string } {
  let missing: string | undefined;
  const out = path.replace(TEMPLATE, (whole, name: string) => {
    const n = name.trim();
    const root = n.split('.')[0]!;
    if (BUILTIN_ROOTS.has(root)) return whole;
    if (!(root in vars)) {
      missing ??= root;
      return whole;
    }
    const v = n.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), vars);
    return typeof v === 'string' ? v : JSON.stringify(v);
  });
  return { path: out, missing };
}

function walkStrings(value: unknown, field: string, visit: (text: string, field: string) => void): void {
  if (typeof value === 'string') visit(value, field);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, `${field}/${i}`, visit));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walkStrings(v, `${field}/${k}`, visit);
}

type JsonSchema = Record<string, unknown>;
let target: JsonSchema | undefined;
function targetSchema(): JsonSchema {
  return (target ??= JSON.parse(readFileSync(`${SCHEMA_DIR}target.schema.json`, 'utf8')) as JsonSchema);
}

/** Whether a path can exist in data valid against a JSON Schema (local $refs, combinators, maps). */
function schemaHasPath(root: JsonSchema, schema: JsonSchema, segs: string[]): boolean {
  if (segs.length === 0) return true;
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    if (!ref.startsWith('#/')) return true; // another schema: not followed
    const target = ref.slice(2).split('/').reduce<unknown>((o, k) => (o as JsonSchema | undefined)?.[k], root) as JsonSchema | undefined;
    return target ? schemaHasPath(root, target, segs) : true;
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.some((b) => schemaHasPath(root, b as JsonSchema, segs))) return true;
  }
  const [seg, ...rest] = segs as [string, ...string[]];
  const props = schema.properties as Record<string, JsonSchema> | undefined;
  if (props && seg in props) return schemaHasPath(root, props[seg]!, rest);
  const items = schema.items as JsonSchema | undefined;
  if (items && /^\d+$/.test(seg)) return schemaHasPath(root, items, rest);
  const extra = schema.additionalProperties;
  if (extra && typeof extra === 'object') return schemaHasPath(root, extra as JsonSchema, rest);
  if (extra === true || (extra === undefined && !props && !items && !schema.anyOf && !schema.oneOf && !schema.allOf && !schema.type)) return true;
  return false;
}
