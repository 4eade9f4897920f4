/**
 * One reproduction per wrong, high and medium finding of the truth audit of 2026-11-30
 * (../shared/audits/truth-audit-2026-11-30.md), run against the corrected data and code. Message
 * and policy cases also have their own tests (test/message/rules.test.ts, test/policy/policy.test.ts);
 * here each finding is named and shown fixed.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyStrength, effectiveConfidence } from '../../src/engine/verdict-strength.js';
import { runInstances } from '../../src/engine/run.js';
import { applyOperator } from '../../src/engine/operators.js';
import type { AssertionResult } from '../../src/model/result.js';
import { CORRECT, REVIEW } from '../../src/message/fixtures/generate.js';
import { lintMessageSource } from '../../src/message/lint.js';
import { loadMessageRules } from '../../src/message/rules-data.js';
import { loadRequirementCatalogue } from '../../src/policy/catalogue.js';
import { requirementCoverage, renderCoverage, scenarioRefs } from '../../src/policy/coverage.js';
import { judgeTarget, loadPolicy } from '../../src/policy/index.js';
import { statusOn } from '../../src/policy/evaluate.js';
import { loadCertProfile } from '../../src/x509/cert-profile.js';
import { runAssumptions } from '../../src/policy/run-assumptions.js';
import { pkiManifest } from '../../src/pki/fixtures.js';
import { PKI_DIR, startSandbox } from '../../src/sandbox/operator.js';
import { loadScenarios } from '../../src/scenarios/loader.js';
import type { AssertionSpec, ScenarioSpec } from '../../src/scenarios/types.js';

const catalogue = loadRequirementCatalogue();
const scenarios = loadScenarios();
const spec = (id: string): ScenarioSpec => scenarios.scenarios.find((s) => s.id === id)!;
const assertion = (id: string, fact: string): AssertionSpec => spec(id).steps.flatMap((s) => s.expect ?? []).find((a) => a.fact === fact)!;
/** What a failing assertion of scenario `id` on `fact` becomes, by default and with --strict. */
function strength(id: string, fact: string): { confidence: string; byDefault: string; strict: string } {
  const a = assertion(id, fact);
  const reqs = a.requirements ?? spec(id).requirements;
  const own = a.confidence ?? spec(id).confidence;
  const base = (): AssertionResult => ({ description: a.description, step: 's', fact, operator: a.op, expected: a.value, found: null, requirements: reqs, status: a.level === 'warn' ? 'warn' : 'fail' });
  return { confidence: effectiveConfidence(reqs, own), byDefault: applyStrength(base(), own).status, strict: applyStrength(base(), own, { strict: true }).status };
}
const asOf = new Date(`${pkiManifest().referenceAsOf}T00:00:00Z`);

describe('truth audit 2026-11-30: high findings', () => {
  it('#1 IGC-Santé only: a non-IGC certificate the target lists as an anchor fails X509-CERT-TRUSTED (IGC-Santé bundle) and X509-CERT-PROFILE (issuer)', async () => {
    const sandbox = await startSandbox({ defects: ['smtp-cert-untrusted'] });
    try {
      // The target itself trusts the non-IGC CA: the audit's case.
      sandbox.target.profile.trustAnchors = [...(sandbox.target.profile.trustAnchors ?? []), join(PKI_DIR, 'trust', 'autre-ac-test-chain.pem')];
      const selected = scenarios.instances.filter((i) => i.id === 'X509-CERT-TRUSTED/mta' || i.id === 'X509-CERT-PROFILE/mta');
      const results = await runInstances(selected, { target: sandbox.target, asOf, concurrency: 2 });
      const trusted = results.find((r) => r.scenarioId === 'X509-CERT-TRUSTED');
      const profile = results.find((r) => r.scenarioId === 'X509-CERT-PROFILE');
      expect(trusted!.assertions.map((a) => [a.step, a.status])).toEqual([['chain', 'pass'], ['igc', 'fail']]);
      expect(trusted!.status).toBe('fail');
      expect(trusted!.assertions[1]!.requirements).toContain('ECO.1.1.10');
      expect(profile!.status).toBe('fail');
      expect(profile!.assertions.find((a) => a.status === 'fail')?.description).toMatch(/issuer/);
    } finally {
      await sandbox.stop();
    }
  }, 60_000);

  it('#1 without an IGC-Santé bundle, ECO.1.1.10 is not claimed verified: the scenario is skipped, saying why', async () => {
    const sandbox = await startSandbox({ defects: [] });
    try {
      delete sandbox.target.profile.igcSanteBundle;
      const [r] = await runInstances(scenarios.instances.filter((i) => i.id === 'X509-CERT-TRUSTED/mta'), { target: sandbox.target, asOf });
      expect(r!.status).toBe('skip');
      expect(r!.reason).toMatch(/igcSanteBundle/);
    } finally {
      await sandbox.stop();
    }
  }, 60_000);

  it('#2 XOAUTH2 error format rests on one observation (S): at most a warning, a failure only with --strict', () => {
    for (const s of scenarios.scenarios.filter((x) => x.id.startsWith('AUTH-XOAUTH2-') && x.id !== 'AUTH-XOAUTH2-VALID')) {
      expect([s.id, strength(s.id, 'xoauth2ErrorFormat')]).toEqual([s.id, { confidence: 'S', byDefault: 'warn', strict: 'fail' }]);
    }
    expect(catalogue.byId.get('ANS-PSC.XOAUTH2-ERROR')?.confidence).toBe('S');
  });

  it('#3 OIDC-DISCOVERY: a provider that omits backchannel_user_code_parameter_supported (OPTIONAL, CIBA §4) passes', () => {
    const a = assertion('OIDC-DISCOVERY', 'ciba.userCodeParameterSupported');
    expect(applyOperator(a.op, null, a.value)).toBe(true);
    expect(applyOperator(a.op, 'yes', a.value)).toBe(false);
  });

  it('#4 acr: the accepted values are data (eidas1 and the higher eidas2, eidas3 of ANS samples), not equality with eidas1', () => {
    const a = assertion('OIDC-CIBA-APPROVE', 'claims.acr');
    for (const acr of ['eidas1', 'eidas2', 'eidas3']) expect([acr, applyOperator(a.op, acr, a.value)]).toEqual([acr, true]);
    expect(applyOperator(a.op, 'eidas0', a.value)).toBe(false);
    expect(catalogue.byId.get('ANS-PSC.ACR')?.summary).toMatch(/eidas3/);
  });

  it('#5 mailbox lint: a DSN, an MDN (multipart/report), an Auto-Submitted reply and an operator notice are not-applicable to client rules, with the reason', async () => {
    const plain = CORRECT.find((c) => c.name === 'ok-plain')!.build().toString('latin1');
    const variants: [string, string][] = [
      ['dsn', CORRECT.find((c) => c.name === 'ok-bounce')!.build().toString('latin1')],
      ['mdn', plain.replace(/Content-Type: multipart\/mixed;/i, 'Content-Type: multipart/report; report-type=disposition-notification;').replace(/^X-MSS-NIL:.*\r\n/m, '')],
      ['auto-reply', `Auto-Submitted: auto-replied\r\n${plain.replace(/^X-MSS-NIL:.*\r\n/m, '')}`],
      ['notice', plain.replace(/^From:.*$/m, 'From: Opérateur <no-reply@operateur.mssante.fr>').replace(/^X-MSS-NIL:.*\r\n/m, '')],
    ];
    for (const [name, text] of variants) {
      const l = await lintMessageSource(name, Buffer.from(text, 'latin1'), { asOf });
      // An MDN is judged by the MDN rules only (its structure, RFC 8098 §3); every client rule is not-applicable.
      const judged = l.results.filter((r) => r.outcome.status !== 'not-applicable').map((r) => r.rule.id);
      expect([name, judged]).toEqual([name, name === 'mdn' ? ['MSG-MDN-STRUCTURE'] : []]);
      expect([name, l.results[0]!.outcome.reason]).toEqual([name, expect.stringMatching(/^not written by the client under test: /)]);
    }
    const mdn = await lintMessageSource('ok-mdn', CORRECT.find((c) => c.name === 'ok-mdn')!.build(), { asOf });
    expect(mdn.results.filter((r) => !['pass', 'not-applicable'].includes(r.outcome.status))).toEqual([]);
  });

  it('#6 X-MSS-NIL: no invented grammar; "3734" passes; a configured format would only ask for review', async () => {
    expect(loadMessageRules().values.nilPattern).toBeUndefined();
    const l = await lintMessageSource('nil', CORRECT.find((c) => c.name === 'ok-nil-numeric')!.build(), { asOf, strength: { strict: true } });
    expect(l.results.find((r) => r.rule.id === 'MSG-X-MSS-NIL')!.outcome.status).toBe('pass');
    expect(catalogue.byId.get('ECO.2.4.3')?.confidence).toBe('S');
  });

  it('#7 X-MSS-CODECDA: neither order nor a single header line is required', async () => {
    const doc = CORRECT.find((c) => c.name === 'ok-documents')!.build().toString('latin1').replace('X-MSS-CODECDA: 11488-4,34133-9', 'X-MSS-CODECDA: 34133-9\r\nX-MSS-CODECDA: 11488-4');
    const l = await lintMessageSource('codecda', Buffer.from(doc, 'latin1'), { asOf, strength: { strict: true } });
    expect(l.results.find((r) => r.rule.id === 'MSG-X-MSS-CODECDA')!.outcome.status).toBe('pass');
  });

  it('#8 password: local connections tolerated until 2025-12-31, remote access needs two factors since 2022-06-01 (FAQ, P)', () => {
    const p = loadPolicy();
    const on = (ctx: string, day: string) => judgeTarget({ policy: p, declared: ['password'], observed: [], context: ctx, asOf: day }).verdict;
    expect(on('local-access', '2025-12-31')).toBe('compliant');
    expect(on('local-access', '2026-01-01')).toBe('non-compliant');
    expect(on('remote-access', '2022-06-01')).toBe('non-compliant');
  });

  it('#9 a TOTP declared homologated for the use (with its reference) is allowed after 2026-01-01 (EXI 03)', () => {
    const j = judgeTarget({ policy: loadPolicy(), declared: ['totp'], observed: [], context: 'sensitive-service', asOf: '2026-03-01', homologated: [{ means: 'totp', reference: 'homologation CHU-2025-17' }] });
    expect(j.verdict).toBe('compliant');
    expect(j.means[0]!.reason).toContain('CHU-2025-17');
  });

  it('#10 patient address honours the INS derogation; a Corsican INS (2A) is accepted', async () => {
    for (const name of ['ok-patient-derogation', 'ok-patient-corsica']) {
      const l = await lintMessageSource(name, CORRECT.find((c) => c.name === name)!.build(), { asOf, strength: { strict: true } });
      expect([name, l.results.filter((r) => !['pass', 'not-applicable'].includes(r.outcome.status)).map((r) => r.rule.id)]).toEqual([name, []]);
    }
  });
});

describe('truth audit 2026-11-30: medium findings and slips', () => {
  it('an MDN in error shaped as the ANS HL7v2 volet gives review on the subject rule, naming both sources', async () => {
    const l = await lintMessageSource('mdn', REVIEW[0]!.build(), { asOf });
    const r = l.results.find((x) => x.rule.id === 'MSG-XDM-SUBJECT')!;
    expect(r.outcome.status).toBe('review');
    expect(r.outcome.assertions[0]!.requirements).toEqual(['ECO.2.1.3', 'ANS-HL7V2.MDN-ERROR']);
  });

  it('an MDN in error with the ANS volet\'s 5-part shape (attachments again) gives review on MSG-MDN-STRUCTURE, naming RFC 8098 §3 and the volet; the volet\'s one-bracket KO subject is recognised', async () => {
    const l = await lintMessageSource('mdn-ko', REVIEW.find((r) => r.name === 'mdn-ko-volet-report')!.build(), { asOf, strength: { strict: true } });
    const r = l.results.find((x) => x.rule.id === 'MSG-MDN-STRUCTURE')!;
    expect(r.outcome.status).toBe('review');
    expect(r.outcome.assertions.find((a) => a.status !== 'pass')!.requirements).toEqual(['RFC8098§3', 'ANS-HL7V2.MDN-ERROR']);
    expect(loadMessageRules().re.mdnErrorSubject!.test('[KO Intégration système ! ] XDM/1.0/DDM+CR MARTIN Émilie 12/05/1969')).toBe(true);
    expect(catalogue.byId.get('ANS-HL7V2.MDN-ERROR')!.source).toMatch(/struct-msg-mdn/);
  });

  it('RFC 3207 §4 vs MSSanté: the scenario cites the MSSanté rule and says why it overrides; unconfirmed, so review', () => {
    const s = spec('SMTP-MTA-PLAINTEXT-MAIL-REFUSED');
    expect(s.requirements).toContain('REF1.OP.SERV-SSL');
    expect(s.description).toMatch(/MUST NOT require\s+STARTTLS/);
    expect(s.description).toMatch(/overrides/);
    expect(strength('SMTP-MTA-PLAINTEXT-MAIL-REFUSED', 'mailFromBeforeTls.outcome').byDefault).toBe('review');
  });

  it('ECO.1.1.5/1.1.6 are client obligations: no scenario cites them, coverage says so', () => {
    const refs = scenarioRefs(scenarios.scenarios);
    expect(refs.filter((r) => r.requirements.some((id) => ['ECO.1.1.5', 'ECO.1.1.6'].includes(id))).map((r) => r.id)).toEqual([]);
    // …nor any other client behaviour.
    const client = catalogue.requirements.filter((r) => r.verification === 'client-behaviour' || r.verification === 'not-observable').map((r) => r.id);
    expect(refs.filter((r) => r.requirements.some((id) => client.includes(id))).map((r) => r.id)).toEqual([]);
    const text = renderCoverage(requirementCoverage(catalogue, refs));
    expect(text).toMatch(/Client obligations \(checking the operator does not verify them[^\n]*\n[^\n]*ECO\.1\.1\.5[^\n]*ECO\.1\.1\.6/);
  });

  it('acr_values_supported (OPTIONAL in OIDC Discovery) is unconfirmed for PSC: review, not fail', () => {
    expect(strength('OIDC-DISCOVERY', 'acrValues').byDefault).toBe('review');
  });

  it('identification means: a forbidding policy entry fails only when primary (P), warns when S, asks review when ?', () => {
    const facts = spec('IDENT-MEANS-COMPLIANT').steps[0]!.expect!.map((a) => a.fact);
    expect(facts).toEqual(expect.arrayContaining(['forbiddenPrimary', 'forbiddenSecondary', 'forbiddenUnconfirmed']));
    expect(strength('IDENT-MEANS-COMPLIANT', 'forbiddenSecondary').byDefault).toBe('warn');
    expect(strength('IDENT-MEANS-COMPLIANT', 'forbiddenUnconfirmed').byDefault).toBe('review');
    expect(strength('IDENT-MEANS-COMPLIANT', 'forbiddenPrimary').byDefault).toBe('fail');
  });

  it('run reports list catalogue and rule assumptions and the INS derogation, not only scenario ones', () => {
    const pick = (ids: string[]) => scenarios.instances.filter((i) => ids.includes(i.scenarioId));
    const mailbox = runAssumptions(pick(['MSG-MAILBOX-CONFORMANT']), loadPolicy());
    expect(mailbox.some((a) => /INS derogation/.test(a))).toBe(true);
    expect(mailbox.some((a) => /MSG-PATIENT-SIZE/.test(a))).toBe(true);
    expect(mailbox.some((a) => /^ANS-CISIS\.INS-OID \[S\] \(catalogue\)/.test(a))).toBe(true);
    const xoauth2 = runAssumptions(pick(['AUTH-XOAUTH2-WRONG-AUDIENCE']), loadPolicy());
    expect(xoauth2.some((a) => /^ANS-PSC\.TOKEN-VALIDATION \[\?\] \(catalogue\)/.test(a))).toBe(true);
  });

  it('small slips: RFC 7628 §3.1 (not §3.2), no "schemes" field claimed for §3.2.2, OID …4.11 is the demonstration NIR, ECO.2.1.1 in §3.1.1', () => {
    expect(catalogue.byId.has('RFC7628§3.1')).toBe(true);
    expect(catalogue.byId.has('RFC7628§3.2')).toBe(false);
    expect(catalogue.byId.get('RFC7628§3.2.2')!.summary).not.toMatch(/\(status, schemes, scope\)/);
    expect(catalogue.byId.get('ANS-CISIS.INS-OID')!.summary).toMatch(/1\.2\.250\.1\.213\.1\.4\.11 \(demonstration NIR/);
    expect(loadMessageRules().ins.oids.find((o) => o.oid === '1.2.250.1.213.1.4.11')?.kind).toBe('NIR');
    expect(catalogue.byId.get('ECO.2.1.1')!.source).toMatch(/§3\.1\.1/);
  });
});

describe('truth audit 2026-11-30: low findings fixed this session', () => {
  it('AUTH-TOTP-WINDOW: RFC 6238 §5.2 RECOMMENDS (not MUST) a one-step window, so severity medium, not high', () => {
    expect(spec('AUTH-TOTP-WINDOW').severity).toBe('medium');
    expect(spec('AUTH-TOTP-WINDOW').description).toMatch(/RECOMMENDS/);
  });

  it('patients under RIE v1: FranceConnect (simple) allowed until 2025-12-31 only (its extension is RIE v2 concertation), an OTP login after 2026 an unconfirmed reading, eIDAS substantial allowed', () => {
    const p = loadPolicy();
    expect(statusOn(p, 'franceconnect', 'patient-access', '2025-12-31').status).toBe('allowed');
    expect(statusOn(p, 'franceconnect', 'patient-access', '2026-01-01')).toMatchObject({ status: 'forbidden', confidence: 'S' });
    expect(statusOn(p, 'totp', 'patient-access', '2025-12-31')).toMatchObject({ status: 'allowed', confidence: 'S' });
    expect(statusOn(p, 'totp', 'patient-access', '2026-01-01')).toMatchObject({ status: 'allowed', confidence: '?' });
    expect(statusOn(p, 'eidas-substantial', 'patient-access', '2026-01-01')).toMatchObject({ status: 'allowed', confidence: 'P' });
    expect(p.contexts.find((c) => c.id === 'sensitive-service')!.description).toMatch(/msscheck's reading/);
  });

  it('sources not overstated: the IGC Gabarits are not claimed as read, the org-client profile is ?, REF2 v1.0 only partly read, ECO.2.3.1 without "handles", ECO.2.2.4 as sourced', () => {
    expect(catalogue.byId.get('ANS-IGC.SERV-SSL')!.source).toMatch(/decoded ANS SERV SSL certificates.*not read/);
    expect(catalogue.byId.get('ANS-IGC.CPX-AUTH')!.source).toMatch(/not read/);
    expect(catalogue.byId.get('ANS-IGC.ORG-AUTH')!.confidence).toBe('?');
    expect(catalogue.byId.get('SC.MSS/CONF.27')!.confidence).toBe('S');
    expect(loadCertProfile('org-client').confidence).toBe('?');
    expect(catalogue.byId.get('ECO.2.3.1')!.summary).not.toMatch(/handles/);
    expect(catalogue.byId.get('ECO.2.2.4')!.summary).toMatch(/text\/plain or multipart\/alternative/);
    expect(catalogue.byId.get('ECO.2.2.4')!.assumption).toMatch(/weaker reading/);
    expect(catalogue.byId.get('ECO.1.1.3')!.assumption).toMatch(/not ANSSI's "recommended" list/);
    expect(catalogue.byId.get('ECO.1.1.1')!.documentVersion).toMatch(/only the version history and introduction/);
  });

  it('citations: AUTH-PASSWORD-REFUSED cites the FAQ rule in force before 2026; IMAP-STARTTLS does not cite §6.2.3 (LOGIN only) for SASL mechanisms', () => {
    expect(spec('AUTH-PASSWORD-REFUSED').requirements).toContain('ANS-FAQ.PASSWORD-REMOTE');
    expect(catalogue.byId.get('ANS-FAQ.PASSWORD-REMOTE')!.confidence).toBe('P');
    expect(assertion('IMAP-STARTTLS', 'authMechanismsBeforeTls').requirements).toEqual(['ECO.1.0.2', 'RFC8314§4']);
  });
});
