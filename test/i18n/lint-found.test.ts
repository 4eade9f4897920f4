/**
 * Values message lint found that are msscheck's own words (why a ZIP/XDM archive could not be read,
 * which file of it is not well-formed XML) are recorded with their phrase (`foundPhrase`): the
 * formats a person reads say them in French; report.json keeps the English `found`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** The message facts shown as JSON evidence keep their English (evidence data): their lines (a JSON key or string on its own line) are left out. */
const withoutJsonEvidence = (s: string): string => s.split('\n').filter((l) => !/^\s*"/.test(l)).join('\n');
const unescape = (s: string): string => s.replace(/&#39;|&#x27;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('message lint: found values in the reader language', () => {
  it('a broken ZIP and a CDA that is not well-formed XML: French in HTML, Markdown, JUnit and console; English in report.json', async () => {
    const dir = join(process.cwd(), 'fixtures/messages');
    const files = ['defect-xdm-broken-zip.eml', 'defect-xdm-invalid-xml.eml'].map((f) => join(dir, f));
    const r = await runCli(['--lang', 'fr', 'lint-message', '--as-of', '2026-01-10', '--format', 'json,html,md,junit', '--out', 'out', ...files]);
    const out = join(r.cwd, 'out');
    const json = readFileSync(join(out, 'report.json'), 'utf8');
    expect(json).toMatch(/not a ZIP archive \((?:too short|no end of central directory)\)/);
    expect(json).toContain('not well-formed XML: end tag </titel> does not close <title> (line 8) (line 8)');
    expect(json).toContain('"foundPhrase"');
    const outputs = {
      'report.html': withoutJsonEvidence(unescape(readFileSync(join(out, 'report.html'), 'utf8'))),
      'summary.md': readFileSync(join(out, 'summary.md'), 'utf8'),
      'junit.xml': unescape(readFileSync(join(out, 'junit.xml'), 'utf8')),
    };
    for (const [name, text] of Object.entries(outputs)) {
      expect(text, name).toMatch(/pas une archive ZIP \((?:trop courte|pas de fin de répertoire central)\)/);
      expect(text, name).not.toMatch(/not a ZIP archive/);
    }
    for (const name of ['report.html', 'junit.xml'] as const) {
      expect(outputs[name], name).toContain('XML mal formé : la balise de fin </titel> ne ferme pas <title> (ligne 8) (ligne 8)');
      expect(outputs[name], name).not.toContain('does not close');
      expect(outputs[name], name).not.toContain('not well-formed XML');
    }
  }, 60_000);
});

describe('msscheck verify: an unreadable bundle in the reader language', () => {
  it('a file that is not a ZIP archive: French with --lang fr, the English byte for byte otherwise; exit 2', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const cwd = mkdtempSync(join(tmpdir(), 'msscheck-verify-'));
    writeFileSync(join(cwd, 'x.zip'), 'not a zip at all');
    const en = await runCli(['--lang', 'en', 'verify', 'x.zip'], { cwd });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('msscheck: x.zip: not a ZIP archive (an evidence bundle is one)\n  fix: give an evidence bundle written by `msscheck run --bundle FILE`\n');
    const fr = await runCli(['--lang', 'fr', 'verify', 'x.zip'], { cwd });
    expect(fr.code).toBe(2);
    expect(fr.stderr).toContain('pas une archive ZIP (un paquet de preuves en est une)');
    expect(fr.stderr).toContain('correction : donnez un paquet de preuves');
    expect(fr.stderr).not.toMatch(/not a ZIP archive|evidence bundle|\bfix: /);
  }, 60_000);
});
