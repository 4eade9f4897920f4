/**
 * French (and any later language) texts of the data files: scenario titles, variant titles,
 * assertion descriptions, assumptions, requirement summaries, policy labels and reasons, message
 * rule titles. They live in `locales/<lang>/data/<kind>.yaml` (schema `data-translations`), keyed
 * by the stable paths of src/i18n/data-texts.ts; English is the source, in the data files.
 *
 * `localise(lang)` gives lookups that fall back to the English text they are given: when the
 * language has no entry, and when the entry was made from another English text (stale: the source
 * changed since it was translated). A missing translation is never an error at run time; the
 * completeness test (test/i18n/data-translations.test.ts) is what says it is missing.
 */
import { existsSync } from 'node:fs';
import { YamlFile } from '../util/yaml-file.js';
import { escapeRegExp } from '../util/regexp.js';
import { LOCALES_DIR, type Lang } from './index.js';
import { assertionBaseKey, DATA_KINDS, type DataKind } from './data-texts.js';

export interface TranslatedText {
  en: string;
  fr: string;
}

/** A locale data file as written. */
export interface DataTranslationsFile {
  kind: DataKind;
  lang: Exclude<Lang, 'en'>;
  entries: Record<string, unknown>;
}

export function dataTranslationsPath(lang: Lang, kind: DataKind): string {
  return `${LOCALES_DIR}${lang}/data/${kind}.yaml`;
}

/** Reads and validates one locale data file; undefined when the language has none for this kind. */
export function readDataTranslations(lang: Lang, kind: DataKind): YamlFile<DataTranslationsFile> | undefined {
  const path = dataTranslationsPath(lang, kind);
  if (!existsSync(path)) return undefined;
  const file = YamlFile.read<DataTranslationsFile>(path, 'data translations');
  const data = file.validate('data-translations');
  if (data.kind !== kind || data.lang !== lang) {
    throw new Error(`${path}: declares kind ${data.kind} and lang ${data.lang}, expected ${kind} and ${lang}`);
  }
  return file;
}

/** The text at `path` under `entries`, when there is one. */
export function textAt(entries: Record<string, unknown> | undefined, path: readonly string[]): TranslatedText | undefined {
  let node: unknown = entries;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  const t = node as Partial<TranslatedText> | undefined;
  return t && typeof t.en === 'string' && typeof t.fr === 'string' ? (t as TranslatedText) : undefined;
}

/** Lookups of data texts in one language; each returns the English it is given when it has nothing better. */
export interface DataLocaliser {
  readonly lang: Lang;
  /** The translation of `english` found at `path` of the `kind` file (English when missing or stale). */
  text(kind: DataKind, path: readonly string[], english: string): string;
  scenarioTitle(scenarioId: string, english: string): string;
  variantTitle(scenarioId: string, variantId: string, english: string): string;
  scenarioAssumption(scenarioId: string, english: string): string;
  /** The scenario's description (compared trimmed). */
  scenarioDescription(scenarioId: string, english: string): string;
  /** An assertion by the step, fact and operator it judges (its key, src/i18n/data-texts.ts). */
  assertionDescription(scenarioId: string, a: { step: string; fact: string; operator: string }, english: string): string;
  requirementSummary(requirementId: string, english: string): string;
  requirementAssumption(requirementId: string, english: string): string;
  policyTitle(policyId: string, english: string): string;
  meansLabel(policyId: string, meansId: string, english: string): string;
  contextTitle(policyId: string, contextId: string, english: string): string;
  /** A schedule entry's reason, by its id, or by its English text among the policy's entries when the id is not known. */
  policyReason(policyId: string, scheduleId: string | undefined, english: string): string;
  policyRuleTitle(policyId: string, ruleId: string, english: string): string;
  /** A message lint rule's title. */
  ruleTitle(ruleId: string, english: string): string;
  /** A probe's summary (`msscheck list --probes`). */
  probeSummary(probeName: string, english: string): string;
  /** A sandbox defect's description (`msscheck sandbox --list-defects`). */
  defectDescription(defectName: string, english: string): string;
  /**
   * A scenario's `reason` text as the engine said it (templates resolved), in the localiser's
   * language: found among the scenario's reason entries by matching the English with its `${…}`
   * templates as wildcards, then the same values put into the translation's templates.
   */
  scenarioReason(scenarioId: string, said: string): string;
  /** Any built-in scenario's assertion description, by its English text (a positive control's, quoted in another scenario's reason). */
  anyAssertionDescription(english: string): string;
  /** A protocol data text (a reply meaning, an OAuth client error's meaning or fix), by its English text, as an error quotes it. */
  protocolText(english: string): string;
}

/** Lookups over entries already read (`entries` of each kind's file); `localise` reads them from locales/. */
export function makeLocaliser(lang: Lang, files: Partial<Record<DataKind, Record<string, unknown>>>): DataLocaliser {
  let byEnglish: Map<string, string> | undefined;
  let protocolByEnglish: Map<string, string> | undefined;
  const text = (kind: DataKind, path: readonly string[], english: string): string => {
    const t = textAt(files[kind], path);
    return t && t.en === english ? t.fr : english;
  };
  return {
    lang,
    text,
    scenarioTitle: (id, en) => text('scenarios', [id, 'title'], en),
    variantTitle: (id, v, en) => text('scenarios', [id, 'variants', v], en),
    scenarioAssumption: (id, en) => text('scenarios', [id, 'assumption'], en),
    scenarioDescription: (id, en) => text('scenarios', [id, 'description'], en.trim()),
    assertionDescription(id, a, en) {
      const base = assertionBaseKey({ step: a.step, fact: a.fact, op: a.operator });
      // Repeated step/fact/operator triples are told apart by their English text.
      for (let n = 1; ; n++) {
        const t = textAt(files.scenarios, [id, 'assertions', n === 1 ? base : `${base}#${n}`]);
        if (!t) return en;
        if (t.en === en) return t.fr;
      }
    },
    requirementSummary: (id, en) => text('requirements', [id, 'summary'], en),
    requirementAssumption: (id, en) => text('requirements', [id, 'assumption'], en),
    policyTitle: (id, en) => text('policy', [id, 'title'], en),
    meansLabel: (id, m, en) => text('policy', [id, 'means', m, 'label'], en),
    contextTitle: (id, c, en) => text('policy', [id, 'contexts', c, 'title'], en),
    policyReason(id, scheduleId, en) {
      if (scheduleId !== undefined) return text('policy', [id, 'schedule', scheduleId, 'reason'], en);
      const schedule = (files.policy?.[id] as { schedule?: Record<string, { reason?: Partial<TranslatedText> }> } | undefined)?.schedule;
      for (const entry of Object.values(schedule ?? {})) if (entry.reason?.en === en && entry.reason.fr) return entry.reason.fr;
      return en;
    },
    policyRuleTitle: (id, r, en) => text('policy', [id, 'rules', r, 'title'], en),
    ruleTitle: (id, en) => text('rules', [id, 'title'], en),
    probeSummary: (name, en) => text('probes', [name, 'summary'], en),
    defectDescription: (name, en) => text('defects', [name, 'description'], en),
    anyAssertionDescription(en) {
      if (!byEnglish) {
        byEnglish = new Map();
        for (const entry of Object.values(files.scenarios ?? {})) {
          for (const t of Object.values((entry as { assertions?: Record<string, Partial<TranslatedText>> }).assertions ?? {})) if (t.en && t.fr && !byEnglish.has(t.en)) byEnglish.set(t.en, t.fr);
        }
      }
      return byEnglish.get(en) ?? en;
    },
    protocolText(en) {
      if (!protocolByEnglish) {
        protocolByEnglish = new Map();
        const walk = (node: unknown): void => {
          if (node === null || typeof node !== 'object') return;
          const t = node as Partial<TranslatedText>;
          if (typeof t.en === 'string' && typeof t.fr === 'string') protocolByEnglish!.set(t.en, t.fr);
          else Object.values(node).forEach(walk);
        };
        walk(files.protocol);
      }
      return protocolByEnglish.get(en) ?? en;
    },
    scenarioReason(id, said) {
      const reasons = (files.scenarios?.[id] as { reasons?: Record<string, Partial<TranslatedText>> } | undefined)?.reasons;
      for (const r of Object.values(reasons ?? {})) {
        if (!r.en || !r.fr) continue;
        const values = templateValues(r.en, said);
        if (values) return r.fr.replace(/\$\{([^}]+)\}/g, (whole, name: string) => values.get(name.trim()) ?? whole);
      }
      return said;
    },
  };
}

/** The values of the `${name}` templates of `template` that make it read `text`; undefined when it cannot. */
function templateValues(template: string, text: string): Map<string, string> | undefined {
  const names: string[] = [];
  const pattern = template.split(/\$\{([^}]+)\}/).map((part, i) => (i % 2 === 1 ? (names.push(part.trim()), '(.+?)') : escapeRegExp(part))).join('');
  const m = new RegExp(`^${pattern}$`, 's').exec(text);
  if (!m) return undefined;
  return new Map(names.map((n, i) => [n, m[i + 1]!]));
}

const cache = new Map<Lang, DataLocaliser>();

/** The data lookups for `lang`, read once (English: every lookup returns its English text). */
export function localise(lang: Lang): DataLocaliser {
  const hit = cache.get(lang);
  if (hit) return hit;
  const files: Partial<Record<DataKind, Record<string, unknown>>> = {};
  if (lang !== 'en') for (const kind of DATA_KINDS) files[kind] = readDataTranslations(lang, kind)?.data.entries;
  const loc = makeLocaliser(lang, files);
  cache.set(lang, loc);
  return loc;
}
