/**
 * The message catalogue (locales/<lang>/messages.ftl): French and English have the same ids, every id
 * the code asks for exists, and the families the code builds ids from (status-*, severity-*, ...)
 * are complete. A string added in code without its messages fails here.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FluentResource } from '@fluent/bundle';
import { isDeepStrictEqual } from 'node:util';
import { LANGS, messagesPath, parsedMessages, resourceFromParsed, translator } from '../../src/i18n/index.js';
import { SEVERITIES, STATUSES } from '../../src/model/result.js';

function ids(lang: (typeof LANGS)[number]): string[] {
  return new FluentResource(readFileSync(messagesPath(lang), 'utf8')).body.map((m) => m.id).sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function operators(): string[] {
  const schema = JSON.parse(readFileSync('schemas/scenario.schema.json', 'utf8')) as object;
  const found = JSON.stringify(schema).match(/"enum":\["equals"[^\]]*\]/)?.[0];
  return found ? (JSON.parse(`{${found}}`) as { enum: string[] }).enum : [];
}

describe('message catalogue', () => {
  it('French and English have exactly the same message ids, and both parse', () => {
    const en = ids('en');
    expect(en.length).toBeGreaterThan(50);
    expect(ids('fr')).toEqual(en);
  });

  it('every message id the code names literally exists', () => {
    const used = new Set<string>();
    for (const f of sourceFiles('src')) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\b(?:tr|this\.tr|t)\.t\('([a-z0-9-]+)'/g)) used.add(m[1]!);
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([a-z0-9-]+)'/g)) used.add(m[1]!);
      // Phrases (src/i18n/phrase.ts): rendered where the text is made, so a missing id would break a run.
      for (const m of readFileSync(f, 'utf8').matchAll(/\bphrase\(\s*'([A-Za-z0-9-]+)'/g)) used.add(m[1]!);
      for (const m of readFileSync(f, 'utf8').matchAll(/\bphrase\([^()'`]*\?\s*'([A-Za-z0-9-]+)'\s*:\s*'([A-Za-z0-9-]+)'/g)) used.add(m[1]!).add(m[2]!);
    }
    expect(used.size).toBeGreaterThan(300);
    for (const lang of LANGS) {
      const tr = translator(lang);
      expect([...used].filter((id) => !tr.has(id)), lang).toEqual([]);
    }
  });

  it('the families built from data are complete', () => {
    expect(operators().length).toBeGreaterThan(20);
    const families = [
      ...STATUSES.map((s) => `status-${s}`),
      ...STATUSES.map((s) => `control-status-${s}`),
      ...STATUSES.map((s) => `status-count-${s}`),
      ...['ok', 'error', 'skip', 'not-applicable', 'not-run'].map((s) => `step-status-${s}`),
      // Ids the code builds from a name (src/net/errors.ts, src/util/schema-validator.ts, check-references, ciba-flow, commander).
      ...['connect', 'idle', 'overall'].map((k) => `net-timeout-${k}`),
      ...['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'].map((t) => `schema-type-${t}`),
      ...['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].map((k) => `schema-${k}`),
      ...['string-or-list', 'list', 'string', 'number'].map((w) => `ref-need-${w}`),
      ...['approve', 'deny', 'ignore'].map((i) => `ciba-intent-${i}`),
      ...['choices', 'default', 'preset', 'env'].map((w) => `cmd-help-${w}`),
      ...['usage', 'options', 'commands', 'arguments', 'global-options'].map((w) => `cmd-help-title-${w}`),
      ...SEVERITIES.map((s) => `severity-${s}`),
      ...['allowed', 'tolerated', 'forbidden', 'unknown'].map((s) => `means-status-${s}`),
      ...['compliant', 'non-compliant', 'no-means'].map((s) => `identification-${s}`),
      ...['conformant', 'non-conformant', 'incomplete'].map((s) => `verdict-${s}`),
      ...['P', 'S', 'unconfirmed'].map((s) => `confidence-${s}`),
      ...['main', 'run', 'sandbox', 'list', 'explain', 'validate', 'lint-message', 'policy', 'requirements'].map((c) => `help-examples-${c}`),
      // Source problems, labels and parser texts said inside other phrases (revocation, TLS capability, limits, ZIP, XML, verify).
      ...['no-crl-dp', 'crl-issuer-unknown', 'crl-bad-signature', 'crl-wrong-issuer', 'crl-outdated', 'crl-not-yet-valid', 'ocsp-error', 'ocsp-unknown'].map((k) => `rev-${k}`),
      ...['version-reason', 'handshake-failed', 'no-handshake', 'negotiated'].map((k) => `tls-cap-${k}`),
      ...['reply-lines', 'body', 'chain-length', 'certificate-size', 'line', 'untagged-before-literal', 'untagged-before-tagged'].map((k) => `limit-what-${k}`),
      'reply-dropped-mid-exchange', 'exchange-before-starttls', 'what-smtp-session', 'what-on', 'what-peer-session', 'list-comma',
      'zip-too-short', 'zip-no-eocd', 'xdm-not-well-formed', 'xdm-second-metadata', 'xml-at-line', 'lint-found-status', 'lint-found-path-problem',
      'bundle-not-zip', 'bundle-damaged-zip', 'bundle-no-manifest', 'verify-give-bundle',
      // Every operator of the scenario format (schemas/scenario.schema.json), as reasons and conditions say it.
      ...operators().map((op) => `op-${op}`),
    ];
    for (const lang of LANGS) expect(families.filter((id) => !translator(lang).has(id)), lang).toEqual([]);
  });

  it('names every French message left in English (the English text as it is, four words or more, placeables aside)', () => {
    const raw = (lang: (typeof LANGS)[number]): Map<string, string> => {
      const out = new Map<string, string>();
      let id: string | undefined;
      for (const line of readFileSync(messagesPath(lang), 'utf8').split('\n')) {
        const m = /^([a-zA-Z][\w-]*) =(.*)$/.exec(line);
        if (m) out.set((id = m[1]!), m[2]!);
        else if (id && /^\s/.test(line)) out.set(id, `${out.get(id)}\n${line}`);
        else id = undefined;
      }
      return out;
    };
    const en = raw('en');
    const fr = raw('fr');
    const words = (t: string): number => (t.replace(/\{[^}]*\}/g, ' ').match(/[A-Za-zÀ-ÿ]{2,}/g) ?? []).length;
    const untranslated = [...en].filter(([id, t]) => fr.get(id) === t && words(t) >= 4).map(([id, t]) => `${id} = ${t.trim()}`);
    expect(untranslated, `translate these in ${messagesPath('fr')}`).toEqual([]);
  });

  it('French uses the ANS vocabulary', () => {
    const fr = readFileSync(messagesPath('fr'), 'utf8');
    for (const term of ["moyens d'identification électronique", 'non conforme', 'bac à sable', 'liste blanche', 'INS qualifiée', 'opérateur pair', 'logiciel client']) expect(fr).toContain(term);
  });

  it('the catalogue parsed at build (JSON) is the parser\'s resource exactly, and only for the text it was parsed from', () => {
    for (const lang of LANGS) {
      const text = readFileSync(messagesPath(lang), 'utf8');
      const fromJson = resourceFromParsed(parsedMessages(text), text);
      expect(fromJson).toBeInstanceOf(FluentResource);
      expect(isDeepStrictEqual(fromJson!.body, new FluentResource(text).body), lang).toBe(true);
      expect(resourceFromParsed(parsedMessages(text), `${text}\nextra = x\n`)).toBeUndefined();
    }
  });
});
