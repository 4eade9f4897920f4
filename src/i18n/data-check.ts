/**
 * Completeness of the data translations: every user-facing text of the built-in scenarios,
 * requirement catalogue, deadline policies and message lint rules has an entry in each language's
 * locale data files, made from the English text the data holds today; no entry is left for a text
 * that no longer exists. test/i18n/data-translations.test.ts runs it, so that whoever adds or
 * rewords a scenario is told what to translate.
 */
import { readdirSync } from 'node:fs';
import { stringify } from 'yaml';
import { loadScenarios } from '../scenarios/loader.js';
import { loadRequirementCatalogue } from '../policy/catalogue.js';
import { BUILTIN_POLICY_DIR, loadPolicy } from '../policy/load-policy.js';
import { loadMessageRules } from '../message/rules-data.js';
import { PARSE_RULE } from '../message/lint-command.js';
import { PROBES } from '../probes/registry.js';
import { listDefects } from '../sandbox/operator.js';
import { DATA_KINDS, defectTexts, messageRuleTexts, policyTexts, probeTexts, protocolTexts, requirementTexts, scenarioTexts, type DataKind, type SourceText } from './data-texts.js';
import { YamlFile } from '../util/yaml-file.js';
import { REPLY_MEANINGS_FILE } from '../probes/outcomes/reply-meanings.js';
import { OAUTH_CLIENT_ERRORS_FILE } from '../probes/oidc/client-errors.js';
import { dataTranslationsPath, readDataTranslations, textAt } from './data.js';
import type { Lang } from './index.js';

/** Every text of the built-in data that a translation must cover. */
export function builtinTexts(): SourceText[] {
  const policies = readdirSync(BUILTIN_POLICY_DIR).filter((f) => /\.ya?ml$/.test(f)).map((f) => loadPolicy(`${BUILTIN_POLICY_DIR}${f}`));
  return [
    ...loadScenarios().scenarios.flatMap(scenarioTexts),
    ...loadRequirementCatalogue().requirements.flatMap(requirementTexts),
    ...policies.flatMap(policyTexts),
    ...[...loadMessageRules().rules, PARSE_RULE].flatMap(messageRuleTexts),
    ...PROBES.flatMap(probeTexts),
    ...listDefects().flatMap(defectTexts),
    ...protocolTexts(
      YamlFile.read<Parameters<typeof protocolTexts>[0]>(REPLY_MEANINGS_FILE, 'reply meanings').validate('reply-meanings'),
      YamlFile.read<{ errors: Parameters<typeof protocolTexts>[1] }>(OAUTH_CLIENT_ERRORS_FILE, 'OAuth client errors').validate('oauth-client-errors').errors,
    ),
  ];
}

export interface TranslationProblem {
  kind: DataKind;
  path: string[];
  /**
   * missing: no entry; stale: made from another English text; orphaned: no such text in the data any
   * more; untranslated: the "translation" is the English sentence itself (four words or more).
   */
  problem: 'missing' | 'stale' | 'orphaned' | 'untranslated';
  /** The English the data holds (missing, stale). */
  en?: string;
  /** The English the entry was made from (stale, orphaned). */
  translatedFrom?: string;
}

/** Paths of every text (an object with `en` and `fr`) under `entries`. */
function leafPaths(node: unknown, prefix: string[] = []): string[][] {
  if (node === null || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  if (typeof o.en === 'string' && typeof o.fr === 'string') return [prefix];
  return Object.entries(o).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
}

/** Compares the texts with one language's entries (by kind). */
export function checkTranslations(texts: readonly SourceText[], entries: Partial<Record<DataKind, Record<string, unknown>>>): TranslationProblem[] {
  const problems: TranslationProblem[] = [];
  const expected = new Set<string>();
  for (const t of texts) {
    expected.add(`${t.kind}\u0000${t.path.join('\u0000')}`);
    const found = textAt(entries[t.kind], t.path);
    if (!found) problems.push({ kind: t.kind, path: t.path, problem: 'missing', en: t.en });
    else if (found.en !== t.en) problems.push({ kind: t.kind, path: t.path, problem: 'stale', en: t.en, translatedFrom: found.en });
    else if (found.fr === t.en && (t.en.match(/\S+/g) ?? []).length >= 4) problems.push({ kind: t.kind, path: t.path, problem: 'untranslated', en: t.en });
  }
  for (const kind of DATA_KINDS) {
    for (const path of leafPaths(entries[kind])) {
      if (!expected.has(`${kind}\u0000${path.join('\u0000')}`)) problems.push({ kind, path, problem: 'orphaned', translatedFrom: textAt(entries[kind], path)?.en });
    }
  }
  return problems;
}

/** Reads one language's locale data files (validated against their schema). */
export function readAllDataTranslations(lang: Lang): Partial<Record<DataKind, Record<string, unknown>>> {
  const out: Partial<Record<DataKind, Record<string, unknown>>> = {};
  for (const kind of DATA_KINDS) out[kind] = readDataTranslations(lang, kind)?.data.entries;
  return out;
}

/** What to do, per file: the problems listed, and the YAML to add under `entries:` for missing and stale texts. */
export function describeTranslationProblems(problems: readonly TranslationProblem[], lang: Lang): string {
  const out: string[] = [];
  for (const kind of DATA_KINDS) {
    const mine = problems.filter((p) => p.kind === kind);
    if (mine.length === 0) continue;
    out.push(`${dataTranslationsPath(lang, kind)}:`);
    for (const p of mine) {
      const where = p.path.join(' > ');
      if (p.problem === 'missing') out.push(`  missing ${where}: translate ${JSON.stringify(p.en)}`);
      else if (p.problem === 'stale') out.push(`  stale ${where}: the English is now ${JSON.stringify(p.en)} (the ${lang} text was made from ${JSON.stringify(p.translatedFrom)}); update en and ${lang}`);
      else if (p.problem === 'untranslated') out.push(`  untranslated ${where}: the ${lang} text is the English ${JSON.stringify(p.en)}; translate it`);
      else out.push(`  orphaned ${where}: no such text in the data any more (was ${JSON.stringify(p.translatedFrom)}); remove it`);
    }
    const toWrite: Record<string, unknown> = {};
    for (const p of mine.filter((x) => x.problem !== 'orphaned')) {
      let node = toWrite;
      for (const k of p.path.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
      node[p.path[p.path.length - 1]!] = { en: p.en, [lang]: `<${lang} text>` };
    }
    if (Object.keys(toWrite).length > 0) {
      out.push('  to write under entries: (keeping what is there)');
      out.push(...stringify(toWrite, { lineWidth: 0 }).trimEnd().split('\n').map((l) => `    ${l}`));
    }
  }
  return out.join('\n');
}
