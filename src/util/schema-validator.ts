import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';

/** The project's JSON Schemas live in `schemas/` at the repository root. */
export const SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

// ajv (CommonJS) is loaded at the first compilation, not with this module: a command whose data all
// come checked from the build-time cache (util/data-cache.ts), such as `list`, never loads it.
let instance: Ajv2020 | undefined;
function ajvInstance(): Ajv2020 {
  if (!instance) {
    const require = createRequire(import.meta.url);
    const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    const addFormats = require('ajv-formats') as (ajv: Ajv2020) => Ajv2020;
    instance = addFormats(new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true }));
  }
  return instance;
}
const compiled = new Map<string, ValidateFunction>();

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
  if (!fn) {
    const text = readFileSync(`${SCHEMA_DIR}${name}.schema.json`, 'utf8');
    addReferencedSchemas(text);
    const ajv = ajvInstance();
    const schema = JSON.parse(text) as { $id?: string };
    fn = (schema.$id ? ajv.getSchema(schema.$id) : undefined) ?? ajv.compile(schema);
    compiled.set(name, fn);
  }
  return fn;
}

/** Compiles an inline schema (probe input schemas) once per object. */
const inline = new WeakMap<object, ValidateFunction>();
export function inlineValidator(schema: object): ValidateFunction {
  let fn = inline.get(schema);
  if (!fn) {
    fn = ajvInstance().compile(schema);
    inline.set(schema, fn);
  }
  return fn;
}

/** A short, human sentence for one ajv error, with the fix where ajv tells us enough. */
export function describeAjvError(e: ErrorObject): { message: string; fix?: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return {
        message: `unknown field "${String(p.additionalProperty)}"`,
        fix: 'remove it or correct its spelling (see the schema for allowed fields)',
      };
    case 'required':
      return { message: `missing required field "${String(p.missingProperty)}"`, fix: `add "${String(p.missingProperty)}"` };
    case 'enum':
      return {
        message: `value is not allowed`,
        fix: `use one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'dependentRequired':
      return {
        message: `"${String(p.property)}" needs "${String(p.missingProperty)}" beside it`,
        fix: `add "${String(p.missingProperty)}" or remove "${String(p.property)}"`,
      };
    case 'const':
      return { message: 'value is not allowed', fix: `use ${JSON.stringify(p.allowedValue)}` };
    case 'type':
      return { message: `must be of type ${String(p.type)}`, fix: `write a ${String(p.type)} here` };
    case 'pattern':
      return { message: `does not match the expected form ${String(p.pattern)}`, fix: e.parentSchema && typeof (e.parentSchema as { description?: unknown }).description === 'string' ? String((e.parentSchema as { description: string }).description) : undefined };
    default:
      return { message: e.message ?? e.keyword };
  }
}
