import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { saying, type InputProblem } from './input-error.js';
import { phrase } from '../i18n/phrase.js';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';

/** The project's JSON Schemas live in `schemas/` at the repository root. */
export const SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

// ajv (CommonJS) is loaded at the first compilation, not with this module: a command whose data all
// come checked from the build-time cache (util/data-cache.ts), such as `list`, never loads it.
const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true } as const;
let instance: Ajv2020 | undefined;
function newAjv(extra: Record<string, unknown> = {}): Ajv2020 {
  const require = createRequire(import.meta.url);
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = require('ajv-formats') as (ajv: Ajv2020) => Ajv2020;
  return addFormats(new Ajv({ ...AJV_OPTIONS, ...extra }));
}
function ajvInstance(): Ajv2020 {
  return (instance ??= newAjv());
}

/**
 * Validators compiled when the package was built (`dist/validators/inline/<schemaKey>.cjs`, ajv
 * standalone code, one file each): a run takes the probes' input and facts validators from there
 * instead of compiling them (code generation was a third of a sandbox run's start), and loads only
 * those of the probes it runs. Absent under tsx.
 */
function precompiledInlinePath(key: string): string {
  return fileURLToPath(new URL(`../validators/inline/${key}.cjs`, import.meta.url));
}
function precompiledValidator(schema: object): ValidateFunction | undefined {
  const key = schemaKey(schema);
  const path = precompiledInlinePath(key);
  if (!existsSync(path)) return undefined;
  try {
    return (createRequire(import.meta.url)(path) as Record<string, ValidateFunction>)[key];
  } catch {
    return undefined;
  }
}

/** A schema's identity for the precompiled validators: the hash of its JSON text. */
export function schemaKey(schema: object): string {
  return `s${createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 32)}`;
}

/** Build time: the standalone code (CommonJS) of each of `schemas`' validators, one file per `schemaKey`. */
export function standaloneValidators(schemas: object[]): { file: string; code: string }[] {
  const require = createRequire(import.meta.url);
  const standalone = (require('ajv/dist/standalone/index.js') as { default: (ajv: Ajv2020, refs: Record<string, string>) => string }).default;
  const ajv = newAjv({ code: { source: true } });
  const out = new Map<string, { file: string; code: string }>();
  for (const schema of schemas) {
    const key = schemaKey(schema);
    if (out.has(key)) continue;
    ajv.addSchema({ ...schema, $id: `msscheck:inline/${key}` });
    out.set(key, { file: precompiledInlinePath(key), code: standalone(ajv, { [key]: `msscheck:inline/${key}` }) });
  }
  return [...out.values()];
}

const compiled = new Map<string, ValidateFunction>();

/**
 * `schemas/<name>.schema.json` and every schema it references by `$id`, as [name, text] pairs; their
 * hash (`namedSchemaKey`) is the identity of the validator precompiled for them at build.
 */
function namedSchemaTexts(name: string, out: [string, string][] = []): [string, string][] {
  if (out.some(([n]) => n === name)) return out;
  const text = readFileSync(`${SCHEMA_DIR}${name}.schema.json`, 'utf8');
  out.push([name, text]);
  for (const m of text.matchAll(/"\$ref"\s*:\s*"https:\/\/msscheck\.dev\/schemas\/([a-z0-9-]+)\/\d+\.json"/g)) namedSchemaTexts(m[1]!, out);
  return out;
}
function namedSchemaKey(texts: [string, string][]): string {
  const h = createHash('sha256');
  for (const [n, t] of texts) h.update(`${n}\0${t}\0`);
  return `n${h.digest('hex').slice(0, 32)}`;
}
/** `dist/validators/<name>.cjs`: the validator of one named schema, compiled at build (ajv standalone). */
function precompiledNamedPath(name: string): string {
  return fileURLToPath(new URL(`../validators/${name}.cjs`, import.meta.url));
}

/**
 * Build time: the standalone code (CommonJS) of the validator of `schemas/<name>.schema.json` (with
 * the schemas it references), exported under the hash of their texts, so that a run whose schema
 * files changed since the build compiles them instead of trusting a stale validator.
 */
export function standaloneNamedValidator(name: string): { file: string; code: string } {
  const require = createRequire(import.meta.url);
  const standalone = (require('ajv/dist/standalone/index.js') as { default: (ajv: Ajv2020, refs: Record<string, string>) => string }).default;
  const ajv = newAjv({ code: { source: true } });
  const texts = namedSchemaTexts(name);
  for (const [, text] of texts) ajv.addSchema(JSON.parse(text) as object);
  const main = JSON.parse(texts[0]![1]) as { $id?: string };
  if (!main.$id) throw new Error(`schemas/${name}.schema.json has no $id to precompile it by`);
  return { file: precompiledNamedPath(name), code: standalone(ajv, { [namedSchemaKey(texts)]: main.$id }) };
}

function precompiledNamedValidator(name: string): ValidateFunction | undefined {
  const path = precompiledNamedPath(name);
  if (!existsSync(path)) return undefined;
  try {
    const mod = createRequire(import.meta.url)(path) as Record<string, ValidateFunction>;
    return mod[namedSchemaKey(namedSchemaTexts(name))];
  } catch {
    return undefined;
  }
}

/**
 * Adds the schemas that `text` references by their `$id` (`https://msscheck.dev/schemas/<name>/1.json`,
 * file `schemas/<name>.schema.json`), so that one schema can use another (target -> otp-flow).
 */
function addReferencedSchemas(text: string): void {
  const ajv = ajvInstance();
  for (const m of text.matchAll(/"\$ref"\s*:\s*"(https:\/\/msscheck\.dev\/schemas\/([a-z0-9-]+)\/\d+\.json)"/g)) {
    if (ajv.getSchema(m[1]!)) continue;
    const referenced = readFileSync(`${SCHEMA_DIR}${m[2]}.schema.json`, 'utf8');
    addReferencedSchemas(referenced);
    ajv.addSchema(JSON.parse(referenced) as object);
  }
}

/** Loads `schemas/<name>.schema.json` once and returns its compiled validator. */
export function schemaValidator(name: string): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) fn = precompiledNamedValidator(name);
  if (!fn) {
    const text = readFileSync(`${SCHEMA_DIR}${name}.schema.json`, 'utf8');
    addReferencedSchemas(text);
    const ajv = ajvInstance();
    const schema = JSON.parse(text) as { $id?: string };
    fn = (schema.$id ? ajv.getSchema(schema.$id) : undefined) ?? ajv.compile(schema);
  }
  compiled.set(name, fn);
  return fn;
}

/** Compiles an inline schema (probe input schemas) once per object. */
const inline = new WeakMap<object, ValidateFunction>();
export function inlineValidator(schema: object): ValidateFunction {
  let fn = inline.get(schema);
  if (!fn) {
    fn = precompiledValidator(schema) ?? ajvInstance().compile(schema);
    inline.set(schema, fn);
  }
  return fn;
}

/**
 * A short, human sentence for one ajv error, with the fix where ajv tells us enough: one catalogue
 * message per keyword (`schema-<keyword>`, locales/<lang>/messages.ftl), so that the user reads it in
 * their language; a keyword without its own message says ajv's English words.
 */
export function describeAjvError(e: ErrorObject): Pick<InputProblem, 'message' | 'fix' | 'messagePhrase' | 'fixPhrase'> {
  const p = e.params as Record<string, unknown>;
  const s = (v: unknown): string => String(v);
  switch (e.keyword) {
    case 'additionalProperties':
      return saying(phrase('schema-additional', { field: s(p.additionalProperty) }), phrase('schema-additional-fix'));
    case 'required':
      return saying(phrase('schema-required', { field: s(p.missingProperty) }), phrase('schema-required-fix', { field: s(p.missingProperty) }));
    case 'enum':
      return saying(phrase('schema-not-allowed'), phrase('schema-enum-fix', { values: (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ') }));
    case 'dependentRequired':
      return saying(phrase('schema-dependent', { field: s(p.property), needs: s(p.missingProperty) }), phrase('schema-dependent-fix', { field: s(p.property), needs: s(p.missingProperty) }));
    case 'const':
      return saying(phrase('schema-not-allowed'), phrase('schema-const-fix', { value: JSON.stringify(p.allowedValue) ?? 'null' }));
    case 'type':
      return saying(phrase('schema-type', { type: phrase(`schema-type-${s(p.type).split(',')[0]}`) }), phrase('schema-type-fix', { type: phrase(`schema-type-${s(p.type).split(',')[0]}`) }));
    case 'pattern': {
      const description = e.parentSchema && typeof (e.parentSchema as { description?: unknown }).description === 'string' ? String((e.parentSchema as { description: string }).description) : undefined;
      return { ...saying(phrase('schema-pattern', { pattern: s(p.pattern) })), ...(description ? { fix: description } : {}) };
    }
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return saying(phrase(`schema-${e.keyword}`, { limit: s(p.limit) }));
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return saying(phrase(`schema-${e.keyword}`, { limit: s(p.limit) }));
    case 'uniqueItems':
      return saying(phrase('schema-uniqueItems', { i: s(p.i), j: s(p.j) }));
    case 'format':
      return saying(phrase('schema-format', { format: s(p.format) }));
    default:
      return { message: e.message ?? e.keyword };
  }
}
