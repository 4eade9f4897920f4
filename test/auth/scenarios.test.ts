import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IMAP_DEFECTS } from '../../src/sandbox/imap/defects.js';
import { OTP_WEB_DEFECTS } from '../../src/sandbox/otp-web/component.js';
import { catalogueInstances, runOnSandbox, statusById } from './helpers.js';

const files = [...readdirSync('scenarios/auth').map((f) => `auth/${f}`), ...readdirSync('scenarios/imap').map((f) => `imap/${f}`)].sort();
const needsToken = (f: string): boolean => /AUTH-(XOAUTH2|OAUTHBEARER)/.test(f);
const withoutTokens = catalogueInstances(files.filter((f) => !needsToken(f)));
const tokenInstances = catalogueInstances(files.filter(needsToken));

/** What the clean sandbox must give: pass, except what the sandbox cannot show. */
const CLEAN_EXCEPTIONS: Record<string, string[]> = {
  'AUTH-OTP-OUT-OF-BAND': ['skip'], // no SMS/e-mail code source in CI
  'AUTH-OAUTHBEARER/submission': ['pass', 'warn'], // optional: the submission endpoint (SMTP work) may not offer it
};

describe('auth and IMAP scenarios on the sandbox', () => {
  it('pass on the clean sandbox, and no output holds a password, TOTP seed, private key or token', async () => {
    const { results, workDirSecrets, redactor } = await runOnSandbox([...withoutTokens, ...tokenInstances]);
    const statuses = statusById(results);
    for (const r of results) expect(CLEAN_EXCEPTIONS[r.id] ?? ['pass'], `${r.id}: ${r.reason ?? ''}`).toContain(statuses[r.id]);

    // Accepted methods are recorded for the deadline policy.
    const observed = new Set(results.flatMap((r) => r.observedMethods ?? []).map((m) => m.means));
    expect([...observed].sort()).toEqual(expect.arrayContaining(['cpx-card', 'org-certificate', 'psc', 'totp']));
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

  const defects = [...IMAP_DEFECTS, ...OTP_WEB_DEFECTS];
  for (const defect of defects) {
    it(`defect ${defect.name} fails exactly ${defect.fails.join(', ') || 'nothing'}`, async () => {
      const instances = defect.fails.some((id) => needsToken(id)) || defect.name === 'imap-no-oauthbearer' ? tokenInstances : withoutTokens;
      const run = new Set(instances.map((i) => i.id));
      for (const id of defect.fails) expect(run.has(id), `${id} is a catalogue instance`).toBe(true);
      const { results } = await runOnSandbox(instances, [defect.name]);
      const failing = results.filter((r) => r.status === 'fail').map((r) => r.id).sort();
      expect(failing).toEqual([...defect.fails].sort());
      if (defect.name === 'imap-no-oauthbearer') expect(statusById(results)['AUTH-OAUTHBEARER/imap']).toBe('warn');
    }, 90_000);
  }
});
