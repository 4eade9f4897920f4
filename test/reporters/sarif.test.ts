import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { renderSarif } from '../../src/reporters/sarif.js';
import { fixtureReport } from './fixture.js';

// The OASIS SARIF 2.1.0 schema, vendored (test/fixtures/sarif/README.md): no network at test time.
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;
// ajv-draft-04 is CommonJS: its default export is the class.
type Ajv = { compile(s: object): ((data: unknown) => boolean) & { errors?: unknown } };
const Ajv4 = ajvDraft04 as unknown as new (opts: object) => Ajv;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const validate = addFormats(new Ajv4({ allErrors: true, strict: false })).compile(schema);

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: { fullyQualifiedName: string }[] }[];
  properties: { scenario: string; status: string };
}

function sarifOf(report = fixtureReport(), lang: 'en' | 'fr' = 'en') {
  const text = renderSarif(report, translator(lang));
  return { text, log: JSON.parse(text) as { version: string; runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string }; properties: Record<string, unknown> }[] } }; results: SarifResult[]; invocations: { exitCode: number; toolExecutionNotifications: { message: { text: string } }[] }[]; properties: Record<string, unknown> }[] } };
}

describe('SARIF 2.1.0', () => {
  it('is valid against the official SARIF 2.1.0 schema, in English and in French', () => {
    for (const lang of ['en', 'fr'] as const) {
      const { log } = sarifOf(fixtureReport(), lang);
      expect(validate(log), JSON.stringify(validate.errors, null, 1)).toBe(true);
      expect(log.version).toBe('2.1.0');
    }
  });

  it('the schema check can fail: a result without a message is refused', () => {
    const { log } = sarifOf();
    delete (log.runs[0]!.results[0] as Partial<SarifResult>).message;
    expect(validate(log)).toBe(false);
  });

  it('makes each failing assertion a result: its requirement as rule id, the endpoint as location', () => {
    const report = fixtureReport();
    const failing = report.scenarios.filter((s) => s.status !== 'pass').flatMap((s) => s.assertions.filter((a) => a.status === 'fail').map((a) => ({ s, a })));
    expect(failing.length).toBeGreaterThan(0);
    failing[0]!.a.requirementDetails = [{ id: failing[0]!.a.requirements[0]!, summary: 'TLS 1.0 and 1.1 are refused', source: 'REF2 §3.8.1', confidence: 'P' }];
    const { log } = sarifOf(report);
    const run = log.runs[0]!;
    const errors = run.results.filter((r) => r.level === 'error');
    expect(errors).toHaveLength(failing.length);
    for (const { s, a } of failing) {
      const r = errors.find((x) => x.properties.scenario === s.id && x.message.text.includes(a.description))!;
      expect(r.ruleId).toBe(a.requirements[0]);
      expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(r.locations[0]!.logicalLocations[0]!.fullyQualifiedName).toBe(s.id);
    }
    // TLS-VERSIONS/mta talks to the MTA of the fixture target
    const tls = errors.find((r) => r.properties.scenario === 'TLS-VERSIONS/mta')!;
    expect(tls.locations[0]!.physicalLocation.artifactLocation.uri).toBe('smtp://127.0.0.1:2525');
    const rule = run.tool.driver.rules.find((x) => x.id === failing[0]!.a.requirements[0])!;
    expect(rule.shortDescription.text).toBe('TLS 1.0 and 1.1 are refused');
    expect(rule.properties).toMatchObject({ source: 'REF2 §3.8.1', confidence: 'P' });
    // warnings and reviews are findings of lower levels; errors are notifications, not findings
    expect(run.results.some((r) => r.level === 'warning')).toBe(true);
    expect(run.invocations[0]!.toolExecutionNotifications.map((n) => n.message.text).join('\n')).toContain('IMAP-LOGIN-TLS');
    expect(run.invocations[0]!.exitCode).toBe(report.summary.exitCode);
    expect(run.properties.verdictAndGate).toBe('non-conformant; gate failed at --fail-on high');
  });

  it('names a linted message by its path as the location', () => {
    const report = fixtureReport();
    report.kind = 'lint-message';
    const s = report.scenarios.find((x) => x.status === 'fail')!;
    s.variant = 'sent/0001 smtpSubmission.eml';
    const { log } = sarifOf(report);
    expect(validate(log)).toBe(true);
    expect(log.runs[0]!.results.find((r) => r.properties.scenario === s.id)!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('sent/0001%20smtpSubmission.eml');
  });
});
