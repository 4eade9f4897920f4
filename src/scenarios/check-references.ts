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

export interface ReferenceProblem {
  /** JSON pointer of the field. */
  field: string;
  message: string;
  fix: string;
}

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
          message: `variable "${resolved.missing}" is not defined${v.id ? ` in variant ${v.id}` : ''}`,
          fix: `define it under vars (of the scenario or of every variant), or write target.…, steps.<id>.facts.… or asOf`,
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
      message: `probe ${probe.name} has no fact "${found.at}"`,
      fix: found.known.length ? `use one of: ${found.known.join(', ')} (msscheck list --probes --json shows every probe's facts)` : 'name a fact the probe declares',
    }];
  }
  templates(a.value, `${at}/value`, available);
  const problems = checkOperator(a.op, a.value, 'value' in a, found.schema, at);
  if (a.op === 'exists' && !found.optional && !typesOf(found.schema).includes('null') && typesOf(found.schema).length > 0) {
    problems.push({ field: `${at}/op`, message: `fact "${a.fact}" of ${probe.name} is always present: \`exists\` cannot fail`, fix: 'assert something about its value instead' });
  }
  return problems;
}

/** Arity, value type (against the fact's schema when known) and regex syntax of one operator use. */
export function checkOperator(op: Operator, value: unknown, hasValue: boolean, fact: FactSchema | undefined, at: string): ReferenceProblem[] {
  const bad = (message: string, fix: string, field = `${at}/value`): ReferenceProblem[] => [{ field, message, fix }];
  if (UNARY.has(op)) return hasValue ? bad(`operator ${op} takes no value`, `remove value, or use an operator that compares (equals, contains...)`) : [];
  if (!hasValue) return bad(`operator ${op} needs a value`, `add value: the value to compare the fact with`, at);
  if (hasTemplate(value)) return []; // checked when the template resolves
  if (LIST_VALUE.has(op) && !Array.isArray(value)) return bad(`operator ${op} needs a list as value`, 'write value: [a, b]');
  if (NUMERIC.has(op) && typeof value !== 'number') return bad(`operator ${op} needs a number as value`, 'write a number, e.g. value: 0');
  if (DATES.has(op) && (typeof value !== 'string' || Number.isNaN(new Date(value).getTime()))) return bad(`operator ${op} needs a date as value`, 'write an ISO date, e.g. value: "2026-01-01"');
  if (REGEX.has(op)) {
    if (typeof value !== 'string') return bad(`operator ${op} needs a regular expression (a string) as value`, 'write value: "^pattern$"');
    try {
      new RegExp(value);
    } catch (err) {
      return bad(`invalid regular expression: ${(err as Error).message}`, 'correct the pattern (JavaScript RegExp syntax; escape ( ) [ ] . * + ? with a backslash)');
    }
  }
  if (!fact) return [];
  const types = typesOf(fact);
  if (types.length === 0) return [];
  const need = (expected: string[], what: string): ReferenceProblem[] =>
    expected.some((t) => types.includes(t) || (t === 'number' && types.includes('integer'))) ? [] : bad(`operator ${op} needs ${what}, but the fact is ${types.join(' or ')}`, 'use an operator that suits the fact (see docs/ARCHITECTURE.md, Operators)', `${at}/op`);
  switch (op) {
    case 'equals':
    case 'notEquals':
      return fits(value, fact) ? [] : bad(`value ${JSON.stringify(value)} can never equal this fact (${describeSchema(fact)})`, `use ${describeSchema(fact)}`);
    case 'in':
    case 'notIn': {
      const wrong = (value as unknown[]).filter((v) => !fits(v, fact));
      return wrong.length ? bad(`${wrong.map((v) => JSON.stringify(v)).join(', ')} can never equal this fact (${describeSchema(fact)})`, `use ${describeSchema(fact)}`) : [];
    }
    case 'contains':
    case 'notContains':
      if (types.includes('array') && fact.items) return fits(value, fact.items) ? [] : bad(`the list never holds ${JSON.stringify(value)} (${describeSchema(fact.items)})`, `use ${describeSchema(fact.items)}`);
      return need(['string', 'array'], 'a string or a list');
    case 'containsAll':
    case 'containsAny':
    case 'subsetOf':
    case 'disjointFrom': {
      const problems = need(['array'], 'a list');
      if (problems.length || !fact.items) return problems;
      const wrong = (value as unknown[]).filter((v) => !fits(v, fact.items!));
      return wrong.length ? bad(`the list never holds ${wrong.map((v) => JSON.stringify(v)).join(', ')} (${describeSchema(fact.items)})`, `use ${describeSchema(fact.items)}`) : [];
    }
    case 'matches':
    case 'notMatches':
    case 'before':
    case 'after':
      return need(['string'], 'a string');
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return need(['number'], 'a number');
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

function describeSchema(s: FactSchema): string {
  if (s.enum) return `one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`;
  const types = typesOf(s);
  return `${/^[aeiou]/.test(types[0] ?? '') ? 'an' : 'a'} ${types.join(' or ')}`;
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
function checkPath(path: string, available: ReadonlyMap<string, FactsSchema>, vars: Record<string, unknown>, variant: string | undefined): { message: string; fix: string } | undefined {
  const segs = path.split('.');
  const root = segs[0]!;
  if (root === 'steps') {
    const [, step, facts, ...rest] = segs;
    const schema = step ? available.get(step) : undefined;
    if (!schema) {
      return {
        message: `"${path}" names step "${step ?? ''}", which has not run at this point`,
        fix: available.size ? `name an earlier step: ${[...available.keys()].join(', ')}` : 'a step can only use the facts of the steps before it',
      };
    }
    if (facts !== 'facts') return { message: `"${path}" must continue with .facts.`, fix: `write steps.${step}.facts.<fact>` };
    if (rest.length === 0) return undefined;
    const r = resolveFactPath(schema, rest.join('.'));
    return r.ok ? undefined : { message: `step ${step} has no fact "${r.at}"`, fix: r.known.length ? `use one of: ${r.known.join(', ')}` : 'name a fact its probe declares' };
  }
  if (root === 'target') {
    if (segs.length === 1) return undefined;
    const ok = schemaHasPath(targetSchema(), targetSchema(), segs.slice(1));
    return ok ? undefined : { message: `the target profile has no field "${path}"`, fix: 'see schemas/target.schema.json for the profile fields' };
  }
  if (root === 'asOf') return segs.length === 1 ? undefined : { message: `asOf has no field "${segs.slice(1).join('.')}"`, fix: 'write ${asOf}' };
  if (root === 'vars') return segs.length > 1 && !(segs[1]! in vars) ? { message: `variable "${segs[1]}" is not defined`, fix: 'define it under vars' } : undefined;
  if (!(root in vars)) {
    return {
      message: `"${path}" is neither a variable${variant ? ` of variant ${variant}` : ''} nor target.…, steps.<id>.facts.… or asOf`,
      fix: `define variable "${root}" under vars (of the scenario or of every variant), or correct the path`,
    };
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
