import { describe, expect, it } from 'vitest';
import { builtinTexts, checkTranslations, describeTranslationProblems, readAllDataTranslations } from '../../src/i18n/data-check.js';
import { assertionKeys, scenarioTexts } from '../../src/i18n/data-texts.js';
import { localise } from '../../src/i18n/data.js';
import { loadScenarios } from '../../src/scenarios/loader.js';
import type { ScenarioSpec } from '../../src/scenarios/types.js';
import { InputError } from '../../src/util/input-error.js';
import { YamlFile } from '../../src/util/yaml-file.js';
import { PROBES } from '../../src/probes/registry.js';
import { listDefects } from '../../src/sandbox/operator.js';
import { runCli } from '../helpers/cli.js';

describe('data translations (locales/fr/data/*.yaml)', () => {
  it('every scenario, requirement, policy and message rule text has a French entry made from its current English', () => {
    const problems = checkTranslations(builtinTexts(), readAllDataTranslations('fr'));
    expect(problems, `French data translations are incomplete:\n${describeTranslationProblems(problems, 'fr')}`).toEqual([]);
  });

  it('names each missing, stale and orphaned entry, with the YAML to add', () => {
    const spec: ScenarioSpec = {
      id: 'X-NEW',
      title: 'A new scenario',
      requirements: [],
      tags: [],
      severity: 'low',
      steps: [{ id: 's', probe: 'smtp.session', expect: [{ fact: 'a', op: 'equals', value: 1, description: 'a is 1' }] }],
    };
    const entries = {
      scenarios: {
        'X-NEW': { title: { en: 'An old title', fr: 'Un ancien titre' }, variants: { v: { en: 'IMAP', fr: 'IMAP' } } },
        'X-COPY': { title: { en: 'A title copied as it is', fr: 'A title copied as it is' } },
        'X-GONE': { title: { en: 'Gone', fr: 'Disparu' } },
      },
    };
    const copy: ScenarioSpec = { ...spec, id: 'X-COPY', title: 'A title copied as it is', steps: [] };
    const problems = checkTranslations([...scenarioTexts({ ...spec, variants: [{ id: 'v', title: 'IMAP', vars: {} }] }), ...scenarioTexts(copy)], entries);
    expect(problems.map((p) => `${p.problem} ${p.path.join('>')}`).sort()).toEqual(['missing X-NEW>assertions>s.a.equals', 'orphaned X-GONE>title', 'stale X-NEW>title', 'untranslated X-COPY>title']);
    const text = describeTranslationProblems(problems, 'fr');
    expect(text).toContain('locales/fr/data/scenarios.yaml');
    expect(text).toContain('missing X-NEW > assertions > s.a.equals: translate "a is 1"');
    expect(text).toContain('stale X-NEW > title: the English is now "A new scenario"');
    expect(text).toContain('orphaned X-GONE > title');
    expect(text).toContain('untranslated X-COPY > title');
    expect(text).toMatch(/s\.a\.equals:\n\s+en: a is 1\n\s+fr: <fr text>/);
  });

  it('the schema refuses a text without its French, and an unknown field', () => {
    const file = YamlFile.parse('fr.yaml', 'kind: scenarios\nlang: fr\nentries:\n  X-A:\n    title: { en: A }\n    tilte: { en: A, fr: B }\n', 'data translations');
    let err: unknown;
    try {
      file.validate('data-translations');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const messages = (err as InputError).problems.map((p) => `${p.field} ${p.message}`).join('\n');
    expect(messages).toContain('missing required field "fr"');
    expect(messages).toContain('unknown field "tilte"');
  });

  it('assertion keys are step.fact.op, numbered from #2 when repeated', () => {
    const spec = loadScenarios().scenarios.find((s) => s.id === 'X509-CERT-NOT-REVOKED')!;
    const keys = assertionKeys(spec).map((k) => k.key);
    expect(new Set(keys).size).toBe(keys.length);
    const twice: ScenarioSpec = { ...spec, steps: [{ id: 's', probe: 'p', expect: [{ fact: 'f', op: 'empty', description: 'one' }, { fact: 'f', op: 'empty', description: 'two' }] }] };
    expect(assertionKeys(twice).map((k) => k.key)).toEqual(['s.f.empty', 's.f.empty#2']);
  });

  it('lookups give French, and English when the entry is missing or stale', () => {
    const fr = localise('fr');
    const spec = loadScenarios().scenarios.find((s) => s.id === 'SMTP-STARTTLS-OFFERED')!;
    const title = fr.scenarioTitle(spec.id, spec.title);
    expect(title).not.toBe(spec.title);
    expect(title).toMatch(/STARTTLS est/);
    expect(fr.scenarioTitle(spec.id, 'A reworded title')).toBe('A reworded title');
    expect(fr.scenarioTitle('NO-SUCH-SCENARIO', 'Title')).toBe('Title');
    const [first] = assertionKeys(spec);
    const description = fr.assertionDescription(spec.id, { step: first!.stepId, fact: first!.assertion.fact, operator: first!.assertion.op }, first!.assertion.description);
    expect(description).not.toBe(first!.assertion.description);
    expect(localise('en').scenarioTitle(spec.id, spec.title)).toBe(spec.title);
  });

  it("a scenario's reason texts are found with their templates resolved, and the same values put into the French", () => {
    const fr = localise('fr');
    const said = 'the target profile gives no peerCertificates.expired: give a certificate of that kind issued in the hierarchy the target trusts (its IGC-Santé CA), else the refusal proves nothing';
    expect(fr.scenarioReason('TRUST-MTA-PEER-REFUSED', said)).toMatch(/^le profil de la cible ne donne pas de peerCertificates\.expired : /);
    expect(fr.scenarioReason('SMTP-DSN', 'DSN is not advertised (judged above)')).toBe("DSN n'est pas annoncé (jugé plus haut)");
    expect(fr.scenarioReason('SMTP-DSN', 'something else')).toBe('something else');
  });

  it('list --probes and sandbox --list-defects say each summary and description in French (JSON keeps the English)', async () => {
    const probes = await runCli(['--lang', 'fr', 'list', '--probes']);
    expect(probes.code).toBe(0);
    expect(probes.stdout).toContain("Session SMTP : bannière");
    for (const p of PROBES) expect(probes.stdout, p.name).not.toContain(p.summary);
    const defects = await runCli(['--lang', 'fr', 'sandbox', '--list-defects']);
    expect(defects.code).toBe(0);
    expect(defects.stdout).toContain("IMAP ne propose pas STARTTLS");
    for (const d of listDefects()) expect(defects.stdout, d.name).not.toContain(d.description);
    const json = await runCli(['--lang', 'fr', 'list', '--probes', '--json']);
    expect(JSON.parse(json.stdout).map((r: { summary: string }) => r.summary)).toEqual(PROBES.map((p) => p.summary));
  });
});

describe('protocol data texts in errors (locales/fr/data/protocol.yaml)', () => {
  it('a reply meaning and an OAuth client error meaning and fix quoted in an error are said in French; report.json keeps the English', async () => {
    const { localiseScenarioResult } = await import('../../src/i18n/localise-report.js');
    const { phrase, renderPhrase } = await import('../../src/i18n/phrase.js');
    const { replyMeanings } = await import('../../src/probes/outcomes/reply-meanings.js');
    const { clientRefusal } = await import('../../src/probes/oidc/client-errors.js');
    const verdict = replyMeanings().smtp('smtp-starttls', { code: 454, lines: ['4.7.0 TLS not available'] }, false);
    expect(verdict.meaning).toBe('TLS not available due to temporary reason: whether the server does STARTTLS is unknown');
    const inconclusive = phrase('pe-inconclusive-once', { what: 'STARTTLS', reply: '454 4.7.0 TLS not available', meaning: verdict.meaning, ref: verdict.ref });
    const refused = clientRefusal('invalid_client', 'CIBA authentication request')!;
    const base = { scenarioId: 'SMTP-STARTTLS-OFFERED', title: 'T', family: 'smtp', requirements: [], tags: [], severity: 'high', startedAt: '2026-01-01T00:00:00Z', durationMs: 1, assertions: [], evidence: [] } as const;
    const result = {
      ...base,
      id: 'SMTP-STARTTLS-OFFERED',
      status: 'error' as const,
      reason: renderPhrase(inconclusive),
      reasonPhrase: inconclusive,
      steps: [{ id: 's', probe: 'oidc.ciba', status: 'error' as const, durationMs: 1, message: refused.message, messagePhrase: refused.phrase }],
    };
    const fr = localiseScenarioResult(result as never, localise('fr'));
    expect(fr.reason).toContain('TLS indisponible pour une raison temporaire');
    expect(fr.steps[0]!.message).toContain("l'authentification du client a échoué");
    expect(fr.steps[0]!.message).toContain('vérifier oidcClient');
    expect(result.reason).toContain('TLS not available due to temporary reason');
    expect(refused.message).toContain('client authentication failed');
    // A reworded meaning (stale entry) stays English: never a French text for another English.
    expect(localise('fr').protocolText('TLS not available, reworded')).toBe('TLS not available, reworded');
  });
});
