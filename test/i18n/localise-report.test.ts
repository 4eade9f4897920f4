import { describe, expect, it } from 'vitest';
import { localise } from '../../src/i18n/data.js';
import { localiseReport } from '../../src/i18n/localise-report.js';
import type { AssertionResult, Report, ScenarioResult } from '../../src/model/result.js';

const assertion: AssertionResult = {
  description: 'MAIL FROM before STARTTLS is refused (4xx or 5xx, 530 expected)',
  step: 'session',
  fact: 'mailFromBeforeTlsCode',
  operator: 'gte',
  expected: 400,
  found: 250,
  requirements: ['ECO.1.0.1'],
  status: 'fail',
  requirementDetails: [{ id: 'ECO.1.0.1', summary: 'The client sends mail to its operator by SMTP submission protected with STARTTLS.', source: 'REF2', confidence: 'S' }],
};

function scenario(over: Partial<ScenarioResult>): ScenarioResult {
  return { id: 'X', scenarioId: 'X', title: 'X', family: 'smtp', requirements: [], tags: [], severity: 'high', status: 'pass', startedAt: '2026-01-01T00:00:00Z', durationMs: 1, steps: [], assertions: [], evidence: [], ...over };
}

const LABEL = 'Pro Santé Connect (means not distinguished)';
const CONTEXT = 'Patient access (messages exchanged with a patient, Mon espace santé side)';

function report(kind: Report['kind'], scenarios: ScenarioResult[]): Report {
  return {
    kind,
    scenarios,
    assumptions: ['SMTP-MTA-PLAINTEXT-MAIL-REFUSED: ' + "REF1 is read as requiring TLS on every operator-to-operator SMTP exchange; no REF1 text we could read says in these words that the MTA must refuse plaintext mail."],
    identification: {
      policy: { id: 'msscheck-default', version: '1.0.0', source: 'built-in' },
      asOf: '2026-01-10',
      context: 'sensitive-service',
      verdict: 'compliant',
      firstNonCompliantDate: null,
      means: [
        { means: 'psc', label: LABEL, declared: true, observed: [], status: 'allowed', reason: 'Pro Santé Connect means are allowed on sensitive services (EXI 03 lists them first)', source: 'rie-2022', confidence: 'P', compliantUntil: null, compliantFrom: null },
        { means: 'psc', label: `${LABEL} (${CONTEXT})`, context: 'patient-access', declared: false, observed: [], status: 'unknown', reason: 'a sentence of the evaluator', source: 'x', confidence: '?', compliantUntil: null, compliantFrom: null },
      ],
      timeline: { from: '2022-01-01', to: '2030-01-01', rows: [{ means: 'psc', label: LABEL, segments: [] }, { means: 'psc', label: `${LABEL} (${CONTEXT})`, segments: [] }] },
    },
  } as unknown as Report;
}

describe('localiseReport', () => {
  const fr = localise('fr');

  it('translates titles, variant titles, descriptions, the reason, requirement summaries, assumptions and means', () => {
    const r = report('run', [
      scenario({
        id: 'SMTP-MTA-PLAINTEXT-MAIL-REFUSED',
        scenarioId: 'SMTP-MTA-PLAINTEXT-MAIL-REFUSED',
        title: 'The MTA refuses MAIL FROM before STARTTLS',
        status: 'fail',
        reason: 'MAIL FROM before STARTTLS is refused (4xx or 5xx, 530 expected): expected gte 400, found 250',
        assertions: [assertion],
      }),
      scenario({ id: 'SMTP-STARTTLS-OFFERED/submission', scenarioId: 'SMTP-STARTTLS-OFFERED', variant: 'submission', title: 'STARTTLS is advertised and works (submission)' }),
    ]);
    const out = localiseReport(r, fr);
    expect(out.scenarios[0]!.title).toBe('Le MTA refuse MAIL FROM avant STARTTLS');
    expect(out.scenarios[0]!.assertions[0]!.description).toBe('MAIL FROM avant STARTTLS est refusé (4xx ou 5xx, 530 attendu)');
    expect(out.scenarios[0]!.reason).toBe('MAIL FROM avant STARTTLS est refusé (4xx ou 5xx, 530 attendu): expected gte 400, found 250');
    expect(out.scenarios[0]!.assertions[0]!.requirementDetails![0]!.summary).toMatch(/^Le client envoie le courrier à son opérateur par soumission SMTP/);
    expect(out.scenarios[1]!.title).toBe('STARTTLS est annoncé et fonctionne (soumission)');
    expect(out.assumptions[0]).toMatch(/^SMTP-MTA-PLAINTEXT-MAIL-REFUSED: Le REF1 est lu comme exigeant TLS/);
    const id = out.identification!;
    expect(id.means[0]!.label).toBe('Pro Santé Connect (moyen non précisé)');
    expect(id.means[0]!.reason).toBe('les moyens Pro Santé Connect sont autorisés sur les services sensibles (EXI 03 les cite en premier)');
    expect(id.means[1]!.label).toBe('Pro Santé Connect (moyen non précisé) (Accès patient (messages échangés avec un patient, côté Mon espace santé))');
    expect(id.means[1]!.reason).toBe('a sentence of the evaluator');
    expect(id.timeline.rows.map((row) => row.label)).toEqual([id.means[0]!.label, id.means[1]!.label]);
    // The canonical report is not touched.
    expect(r.scenarios[0]!.title).toBe('The MTA refuses MAIL FROM before STARTTLS');
    expect(r.identification!.means[0]!.label).toBe(LABEL);
  });

  it('translates message lint rule titles, keeping the file name', () => {
    const r = report('lint-message', [scenario({ id: 'MSG-ONE-PATIENT/a', scenarioId: 'MSG-ONE-PATIENT', variant: 'a', title: 'One patient per message — a.eml' })]);
    expect(localiseReport(r, fr).scenarios[0]!.title).toBe('Un seul patient par message — a.eml');
  });

  it('leaves a text whose English changed since it was translated in English, and English reports as they are', () => {
    const r = report('run', [scenario({ id: 'SMTP-MTA-PLAINTEXT-MAIL-REFUSED', scenarioId: 'SMTP-MTA-PLAINTEXT-MAIL-REFUSED', title: 'A reworded title' })]);
    expect(localiseReport(r, fr).scenarios[0]!.title).toBe('A reworded title');
    expect(localiseReport(r, localise('en'))).toBe(r);
  });
});
