/**
 * A requirement's source citation keeps its names (REF2, rule ids, RFC URLs) and says its fixed
 * words in the reader's language; English is the catalogue's own text. Every fixed wording the
 * built-in catalogue uses is covered: a citation shown in French keeps no English word of the list.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { localiseSourceCitation } from '../../src/i18n/source-citation.js';
import { loadRequirementCatalogue } from '../../src/policy/catalogue.js';
import { runCli } from '../helpers/cli.js';

const FIXED_ENGLISH = [/\brule [A-Z]+\./, /section not identified/, /\(not read\)/, /historically port/, /REM twin/, /\bonwards\b/, /implementer's notes/];

describe('requirement source citations', () => {
  it('says the fixed words in French and keeps the names', () => {
    const fr = translator('fr');
    expect(localiseSourceCitation('REF2, rule ECO.1.0.1 (historically port 587)', fr)).toBe('REF2, règle ECO.1.0.1 (historiquement port 587)');
    expect(localiseSourceCitation('REF1 v1.4 (section not identified); whitelist format in ansforge/MSS-liste-blanche', fr)).toBe(
      'REF1 v1.4 (section non identifiée); format de la liste blanche dans ansforge/MSS-liste-blanche',
    );
    expect(localiseSourceCitation('REF2, rule ECO.1.2.7 (REM twin SC.MSS/CONF.11)', fr)).toBe('REF2, règle ECO.1.2.7 (jumeau REM SC.MSS/CONF.11)');
    expect(localiseSourceCitation('https://www.rfc-editor.org/rfc/rfc8314#section-4', fr)).toBe('https://www.rfc-editor.org/rfc/rfc8314#section-4');
    expect(localiseSourceCitation('REF2, rule ECO.1.0.1', translator('en'))).toBe('REF2, rule ECO.1.0.1');
  });

  it('no citation of the built-in catalogue keeps a fixed English wording in French', () => {
    const fr = translator('fr');
    const sources = loadRequirementCatalogue().requirements.map((r) => r.source);
    expect(sources.filter((s) => /\brule [A-Z]+\./.test(s)).length).toBeGreaterThan(10);
    const left = sources.map((s) => localiseSourceCitation(s, fr)).filter((s) => FIXED_ENGLISH.some((re) => re.test(s)));
    expect(left).toEqual([]);
  });

  it('explain shows a requirement source in French', async () => {
    const r = await runCli(['--lang', 'fr', 'explain', 'ECO.1.0.1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('règle ECO.1.0.1');
    expect(r.stdout).not.toMatch(/\brule ECO/);
    expect(r.stdout).toMatch(/\[confiance [PS?]\]/);
    expect(r.stdout).toContain('Source :');
    expect(r.stdout).toContain('Vérifiée par :');
    expect(r.stdout).not.toMatch(/Verified by|Document:|Source:/);
  });
});
