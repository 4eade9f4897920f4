import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_DIR, schemaValidator } from '../../src/util/schema-validator.js';
import { renderJson } from '../../src/reporters/json.js';
import { fixtureReport } from './fixture.js';

const validate = schemaValidator('report');

function reversedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversedKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversedKeys(x)]));
  return v;
}

describe('canonical JSON report', { timeout: 10_000 }, () => {
  it('validates against schemas/report.schema.json', () => {
    const parsed = JSON.parse(renderJson(fixtureReport())) as unknown;
    const ok = validate(parsed);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('has the versioned $id and the report version the model declares', () => {
    const schema = JSON.parse(readFileSync(`${SCHEMA_DIR}report.schema.json`, 'utf8')) as { $id: string };
    expect(schema.$id).toBe('https://msscheck.dev/schemas/report/1.json');
    expect(fixtureReport().schema).toBe(schema.$id);
  });

  it('rejects a report the schema does not allow', () => {
    const bad = JSON.parse(renderJson(fixtureReport())) as { scenarios: { status: string }[]; summary: { exitCode: number } };
    bad.scenarios[0]!.status = 'passed';
    expect(validate(bad)).toBe(false);
    const bad2 = JSON.parse(renderJson(fixtureReport())) as Record<string, unknown>;
    delete bad2.asOf;
    expect(validate(bad2)).toBe(false);
    const bad3 = JSON.parse(renderJson(fixtureReport())) as { scenarios: { evidence: { kind: string; data?: unknown }[] }[] };
    const chain = bad3.scenarios[2]!.evidence[0]!;
    expect(chain.kind).toBe('certificate-chain');
    chain.data = { endpoint: 'x' }; // no certificates
    expect(validate(bad3)).toBe(false);
  });

  it('is stable: the same report with keys in another order gives the same bytes, in schema order', () => {
    const a = renderJson(fixtureReport());
    const b = renderJson(reversedKeys(fixtureReport()) as ReturnType<typeof fixtureReport>);
    expect(b).toBe(a);
    const keys = Object.keys(JSON.parse(a) as object);
    expect(keys.slice(0, 3)).toEqual(['schema', 'reportVersion', 'kind']);
    expect(keys.at(-1)).toBe('assumptions');
    expect(a.endsWith('}\n')).toBe(true);
    expect(a).toContain('\n  "tool": {\n    "name": "msscheck"');
  });

  it('drops undefined members and keeps everything else', () => {
    const r = fixtureReport();
    r.scenarios[0]!.reason = undefined;
    const parsed = JSON.parse(renderJson(r)) as { scenarios: Record<string, unknown>[] };
    expect('reason' in parsed.scenarios[0]!).toBe(false);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(r)));
  });
});
