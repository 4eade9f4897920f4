import { describe, expect, it } from 'vitest';
import { localise, makeLocaliser } from '../../src/i18n/data.js';
import { localiseReport } from '../../src/i18n/localise-report.js';
import type { AssertionResult, Report, ScenarioResult } from '../../src/model/result.js';

/** In-memory translations, so that rewording the catalogue does not break this test. */
const fr = makeLocaliser('fr', {
  scenarios: {
    'SMTP-X': {
      title: { en: 'The MTA refuses X', fr: 'Le MTA refuse X' },
      assumption: { en: 'X is read as required.', fr: 'X est lu comme exigé.' },
      variants: { submission: { en: 'submission', fr: 'soumission' } },
      assertions: {
        'session.x.equals': { en: 'X is refused', fr: 'X est refusé' },
        'session.x.equals#2': { en: 'X is refused again', fr: 'X est de nouveau refusé' },
      },
    },
  },
  requirements: { 'ECO.1.0.1': { summary: { en: 'The client sends mail.', fr: 'Le client envoie le courrier.' } } },
  policy: {
    'msscheck-default': {
      contexts: { 'patient-access': { title: { en: 'Patient access (Mon espace santé side)', fr: 'Accès patient (côté Mon espace santé)' } } },
      means: { psc: { label: { en: 'Pro Santé Connect (means not distinguished)', fr: 'Pro Santé Connect (moyen non précisé)' } } },
      schedule: { 'psc-allowed': { reason: { en: 'PSC means are allowed', fr: 'les moyens PSC sont autorisés' } } },
    },
  },
  rules: { 'MSG-ONE-PATIENT': { title: { en: 'One patient per message', fr: 'Un seul patient par message' } } },
});

const assertion: AssertionResult = {
  description: 'X is refused again',
  step: 'session',
  fact: 'x',
  operator: 'equals',
  expected: 'refused',
  found: 'accepted',
  requirements: ['ECO.1.0.1'],
  status: 'fail',
  requirementDetails: [{ id: 'ECO.1.0.1', summary: 'The client sends mail.', source: 'REF2', confidence: 'S' }],
};

function scenario(over: Partial<ScenarioResult>): ScenarioResult {
  return { id: 'X', scenarioId: 'X', title: 'X', family: 'smtp', requirements: [], tags: [], severity: 'high', status: 'pass', startedAt: '2026-01-01T00:00:00Z', durationMs: 1, steps: [], assertions: [], evidence: [], ...over };
}

const LABEL = 'Pro Santé Connect (means not distinguished)';
const CONTEXT = 'Patient access (Mon espace santé side)';

function report(kind: Report['kind'], scenarios: ScenarioResult[]): Report {
  return {
    kind,
    scenarios,
    assumptions: ['SMTP-X: X is read as required.'],
    identification: {
      policy: { id: 'msscheck-default', version: '1.0.0', source: 'built-in' },
      asOf: '2026-01-10',
      context: 'sensitive-service',
      verdict: 'compliant',
      firstNonCompliantDate: null,
      means: [
        { means: 'psc', label: LABEL, declared: true, observed: [], status: 'allowed', reason: 'PSC means are allowed', source: 'rie-2022', confidence: 'P', compliantUntil: null, compliantFrom: null },
        { means: 'psc', label: `${LABEL} (${CONTEXT})`, context: 'patient-access', declared: false, observed: [], status: 'unknown', reason: 'a sentence of the evaluator', source: 'x', confidence: '?', compliantUntil: null, compliantFrom: null },
      ],
      timeline: { from: '2022-01-01', to: '2030-01-01', rows: [{ means: 'psc', label: LABEL, segments: [] }, { means: 'psc', label: `${LABEL} (${CONTEXT})`, segments: [] }] },
    },
  } as unknown as Report;
}

describe('localiseReport', () => {
  it('translates titles, variant titles, descriptions, the reason, requirement summaries, assumptions and means', () => {
    const r = report('run', [
      scenario({ id: 'SMTP-X', scenarioId: 'SMTP-X', title: 'The MTA refuses X', status: 'fail', reason: 'X is refused again: expected equals "refused", found "accepted"', assertions: [assertion] }),
      scenario({ id: 'SMTP-X/submission', scenarioId: 'SMTP-X', variant: 'submission', title: 'The MTA refuses X (submission)' }),
    ]);
    const out = localiseReport(r, fr);
    expect(out.scenarios[0]!.title).toBe('Le MTA refuse X');
    expect(out.scenarios[0]!.assertions[0]!.description).toBe('X est de nouveau refusé');
    expect(out.scenarios[0]!.reason).toBe('X est de nouveau refusé: expected equals "refused", found "accepted"');
    expect(out.scenarios[0]!.assertions[0]!.requirementDetails![0]!.summary).toBe('Le client envoie le courrier.');
    expect(out.scenarios[1]!.title).toBe('Le MTA refuse X (soumission)');
    expect(out.assumptions).toEqual(['SMTP-X: X est lu comme exigé.']);
    const id = out.identification!;
    expect(id.means[0]!.label).toBe('Pro Santé Connect (moyen non précisé)');
    expect(id.means[0]!.reason).toBe('les moyens PSC sont autorisés');
    expect(id.means[1]!.label).toBe('Pro Santé Connect (moyen non précisé) (Accès patient (côté Mon espace santé))');
    expect(id.means[1]!.reason).toBe('a sentence of the evaluator');
    expect(id.timeline.rows.map((row) => row.label)).toEqual([id.means[0]!.label, id.means[1]!.label]);
    // The canonical report is not touched.
    expect(r.scenarios[0]!.title).toBe('The MTA refuses X');
    expect(r.identification!.means[0]!.label).toBe(LABEL);
  });

  it('says the phrases of the engine in French, and falls back to the English of a phrase this catalogue does not know', () => {
    const failed = scenario({
      scenarioId: 'SMTP-X',
      status: 'fail',
      reason: 'X is refused again: expected equals "refused", found "accepted"',
      reasonPhrase: { id: 'reason-expected-found', args: { what: 'X is refused again', expected: { id: 'expectation', args: { operator: { id: 'op-equals' }, value: '"refused"' } }, found: '"accepted"' } },
      assertions: [assertion],
      steps: [{ id: 'session', probe: 'smtp.session', status: 'not-run', durationMs: 0, message: 'condition not met: x', messagePhrase: { id: 'step-condition-not-met', args: { condition: 'x' } } }],
      evidence: [{ kind: 'transcript', title: 'from another version', titlePhrase: { id: 'no-such-message-id' }, lines: [] }],
    });
    const out = localiseReport(report('run', [failed]), fr).scenarios[0]!;
    expect(out.reason).toBe('X est de nouveau refusé : attendu égal à "refused", constaté "accepted"');
    expect(out.steps[0]!.message).toBe('condition non remplie : x');
    expect(out.evidence[0]!.title).toBe('from another version');
  });

  it('translates message lint rule titles, keeping the file name', () => {
    const r = report('lint-message', [scenario({ id: 'MSG-ONE-PATIENT/a', scenarioId: 'MSG-ONE-PATIENT', variant: 'a', title: 'One patient per message — a.eml' })]);
    expect(localiseReport(r, fr).scenarios[0]!.title).toBe('Un seul patient par message — a.eml');
  });

  it('leaves a text whose English changed since it was translated in English, and English reports as they are', () => {
    const r = report('run', [scenario({ id: 'SMTP-X', scenarioId: 'SMTP-X', title: 'A reworded title', assertions: [{ ...assertion, description: 'X is refused, reworded' }] })]);
    expect(localiseReport(r, fr).scenarios[0]!.title).toBe('A reworded title');
    expect(localiseReport(r, fr).scenarios[0]!.assertions[0]!.description).toBe('X is refused, reworded');
    expect(localiseReport(r, localise('en'))).toBe(r);
  });
});
