/**
 * `--lang fr` on a sandbox run: the reports a person reads (console, HTML, Markdown, JUnit) carry
 * the French scenario titles, assertion descriptions, requirement summaries and identification
 * means labels of locales/fr/data; report.json stays the canonical English record.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localise } from '../../src/i18n/data.js';
import type { Report } from '../../src/model/result.js';
import { runCli } from '../helpers/cli.js';

function unescapeHtml(text: string): string {
  return text.replace(/&#39;|&#x27;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('a French report of a sandbox run', () => {
  it('shows French titles and descriptions in console, HTML, Markdown and JUnit; report.json stays English', async () => {
    const r = await runCli(['--lang', 'fr', 'run', '--as-of', '2026-01-10', '--sandbox-defects', 'mta-plaintext-mail', '--only', 'SMTP-*,IDENT-MEANS-COMPLIANT', '--format', 'json,html,md,junit', '--out', 'out']);
    expect(r.stderr).not.toMatch(/Error|at .*\.ts:/);
    const dir = join(r.cwd, 'out');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    const html = unescapeHtml(readFileSync(join(dir, 'report.html'), 'utf8'));
    const md = readFileSync(join(dir, 'summary.md'), 'utf8');
    const junit = unescapeHtml(readFileSync(join(dir, 'junit.xml'), 'utf8'));

    // report.json: English, as the data files write it.
    const starttls = report.scenarios.find((s) => s.id === 'SMTP-STARTTLS-OFFERED/submission')!;
    expect(starttls.title).toBe('STARTTLS is advertised and works (submission)');
    const failed = report.scenarios.find((s) => s.scenarioId === 'SMTP-MTA-PLAINTEXT-MAIL-REFUSED')!;
    // fail, or review while the rule it rests on is unconfirmed: either way a scenario the reports show first.
    expect(['fail', 'review']).toContain(failed.status);
    const failing = failed.assertions.find((a) => a.status !== 'pass')!;
    expect(failing.description).toMatch(/^MAIL FROM before STARTTLS is refused/);

    // The readable formats: French.
    const fr = localise('fr');
    const frTitle = `${fr.scenarioTitle(starttls.scenarioId, 'STARTTLS is advertised and works')} (${fr.variantTitle(starttls.scenarioId, 'submission', 'submission')})`;
    expect(frTitle).toBe('STARTTLS est annoncé et fonctionne (soumission)');
    const frFailedTitle = fr.scenarioTitle(failed.scenarioId, failed.title);
    const frFailing = fr.assertionDescription(failed.scenarioId, failing, failing.description);
    expect(frFailing).toMatch(/^MAIL FROM avant STARTTLS est refusé/);
    expect(frFailedTitle).not.toBe(failed.title);
    for (const [name, text] of [['report.html', html], ['summary.md', md], ['junit.xml', junit], ['console', r.stdout]] as const) {
      expect(text, name).toContain(frFailedTitle);
      expect(text, name).toContain(frFailing);
      expect(text, name).not.toContain(failed.title);
      expect(text, name).not.toContain('STARTTLS is advertised and works');
    }
    // Passing scenarios are listed everywhere but in the Markdown summary (failures only).
    for (const [name, text] of [['report.html', html], ['junit.xml', junit], ['console', r.stdout]] as const) expect(text, name).toContain(frTitle);

    // The failing assertion's requirements, as the catalogue states them, in French in the HTML.
    const detail = failing.requirementDetails?.[0];
    expect(detail).toBeDefined();
    const frSummary = fr.requirementSummary(detail!.id, detail!.summary);
    expect(frSummary).not.toBe(detail!.summary);
    expect(html).toContain(frSummary);
    expect(html).not.toContain(detail!.summary);

    // Identification means: the policy's French labels.
    const means = report.identification?.means[0];
    expect(means).toBeDefined();
    expect(html).toContain(fr.meansLabel(report.identification!.policy.id, means!.means, means!.label));
    expect(fr.meansLabel(report.identification!.policy.id, means!.means, means!.label)).not.toBe(means!.label);
  }, 60_000);
});

describe('list, explain and policy in French', () => {
  it('policy shows the French means labels and reasons; --json keeps the policy as written', async () => {
    const r = await runCli(['--lang', 'fr', 'policy', '--as-of', '2026-01-10']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("EXI 03 tel que l'énonce l'atelier de référence");
    expect(r.stdout).toContain('Identifiant et mot de passe seuls: ');
    expect(r.stdout).not.toContain('Login and password alone');
    // The policy's description, context descriptions, how each means is recognised (observedAs), rule notes, sources, and the table's own words.
    expect(r.stdout).toContain("Moyens d'identification électronique des professionnels de santé");
    expect(r.stdout).toContain("reconnu dans une exécution comme : SASL XOAUTH2 ou OAUTHBEARER accepté avec un jeton d'accès émis par l'émetteur PSC");
    expect(r.stdout).toContain('Règles datées');
    expect(r.stdout).toMatch(/MOYEN +STATUT +PROCHAIN CHANGEMENT/);
    for (const en of ['SASL XOAUTH2 or OAUTHBEARER accepted', 'Dated rules', 'NEXT CHANGE', '(no change)', 'the seed says', 'FAQ on electronic identification']) expect(r.stdout).not.toContain(en);
    const json = await runCli(['--lang', 'fr', 'policy', '--as-of', '2026-01-10', '--json']);
    expect(json.stdout).toContain('Login and password alone');
  });

  it('list shows the French instance titles', async () => {
    const r = await runCli(['--lang', 'fr', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/SMTP-STARTTLS-OFFERED\/submission +critical +STARTTLS est annoncé et fonctionne \(soumission\)/);
  });

  it('explain shows the French title, requirement summaries and assertion descriptions; --json keeps the data as written', async () => {
    const r = await runCli(['--lang', 'fr', 'explain', 'smtp-starttls-offered']);
    expect(r.stdout).toContain('SMTP-STARTTLS-OFFERED  STARTTLS est annoncé et fonctionne');
    expect(r.stdout).toContain('ECO.1.0.1 [S]  Le client envoie le courrier à son opérateur par soumission SMTP protégée par STARTTLS.');
    expect(r.stdout).toMatch(/: STARTTLS n'est plus proposé une fois TLS établi  \[extensionsAfterTls/);
    expect(r.stdout).toContain('Le point d\'accès annonce STARTTLS dans sa réponse EHLO');
    const req = await runCli(['--lang', 'fr', 'explain', 'ECO.1.0.1']);
    expect(req.stdout).toContain('Le client envoie le courrier à son opérateur');
    expect(req.stdout).toContain('STARTTLS est annoncé et fonctionne');
    const json = await runCli(['--lang', 'fr', 'explain', 'SMTP-STARTTLS-OFFERED', '--json']);
    expect((JSON.parse(json.stdout) as { scenario: { title: string } }).scenario.title).toBe('STARTTLS is advertised and works');
  });
});
