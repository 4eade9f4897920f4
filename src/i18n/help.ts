/**
 * `--help` in the user's language: the English descriptions written in src/cli/main.ts are the keys
 * of `locales/<lang>/help.yaml` (schema locale-help, checked by test/i18n/help.test.ts, which also
 * fails on a description with no entry). Read with the yaml parser only: `--help` loads no ajv.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { yaml } from '../util/yaml-lib.js';
import { LOCALES_DIR, type Lang } from './index.js';

export function helpTranslationsPath(lang: Lang): string {
  return `${LOCALES_DIR}${lang}/help.yaml`;
}

/** English description → translation; empty for English or a language without the file. */
export function helpTranslations(lang: Lang): Map<string, string> {
  const path = helpTranslationsPath(lang);
  if (lang === 'en' || !existsSync(path)) return new Map();
  return new Map(Object.entries((yaml().parse(readFileSync(path, 'utf8')) ?? {}) as Record<string, string>));
}

/** Every description of a command tree (commands, arguments, options, the help option), in order. */
export function helpDescriptions(program: Command): string[] {
  const out = new Set<string>();
  const walk = (c: Command): void => {
    if (c.description()) out.add(c.description());
    for (const o of c.options) if (o.description) out.add(o.description);
    for (const a of c.registeredArguments) if (a.description) out.add(a.description);
    out.add('display help for command');
    for (const s of c.commands) walk(s);
  };
  walk(program);
  return [...out];
}

/** Puts the translated descriptions in place (English stays where a translation is missing). */
export function translateHelp(program: Command, lang: Lang): void {
  const map = helpTranslations(lang);
  if (map.size === 0) return;
  const walk = (c: Command): void => {
    const d = map.get(c.description());
    if (d) c.description(d);
    for (const o of c.options) o.description = map.get(o.description) ?? o.description;
    c.helpOption('-h, --help', map.get('display help for command') ?? 'display help for command');
    for (const s of c.commands) walk(s);
  };
  walk(program);
}
