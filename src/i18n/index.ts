/**
 * The user's language. Every sentence a user reads comes from a Fluent message catalogue
 * (`locales/<lang>/messages.ftl`, https://projectfluent.org), never from a string in code. A
 * `Translator` is an immutable value built once per language and passed to whoever writes text.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';

export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

/** Folder of the locale files (messages.ftl, and the data translations beside them). */
export const LOCALES_DIR = fileURLToPath(new URL('../../locales/', import.meta.url));

export type MessageArgs = Record<string, FluentVariable | undefined>;

export interface Translator {
  readonly lang: Lang;
  /** The message `id` with its arguments; throws on an unknown id (a test checks every id exists). */
  t(id: string, args?: MessageArgs): string;
  /** True when the catalogue has this id. */
  has(id: string): boolean;
}

/** The language of `LC_ALL`, `LC_MESSAGES` or `LANG` (POSIX precedence): French when it starts with `fr`. */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^fr([_.@-]|$)/i.test(locale) ? 'fr' : 'en';
}

export function isLang(text: string): text is Lang {
  return (LANGS as readonly string[]).includes(text);
}

export function messagesPath(lang: Lang): string {
  return `${LOCALES_DIR}${lang}/messages.ftl`;
}

const cache = new Map<Lang, Translator>();

/** The translator for `lang` (built once, then shared: it holds no state). */
export function translator(lang: Lang = 'en'): Translator {
  const hit = cache.get(lang);
  if (hit) return hit;
  const bundle = new FluentBundle(lang === 'fr' ? 'fr-FR' : 'en-GB', { useIsolating: false });
  const errors = bundle.addResource(new FluentResource(readFileSync(messagesPath(lang), 'utf8')));
  if (errors.length > 0) throw new Error(`${messagesPath(lang)}: ${errors.map((e) => e.message).join('; ')}`);
  const tr: Translator = {
    lang,
    has: (id) => bundle.hasMessage(id),
    t(id, args) {
      const message = bundle.getMessage(id);
      if (!message?.value) throw new Error(`no message "${id}" in ${messagesPath(lang)}`);
      const clean: Record<string, FluentVariable> = {};
      for (const [k, v] of Object.entries(args ?? {})) if (v !== undefined) clean[k] = v;
      const problems: Error[] = [];
      const text = bundle.formatPattern(message.value, clean, problems);
      if (problems.length > 0) throw new Error(`message "${id}" (${lang}): ${problems.map((p) => p.message).join('; ')}`);
      return text;
    },
  };
  cache.set(lang, tr);
  return tr;
}
