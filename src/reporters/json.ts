/**
 * The canonical JSON report. Keys come out in a stable order: the order of `properties` in
 * `schemas/report.schema.json` (so the schema is the one place that order is written), then any
 * key the schema does not name, sorted. Undefined members are dropped, bigints become strings.
 * Two runs that found the same things produce byte-identical text (timestamps aside).
 */
import { readFileSync } from 'node:fs';
import type { Report } from '../model/result.js';
import { SCHEMA_DIR } from '../util/schema-validator.js';

type SchemaNode = {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
};

let reportSchema: (SchemaNode & { $defs?: Record<string, SchemaNode> }) | undefined;
function loadSchema(): SchemaNode & { $defs?: Record<string, SchemaNode> } {
  reportSchema ??= JSON.parse(readFileSync(`${SCHEMA_DIR}report.schema.json`, 'utf8')) as SchemaNode;
  return reportSchema;
}

function resolve(node: SchemaNode | undefined): SchemaNode | undefined {
  let n = node;
  for (let i = 0; n?.$ref && i < 10; i++) {
    const m = /^#\/\$defs\/(.+)$/.exec(n.$ref);
    n = m ? loadSchema().$defs?.[m[1]!] : undefined;
  }
  return n;
}

/** A schema node's resolution and named keys, worked out once per node (a report has thousands of objects). */
interface NodeInfo {
  schema: SchemaNode | undefined;
  named: string[];
  namedSet: ReadonlySet<string>;
}
const infos = new WeakMap<SchemaNode, NodeInfo>();
const NO_SCHEMA: NodeInfo = { schema: undefined, named: [], namedSet: new Set() };
function infoOf(node: SchemaNode | undefined): NodeInfo {
  if (!node) return NO_SCHEMA;
  let info = infos.get(node);
  if (!info) {
    const schema = resolve(node);
    const named = Object.keys(schema?.properties ?? {});
    info = { schema, named, namedSet: new Set(named) };
    infos.set(node, info);
  }
  return info;
}

/** Returns a copy of `value` whose object keys are in canonical order. */
export function canonicalise(value: unknown, node: SchemaNode | undefined = loadSchema()): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  const { schema, named: all, namedSet } = infoOf(node);
  if (Array.isArray(value)) return value.map((v) => canonicalise(v === undefined ? null : v, schema?.items));
  const withToJSON = value as { toJSON?: () => unknown };
  if (typeof withToJSON.toJSON === 'function') return canonicalise(withToJSON.toJSON(), schema);
  const obj = value as Record<string, unknown>;
  const named = all.filter((k) => Object.hasOwn(obj, k));
  const rest = Object.keys(obj)
    .filter((k) => !namedSet.has(k))
    .sort();
  const out: Record<string, unknown> = {};
  for (const k of [...named, ...rest]) {
    const v = obj[k];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    const child = schema?.properties?.[k] ?? (typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    out[k] = canonicalise(v, child);
  }
  return out;
}

/** The canonical JSON text of a report: 2-space indented, keys in schema order, final newline. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(canonicalise(report), null, 2)}\n`;
}
