import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildProgram } from '../../src/cli/main.js';
import { helpDescriptions, helpTranslations, helpTranslationsPath } from '../../src/i18n/help.js';
import { schemaValidator } from '../../src/util/schema-validator.js';
import { runCli } from '../helpers/cli.js';

const io = { stdout: process.stdout, stderr: process.stderr, env: {}, now: () => new Date(), cwd: '.' };

describe('--help in French', () => {
  it('locales/fr/help.yaml is valid against its schema', () => {
    const validate = schemaValidator('locale-help');
    expect(validate(parse(readFileSync(helpTranslationsPath('fr'), 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('every command and option description has a French entry (add one when you add a flag)', () => {
    const fr = helpTranslations('fr');
    const missing = helpDescriptions(buildProgram(io, { value: 0 }, 'en')).filter((d) => !fr.has(d));
    expect(missing, `add to locales/fr/help.yaml:\n${missing.map((d) => `${JSON.stringify(d)}: "…"`).join('\n')}`).toEqual([]);
  });

  it('shows commands and options in French with --lang fr or LANG=fr_FR', async () => {
    const r = await runCli(['--lang', 'fr', 'validate', '--help']);
    expect(r.stdout).toContain('vérification des schémas seulement');
    expect(r.stdout).toContain("affiche l'aide de la commande");
    const main = await runCli(['--help'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(main.stdout).toContain('Suite de tests de conformité');
    expect((await runCli(['--help'])).stdout).toContain('Conformance test suite');
  });
});
