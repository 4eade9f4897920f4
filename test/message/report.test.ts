import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintMessages } from '../../src/message/lint-command.js';
import { SCHEMA_DIR, schemaValidator } from '../../src/util/schema-validator.js';
import { AS_OF, FIXTURES, policyWithDerogationEnded } from './helpers.js';

describe('lintMessages report', () => {
  it('one result per rule and file, the same Report model as run, valid against the report schema', async () => {
    const files = ['ok-documents.eml', 'defect-nil-missing.eml', 'defect-xdm-broken-zip.eml'].map((f) => join(FIXTURES, f));
    const report = await lintMessages(files, { asOf: AS_OF, strict: true });
    expect(report.strict).toBe(true);
    expect(report.kind).toBe('lint-message');
    expect(report.asOf).toBe('2024-06-01T02:00:00+02:00');
    expect(report.policy.id).toBeTruthy();
    expect(report.catalogue.id).toBe('message-rules');
    const nil = report.scenarios.find((s) => s.id === `MSG-X-MSS-NIL/${files[1]}`)!;
    expect(nil.status).toBe('fail');
    expect(nil.variant).toBe(files[1]);
    expect(nil.title).toMatch(/defect-nil-missing\.eml$/);
    expect(nil.evidence[0].kind).toBe('message');
    expect(report.summary.exitCode).toBe(1);
    expect(report.assumptions.some((a) => /INS derogation/.test(a))).toBe(true);
    if (existsSync(join(SCHEMA_DIR, 'report.schema.json'))) {
      const validate = schemaValidator('report');
      const ok = validate(JSON.parse(JSON.stringify(report)));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('exit codes: 0 when conformant, 1 on a failure at or above --fail-on', async () => {
    const ok = await lintMessages([join(FIXTURES, 'ok-plain.eml'), join(FIXTURES, 'ok-patient.eml')], { asOf: AS_OF });
    expect(ok.summary.exitCode).toBe(0);
    const low = await lintMessages([join(FIXTURES, 'defect-in-reply-to-malformed.eml')], { asOf: AS_OF, failOn: 'medium', strict: true });
    expect(low.summary.byStatus.fail).toBe(1);
    expect(low.summary.exitCode).toBe(0);
  });

  it('the policy given dates MSG-INS-QUALIFIED and is recorded', async () => {
    const policy = policyWithDerogationEnded();
    const report = await lintMessages([join(FIXTURES, 'defect-ins-not-qualified.eml')], { asOf: AS_OF, policy, strict: true });
    expect(report.policy.source).toBe('test-policy.yaml');
    expect(report.scenarios.find((s) => s.scenarioId === 'MSG-INS-QUALIFIED')!.status).toBe('fail');
  });

  it('by default an S rule warns and says why; the report carries the rule (summary, source, version, confidence)', async () => {
    const file = join(FIXTURES, 'defect-nil-missing.eml');
    const report = await lintMessages([file], { asOf: AS_OF });
    expect(report.strict).toBeUndefined();
    const nil = report.scenarios.find((s) => s.id === `MSG-X-MSS-NIL/${file}`)!;
    expect(nil.status).toBe('warn');
    const a = nil.assertions.find((x) => x.status !== 'pass')!;
    expect(a).toMatchObject({ status: 'warn', confidence: 'S', downgrade: { from: 'fail', to: 'warn' } });
    expect(a.requirementDetails?.find((d) => d.id === 'ECO.2.4.3')).toMatchObject({ summary: expect.stringContaining('X-MSS-NIL'), version: expect.any(String), confidence: 'S' });
    expect(report.summary.exitCode).toBe(0);
  });
});
