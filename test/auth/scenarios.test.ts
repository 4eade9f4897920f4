import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IMAP_DEFECTS } from '../../src/sandbox/imap/defects.js';
import { OTP_WEB_DEFECTS } from '../../src/sandbox/otp-web/component.js';
import { SMTP_DEFECTS } from '../../src/sandbox/smtp/defects.js';
import { SUBMISSION_EXTERNAL_DEFECTS } from '../../src/sandbox/smtp/external.js';
import type { DefectSpec } from '../../src/sandbox/types.js';
import type { ScenarioInstance } from '../../src/scenarios/types.js';
import { catalogueInstances, runOnSandbox, statusById } from './helpers.js';

const files = [...readdirSync('scenarios/auth').map((f) => `auth/${f}`), ...readdirSync('scenarios/imap').map((f) => `imap/${f}`)].sort();
const needsToken = (f: string): boolean => /AUTH-(XOAUTH2|OAUTHBEARER)/.test(f);
const withoutTokens = catalogueInstances(files.filter((f) => !needsToken(f)));
const tokenInstances = catalogueInstances(files.filter(needsToken));
/** SMTP-NO-AUTH-BEFORE-TLS (SMTP work): the scenario `mta-auth-before-tls` fails. */
const smtpAuthBeforeTls = catalogueInstances(['smtp/SMTP-NO-AUTH-BEFORE-TLS.yaml']);
/** IDENT-MEANS-COMPLIANT (policy work, final phase): an accepted password makes it fail. */
const identification = catalogueInstances(['identification/IDENT-MEANS-COMPLIANT.yaml']);

/** What the clean sandbox must give: pass, except what the sandbox cannot show (nothing today). */
const CLEAN_EXCEPTIONS: Record<string, string[]> = {};

/** The SMTP component's defects that concern authentication. */
const SMTP_AUTH_DEFECTS = [
  'mta-auth-before-tls',
  'submission-password-login',
  'submission-oauthbearer-unadvertised',
  'submission-external-refuses-valid',
  'submission-external-accepts-non-igc',
  'submission-external-accepts-expired',
  'submission-external-accepts-revoked',
];

/** The instances a defect's run needs: those it fails, and their neighbours that must not fail. */
function instancesFor(defect: DefectSpec): ScenarioInstance[] {
  // Without STARTTLS every IMAP authentication scenario must be skip, not error: run them all.
  if (defect.name === 'imap-no-starttls') return [...withoutTokens, ...tokenInstances];
  // A defect whose instances now only warn or review (S and ? rules) still needs their tokens.
  const judged = [...defect.fails, ...(defect.warns ?? []), ...(defect.reviews ?? [])];
  const base = judged.some((id) => needsToken(id)) || defect.name === 'imap-no-oauthbearer' ? tokenInstances : withoutTokens;
  return [
    ...base,
    ...(defect.fails.some((id) => id.startsWith('SMTP-')) ? smtpAuthBeforeTls : []),
    ...(defect.fails.includes('IDENT-MEANS-COMPLIANT') ? identification : []),
  ];
}

describe('auth and IMAP scenarios on the sandbox', () => {
  it('pass on the clean sandbox, and no output holds a password, TOTP seed, private key or token', async () => {
    const { results, workDirSecrets, redactor } = await runOnSandbox([...withoutTokens, ...tokenInstances]);
    const statuses = statusById(results);
    for (const r of results) expect(CLEAN_EXCEPTIONS[r.id] ?? ['pass'], `${r.id}: ${r.reason ?? ''}`).toContain(statuses[r.id]);

    // Accepted methods are recorded for the deadline policy.
    const observed = new Set(results.flatMap((r) => r.observedMethods ?? []).map((m) => m.means));
    expect([...observed].sort()).toEqual(expect.arrayContaining(['cpx-card', 'org-certificate', 'psc', 'totp', 'sms-otp']));
    expect(observed.has('password')).toBe(false);

    // Redaction: every secret the run used is absent from the results (evidence, assertions, messages).
    const out = JSON.stringify(results);
    expect(workDirSecrets.length).toBeGreaterThanOrEqual(4);
    for (const secret of workDirSecrets) {
      for (const piece of secret.split('\n').filter((l) => l.length >= 16 && !/^-----/.test(l))) expect(out).not.toContain(piece);
    }
    expect(out).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/); // no JWT
    expect(out).not.toMatch(/PRIVATE KEY-----\\n[A-Za-z0-9+/]/);
    // Positive control: the SASL lines were there, and redacted.
    expect(out).toMatch(/C: A\d+ AUTHENTICATE XOAUTH2 \[REDACTED\]/);
    expect(redactor.redactions).toBeGreaterThan(0);
  }, 90_000);

  // IMAP defects of the TLS layer (certificate, ciphers) fail TLS-/X509- scenarios: test/sandbox/defects.test.ts covers them.
  const authOnly = (d: DefectSpec) => d.fails.every((id) => /^(AUTH-|IMAP-|IDENT-)/.test(id));
  const defects = [...IMAP_DEFECTS.filter(authOnly), ...OTP_WEB_DEFECTS, ...[...SMTP_DEFECTS, ...SUBMISSION_EXTERNAL_DEFECTS].filter((d) => SMTP_AUTH_DEFECTS.includes(d.name))];
  it('covers the SMTP authentication defects by name', () => {
    expect(defects.map((d) => d.name)).toEqual(expect.arrayContaining(SMTP_AUTH_DEFECTS));
  });
  for (const defect of defects) {
    it(`defect ${defect.name} fails exactly ${defect.fails.join(', ') || 'nothing'}, and nothing errors`, async () => {
      const instances = instancesFor(defect);
      const run = new Set(instances.map((i) => i.id));
      for (const id of defect.fails) expect(run.has(id), `${id} is a catalogue instance`).toBe(true);
      const { results } = await runOnSandbox(instances, [defect.name]);
      const failing = results.filter((r) => r.status === 'fail').map((r) => r.id).sort();
      expect(failing).toEqual([...defect.fails].sort());
      // negatives whose positive control the defect breaks are unverifiable (error or skip), never pass
      const unverifiable = defect.unverifiable ?? [];
      expect(results.filter((r) => unverifiable.includes(r.id) && r.status !== 'error' && r.status !== 'skip').map((r) => `${r.id}: ${r.status}`)).toEqual([]);
      expect(results.filter((r) => r.status === 'error' && !unverifiable.includes(r.id)).map((r) => `${r.id}: ${r.reason ?? ''}`)).toEqual([]);
      const statuses = statusById(results);
      // The defect's own data says which instances warn or ask for review (their rules are S or ?).
      // (test/sandbox/defects.test.ts checks them over the whole catalogue; here, those this selection ran).
      for (const id of (defect.warns ?? []).filter((i) => i in statuses)) expect(`${id}: ${statuses[id]}`).toBe(`${id}: warn`);
      for (const id of (defect.reviews ?? []).filter((i) => i in statuses)) expect(`${id}: ${statuses[id]}`).toBe(`${id}: review`);
      if (defect.name === 'imap-no-oauthbearer') expect(statuses['AUTH-OAUTHBEARER/imap']).toBe('review');
      if (defect.name === 'imap-no-starttls') {
        // A missing STARTTLS is a missing precondition for authentication: skip, and IMAP-STARTTLS alone fails.
        const imapAuth = results.filter((r) => r.id.startsWith('AUTH-') && /\/imap/.test(r.id));
        expect(imapAuth.length).toBeGreaterThan(10);
        for (const r of imapAuth) expect(`${r.id}: ${r.status}`).toBe(`${r.id}: skip`);
        expect(imapAuth[0]!.reason).toMatch(/STARTTLS refused/);
      }
      // The other endpoint's twin of a one-endpoint defect still passes.
      if (defect.name === 'submission-oauthbearer-unadvertised') expect(statuses['AUTH-OAUTHBEARER/imap']).toBe('pass');
      if (defect.name === 'imap-oauthbearer-unadvertised') expect(statuses['AUTH-OAUTHBEARER/submission']).toBe('pass');
      if (defect.name === 'submission-password-login') expect(statuses['AUTH-PASSWORD-REFUSED/imap-plain']).toBe('pass');
      if (defect.name === 'submission-external-refuses-valid') expect(statuses['AUTH-EXTERNAL-ORG/imap-pem']).toBe('pass');
      if (defect.name === 'imap-external-accepts-revoked') expect(statuses['AUTH-EXTERNAL-REFUSED/submission-revoked']).toBe('pass');
    }, 90_000);
  }

  it('AUTH-OTP-OUT-OF-BAND is skip when the mailbox has no otpCodeSource, and passes with the sandbox\'s', async () => {
    const oob = catalogueInstances(['auth/AUTH-OTP-OUT-OF-BAND.yaml']);
    const without = await runOnSandbox(oob, [], (profile) => {
      for (const m of profile.mailboxes ?? []) delete m.otpCodeSource;
    });
    expect(without.results.map((r) => r.status)).toEqual(['skip']);
    const withSource = await runOnSandbox(oob);
    expect(withSource.results.map((r) => `${r.status} ${r.reason ?? ''}`.trim())).toEqual(['pass']);
    expect(withSource.results[0]!.observedMethods?.map((m) => m.means)).toEqual(['sms-otp']);
  }, 60_000);
});
