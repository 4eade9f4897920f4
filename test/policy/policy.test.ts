import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  judgeTarget,
  loadPolicy,
  parsePolicy,
  policyReport,
  policyTable,
  renderPolicyReport,
  ruleActiveOn,
  statusOn,
  type Policy,
} from '../../src/policy/index.js';
import { InputError } from '../../src/util/input-error.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const rieV2Path = fileURLToPath(new URL('../../policy/rie-v2-announced.yaml', import.meta.url));

const defaultPolicy = loadPolicy();
const rieV2 = loadPolicy(rieV2Path);
const CTX = 'sensitive-service';

function judge(policy: Policy, declared: string[], asOf: string, context = CTX) {
  return judgeTarget({ policy, declared, observed: [], context, asOf });
}

/** Every day on which the policy changes something, and the day before each. */
function boundaryDays(policy: Policy): string[] {
  const days = new Set<string>();
  for (const e of [...policy.schedule, ...policy.rules]) {
    for (const d of [e.from, e.to && addDays(e.to, 1)]) if (d) [d, addDays(d, -1)].forEach((x) => days.add(x));
  }
  return [...days].sort();
}

describe('the default policy (EXI 03 on 2026-01-01)', () => {
  it('loads as the built-in policy with its id and version', () => {
    expect(defaultPolicy.versioned).toEqual({ id: 'msscheck-default', version: '1.0.0', source: 'built-in' });
    expect(defaultPolicy.means.map((m) => m.id)).toEqual(
      expect.arrayContaining(['psc', 'psc-ecps', 'psc-cps', 'cpx-card', 'org-certificate', 'totp', 'sms-otp', 'email-otp', 'password', 'eidas-substantial', 'eidas-high', 'homologated']),
    );
  });

  it('a target declaring TOTP is compliant on 2025-12-31 and not on 2026-01-01', () => {
    const before = judge(defaultPolicy, ['totp'], '2025-12-31');
    expect(before.verdict).toBe('compliant');
    expect(before.means[0]).toMatchObject({ status: 'tolerated', compliantUntil: '2025-12-31', confidence: 'P' });
    const after = judge(defaultPolicy, ['totp'], '2026-01-01');
    expect(after.verdict).toBe('non-compliant');
    expect(after.means[0]).toMatchObject({ status: 'forbidden', compliantUntil: '2025-12-31' });
    expect(after.firstNonCompliantDate).toBe('2026-01-01');
  });

  it('SMS OTP follows the same boundary; e-mail OTP too, with confidence S', () => {
    expect(statusOn(defaultPolicy, 'sms-otp', CTX, '2025-12-31').status).toBe('tolerated');
    expect(statusOn(defaultPolicy, 'sms-otp', CTX, '2026-01-01').status).toBe('forbidden');
    const email = statusOn(defaultPolicy, 'email-otp', CTX, '2025-12-31');
    expect(email).toMatchObject({ status: 'tolerated', confidence: 'S' });
    expect(statusOn(defaultPolicy, 'email-otp', CTX, '2026-01-01').status).toBe('forbidden');
  });

  it('password-only access is tolerated on 2022-05-31 and never compliant from 2022-06-01, remotely, for patients and on a service reached remotely', () => {
    for (const context of ['sensitive-service', 'remote-access', 'patient-access']) {
      expect(judge(defaultPolicy, ['password'], '2022-05-31', context).verdict).toBe('compliant');
      const days = ['2022-06-01', ...boundaryDays(defaultPolicy).filter((d) => d >= '2022-06-01'), '2040-01-01'];
      for (const day of days) {
        const j = judge(defaultPolicy, ['password'], day, context);
        expect(j.verdict, `${context} ${day}`).toBe('non-compliant');
        expect(j.firstNonCompliantDate).toBe('2022-06-01');
      }
    }
    const row = judge(defaultPolicy, ['password'], '2026-01-01').timeline.rows[0];
    expect(row.segments.filter((s) => s.to === null || s.to > '2022-06-01').every((s) => s.from < '2022-06-01' || s.status === 'forbidden')).toBe(true);
    expect(row.segments.at(-1)).toMatchObject({ from: '2026-01-01', to: null, status: 'forbidden', ruleId: 'password-exi03' });
    // The FAQ's remote rule is primary; reading a mailbox's endpoints as remote access is secondary.
    expect(statusOn(defaultPolicy, 'password', 'remote-access', '2023-01-01')).toMatchObject({ status: 'forbidden', confidence: 'P' });
    expect(statusOn(defaultPolicy, 'password', 'sensitive-service', '2023-01-01')).toMatchObject({ status: 'forbidden', confidence: 'S' });
  });

  it('truth audit: a password alone is tolerated for local connections until 2025-12-31 (esante FAQ), never compliant from 2026-01-01', () => {
    expect(statusOn(defaultPolicy, 'password', 'local-access', '2025-12-31')).toMatchObject({ status: 'tolerated', confidence: 'P', source: { id: 'esante-faq' } });
    expect(statusOn(defaultPolicy, 'password', 'local-access', '2026-01-01')).toMatchObject({ status: 'forbidden', confidence: 'P' });
    expect(judge(defaultPolicy, ['password'], '2024-01-01', 'local-access').verdict).toBe('compliant');
  });

  it('truth audit: a TOTP the target declares homologated for the use (EXI 03) is allowed after 2026-01-01, naming the reference', () => {
    const plain = judgeTarget({ policy: defaultPolicy, declared: ['totp'], observed: [], context: CTX, asOf: '2026-02-01' });
    expect(plain.verdict).toBe('non-compliant');
    const homologated = judgeTarget({ policy: defaultPolicy, declared: ['totp'], observed: [], context: CTX, asOf: '2026-02-01', homologated: [{ means: 'totp', reference: 'HOMOL-2025-042' }] });
    expect(homologated.verdict).toBe('compliant');
    expect(homologated.means[0]).toMatchObject({ status: 'allowed', confidence: 'P' });
    expect(homologated.means[0].reason).toContain('HOMOL-2025-042');
    expect(homologated.means[0].label).toContain('homologated');
    // Homologated for another use only: no effect here.
    const elsewhere = judgeTarget({ policy: defaultPolicy, declared: ['totp'], observed: [], context: CTX, asOf: '2026-02-01', homologated: [{ means: 'totp', context: 'patient-access', reference: 'X-1' }] });
    expect(elsewhere.verdict).toBe('non-compliant');
  });

  it('PSC means are compliant on every boundary day and the day before it, and never stop', () => {
    for (const means of ['psc', 'psc-ecps', 'psc-cps']) {
      for (const day of ['2000-01-01', ...boundaryDays(defaultPolicy), '2040-12-31']) {
        expect(statusOn(defaultPolicy, means, CTX, day).status, `${means} ${day}`).toBe('allowed');
      }
      const j = judge(defaultPolicy, [means], '2026-01-01');
      expect(j).toMatchObject({ verdict: 'compliant', firstNonCompliantDate: null });
      expect(j.means[0]).toMatchObject({ compliantUntil: null, compliantFrom: null });
      expect(j.timeline.rows[0].segments).toEqual([{ from: j.timeline.from, to: null, status: 'allowed', ruleId: 'psc-allowed' }]);
    }
  });

  it('a target with PSC and TOTP learns on 2025-06-01 that it stops being compliant on 2026-01-01', () => {
    const j = judgeTarget({
      policy: defaultPolicy,
      declared: ['psc'],
      observed: [{ means: 'totp', endpoint: 'otpWeb', detail: 'RFC 6238 code accepted' }],
      context: CTX,
      asOf: '2025-06-01',
    });
    expect(j.verdict).toBe('compliant');
    expect(j.firstNonCompliantDate).toBe('2026-01-01');
    const totp = j.means.find((m) => m.means === 'totp')!;
    expect(totp).toMatchObject({ declared: false, compliantUntil: '2025-12-31' });
    expect(totp.observed).toHaveLength(1);
    expect(j.timeline.from <= '2022-06-01' && j.timeline.to >= '2026-01-01').toBe(true);
    expect(j.policy).toEqual(defaultPolicy.versioned);
  });

  it('the as-of date may be a Date (its calendar day in Europe/Paris: the deadlines are French dates)', () => {
    expect(judgeTarget({ policy: defaultPolicy, declared: ['totp'], observed: [], context: CTX, asOf: new Date('2026-01-01T00:30:00Z') }).verdict).toBe('non-compliant');
    // 23:30 UTC on 31 December is already 1 January in Paris
    const j = judgeTarget({ policy: defaultPolicy, declared: ['totp'], observed: [], context: CTX, asOf: new Date('2025-12-31T23:30:00Z') });
    expect(j.asOf).toBe('2026-01-01');
    expect(j.verdict).toBe('non-compliant');
  });

  it('a means the policy does not rule on cannot be shown compliant; no means is no-means', () => {
    const j = judge(defaultPolicy, ['psc', 'carrier-pigeon'], '2025-01-01');
    expect(j.verdict).toBe('non-compliant');
    expect(j.means[1]).toMatchObject({ status: 'unknown', confidence: '?' });
    expect(judge(defaultPolicy, [], '2025-01-01').verdict).toBe('no-means');
  });

  it('the INS derogation is open-ended by default and ends where a policy says', () => {
    for (const day of ['2023-12-31', '2024-01-01', '2099-12-31']) expect(ruleActiveOn(defaultPolicy, 'ins-derogation', day)).toBe(true);
    const ended = loadPolicy(fixture('base-policy.yaml'));
    expect(ruleActiveOn(ended, 'ins-derogation', '2025-06-30')).toBe(true);
    expect(ruleActiveOn(ended, 'ins-derogation', '2025-07-01')).toBe(false);
    expect(ruleActiveOn(ended, 'no-such-rule', '2025-07-01')).toBeUndefined();
  });

  it('an unknown context or a malformed as-of date is an InputError', () => {
    expect(() => judge(defaultPolicy, ['psc'], '2025-01-01', 'sensitive')).toThrow(/unknown context "sensitive"/);
    expect(() => judge(defaultPolicy, ['psc'], '2025-02-30')).toThrow(InputError);
    expect(() => policyTable(defaultPolicy, '2025-01-01', 'nope')).toThrow(InputError);
  });
});

describe('the announced RIE v2 policy', () => {
  it('gives the postponed dates (2026-12-31 review, 2028-12-31 full compliance)', () => {
    expect(rieV2.versioned).toMatchObject({ id: 'rie-v2-announced', source: rieV2Path });
    expect(statusOn(rieV2, 'totp', CTX, '2026-01-01').status).toBe('tolerated');
    expect(statusOn(rieV2, 'totp', CTX, '2026-12-31').entry?.id).toBe('alternative-2fa-until-review');
    expect(statusOn(rieV2, 'totp', CTX, '2027-01-01').entry?.id).toBe('alternative-2fa-until-full-compliance');
    expect(statusOn(rieV2, 'totp', CTX, '2028-12-31')).toMatchObject({ status: 'tolerated', confidence: 'S' });
    expect(statusOn(rieV2, 'totp', CTX, '2029-01-01').status).toBe('forbidden');
    const j = judge(rieV2, ['totp', 'psc'], '2026-01-01');
    expect(j).toMatchObject({ verdict: 'compliant', firstNonCompliantDate: '2029-01-01' });
    expect(j.means[0].compliantUntil).toBe('2028-12-31');
  });

  it('keeps FranceConnect for patients until 2028-12-31, and password forbidden from 2022-06-01', () => {
    expect(statusOn(rieV2, 'franceconnect', 'patient-access', '2028-12-31').status).toBe('allowed');
    expect(statusOn(rieV2, 'franceconnect', 'patient-access', '2029-01-01').status).toBe('forbidden');
    expect(statusOn(rieV2, 'password', CTX, '2022-05-31').status).toBe('tolerated');
    expect(statusOn(rieV2, 'password', CTX, '2022-06-01').status).toBe('forbidden');
  });
});

describe('msscheck policy table', () => {
  it('lists each means with its status, source and next change', () => {
    const rows = policyTable(defaultPolicy, '2025-12-31', CTX);
    const totp = rows.find((r) => r.means === 'totp')!;
    expect(totp).toMatchObject({ status: 'tolerated', source: 'seed-atelier-2', confidence: 'P', nextChange: { date: '2026-01-01', status: 'forbidden' } });
    expect(rows.find((r) => r.means === 'psc')).toMatchObject({ status: 'allowed', nextChange: null });
    expect(rows.every((r) => r.context === CTX)).toBe(true);
    expect(policyTable(defaultPolicy, '2026-01-01', CTX).find((r) => r.means === 'totp')).toMatchObject({ status: 'forbidden', since: '2026-01-01' });
  });

  it('renders text and JSON with the dated rules', () => {
    const report = policyReport(defaultPolicy, '2026-01-01');
    expect(report.rules.find((r) => r.id === 'exi-03')?.active).toBe(true);
    expect(policyReport(defaultPolicy, '2025-12-31').rules.find((r) => r.id === 'exi-03')?.active).toBe(false);
    expect(new Set(report.rows.map((r) => r.context))).toEqual(new Set(['sensitive-service', 'remote-access', 'local-access', 'patient-access']));
    const text = renderPolicyReport(report);
    expect(text).toMatch(/^Policy msscheck-default 1\.0\.0 \(built-in\)/);
    expect(text).toMatch(/totp\s+FORBIDDEN/);
    expect(text).toMatch(/IN FORCE\s+ins-derogation/);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('malformed policies are InputErrors naming the file and the line', () => {
  const lineOf = (name: string, marker: string): number => readFileSync(fixture(name), 'utf8').split('\n').findIndex((l) => l.includes(marker)) + 1;
  const problemsOf = (name: string) => {
    try {
      loadPolicy(fixture(name));
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      return (err as InputError).problems;
    }
    throw new Error(`${name} was accepted`);
  };

  it('the base fixture itself is valid', () => {
    expect(loadPolicy(fixture('base-policy.yaml')).schedule).toHaveLength(3);
  });

  it('a typo’d field', () => {
    const problems = problemsOf('typo-field.yaml');
    const typo = problems.find((p) => p.message.includes('unknown field "reson"'))!;
    expect(typo).toMatchObject({ file: fixture('typo-field.yaml'), line: lineOf('typo-field.yaml', 'reson:'), field: '/schedule/1/reson' });
  });

  it('an overlapping range', () => {
    const [p] = problemsOf('overlapping-range.yaml');
    expect(p.file).toBe(fixture('overlapping-range.yaml'));
    expect(p.line).toBe(lineOf('overlapping-range.yaml', 'from: 2025-12-01'));
    expect(p.message).toMatch(/overlaps .*"totp-tolerated" \(line 14\) for means totp in context sensitive-service/);
  });

  it('an inverted range', () => {
    const problems = problemsOf('inverted-range.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: fixture('inverted-range.yaml'), line: lineOf('inverted-range.yaml', 'to: 2025-12-31'), field: '/schedule/0/to' });
    expect(problems[0].message).toMatch(/inverted date range: from 2026-03-01 is after to 2025-12-31/);
  });

  it('an unknown means', () => {
    const [p] = problemsOf('unknown-means.yaml');
    expect(p).toMatchObject({ file: fixture('unknown-means.yaml'), line: lineOf('unknown-means.yaml', 'psc-ecsp'), message: 'unknown means "psc-ecsp"' });
    expect(p.fix).toMatch(/totp, psc/);
  });

  it('an unknown source id', () => {
    const [p] = problemsOf('unknown-source.yaml');
    expect(p).toMatchObject({ line: lineOf('unknown-source.yaml', 'source: src-b'), message: 'unknown source "src-b"' });
  });

  it('a YAML syntax error (the line comes from the parser)', () => {
    expect(() => parsePolicy('syntax.yaml', 'policyVersion: 1\nid: x\nid: y\n')).toThrow(/^syntax\.yaml:3:1: policy is not valid YAML: Map keys must be unique/);
  });

  it('a duplicate id and a date that does not exist', () => {
    const text = readFileSync(fixture('base-policy.yaml'), 'utf8');
    const dup = lineOf('base-policy.yaml', 'id: psc-allowed');
    const first = lineOf('base-policy.yaml', 'id: totp-tolerated');
    expect(() => parsePolicy('dup.yaml', text.replace('id: psc-allowed', 'id: totp-tolerated'))).toThrow(
      new RegExp(`dup\\.yaml:${dup}:\\d+: .*duplicate schedule entry id "totp-tolerated" \\(first used at line ${first}\\)`),
    );
    const to = lineOf('base-policy.yaml', 'to: 2025-12-31');
    expect(() => parsePolicy('date.yaml', text.replace('2025-12-31', '2025-02-30'))).toThrow(new RegExp(`date\\.yaml:${to}:\\d+: field /schedule/0/to: must match format "date"`));
  });
});
