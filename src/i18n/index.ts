/**
 * The user's language. Every sentence a user reads comes from a Fluent message catalogue
 * (`locales/<lang>/messages.ftl`, https://projectfluent.org), never from a string in code. A
 * `Translator` is an immutable value built once per language and passed to whoever writes text.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FluentBundle, FluentNumber, FluentResource, type FluentVariable } from '@fluent/bundle';

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

/**
 * The catalogues parsed at build (`npm run build`: dist/messages/<lang>.json, the parsed Fluent
 * resource keyed by the hash of the catalogue's text): parsing a catalogue took some 8 ms of every
 * run's start. A catalogue whose text differs from the one parsed at build (or with no build, as
 * under tsx) is parsed as before.
 */
const PARSED_DIR = fileURLToPath(new URL('../messages/', import.meta.url));
const parsedPath = (lang: Lang): string => `${PARSED_DIR}${lang}.json`;
const textHash = (text: string): string => createHash('sha256').update(text).digest('base64url');
type Body = FluentResource['body'];

/** A catalogue's parsed form as JSON text, for `resourceFromParsed`. */
export function parsedMessages(text: string): string {
  return JSON.stringify({ sha: textHash(text), body: new FluentResource(text).body });
}

/** The resource `parsedMessages` wrote, when it was parsed from exactly `text`. */
export function resourceFromParsed(json: string, text: string): FluentResource | undefined {
  const parsed = JSON.parse(json) as { sha: string; body: Body };
  if (parsed.sha !== textHash(text)) return undefined;
  // The parser gives each entry's attributes a null prototype; JSON gives a plain object.
  for (const entry of parsed.body) entry.attributes = Object.assign(Object.create(null) as Record<string, never>, entry.attributes);
  return Object.assign(Object.create(FluentResource.prototype) as FluentResource, { body: parsed.body });
}

function messagesResource(lang: Lang): FluentResource {
  const text = readFileSync(messagesPath(lang), 'utf8');
  let json: string | undefined;
  try {
    json = readFileSync(parsedPath(lang), 'utf8');
  } catch {
    // not built (tsx): the text is parsed
  }
  return (json !== undefined && resourceFromParsed(json, text)) || new FluentResource(text);
}

/** Build time: writes each language's parsed catalogue; returns how many. */
export function writeParsedMessages(): number {
  mkdirSync(PARSED_DIR, { recursive: true });
  for (const lang of LANGS) writeFileSync(parsedPath(lang), parsedMessages(readFileSync(messagesPath(lang), 'utf8')));
  return LANGS.length;
}

/**
 * A count below 1000, written as its digits: what Intl.NumberFormat writes for it in both languages
 * (no grouping, no sign), without building that formatter (~10 ms of ICU at a run's first count).
 * Plural selection is Fluent's as for any number; NUMBER() with options makes a plain FluentNumber.
 */
class SmallCount extends FluentNumber {
  override toString(): string {
    return String(this.value);
  }
}

/** `v` as Fluent formats it; a count from 0 to 999 without the number formatter. */
export function fluentArg(v: FluentVariable): FluentVariable {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1000 ? new SmallCount(v) : v;
}

const cache = new Map<Lang, Translator>();

/** The translator for `lang` (built once, then shared: it holds no state). */
export function translator(lang: Lang = 'en'): Translator {
  const hit = cache.get(lang);
  if (hit) return hit;
  const bundle = new FluentBundle(lang === 'fr' ? 'fr-FR' : 'en-GB', { useIsolating: false });
  const errors = bundle.addResource(messagesResource(lang));
  if (errors.length > 0) throw new Error(`${messagesPath(lang)}: ${errors.map((e) => e.message).join('; ')}`);
  const tr: Translator = {
    lang,
    has: (id) => bundle.hasMessage(id),
    t(id, args) {
      const message = bundle.getMessage(id);
      if (!message?.value) throw new Error(`no message "${id}" in ${messagesPath(lang)}`);
      const clean: Record<string, FluentVariable> = {};
      for (const [k, v] of Object.entries(args ?? {})) if (v !== undefined) clean[k] = fluentArg(v);
      const problems: Error[] = [];
      const text = bundle.formatPattern(message.value, clean, problems);
      if (problems.length > 0) throw new Error(`message "${id}" (${lang}): ${problems.map((p) => p.message).join('; ')}`);
      return text;
    },
  };
  cache.set(lang, tr);
  return tr;
}
