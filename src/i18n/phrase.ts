/**
 * Phrases: texts the engine, probes and loaders write as a message of the catalogue (an id and its
 * arguments) instead of a sentence. The English sentence is rendered once where the text is made
 * (report.json, logs and errors stay English); readable reports render the same phrase again in the
 * user's language. Nested phrases are rendered first; `text` maps each plain string argument (the
 * localiser uses it to put an assertion description into the user's language).
 */
import type { Phrase, PhraseArg } from '../model/result.js';
import { translator, type Translator } from './index.js';

export type { Phrase, PhraseArg };

export function phrase(id: string, args?: Record<string, PhraseArg | undefined>): Phrase {
  if (!args) return { id };
  const clean: Record<string, PhraseArg> = {};
  for (const [k, v] of Object.entries(args)) if (v !== undefined) clean[k] = v;
  return { id, args: clean };
}

export function isPhrase(x: unknown): x is Phrase {
  return typeof x === 'object' && x !== null && typeof (x as Phrase).id === 'string';
}

/** The phrase in `tr`'s language (English by default). */
export function renderPhrase(p: Phrase, tr: Translator = translator('en'), text: (s: string) => string = (s) => s): string {
  const args: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p.args ?? {})) args[k] = typeof v === 'object' ? renderPhrase(v, tr, text) : typeof v === 'string' ? text(v) : v;
  return tr.t(p.id, args);
}

/** The same phrase with every string argument passed through `f` (e.g. redaction at capture time). */
export function mapPhraseStrings(p: Phrase, f: (s: string) => string): Phrase {
  if (!p.args) return p;
  const args: Record<string, PhraseArg> = {};
  for (const [k, v] of Object.entries(p.args)) args[k] = typeof v === 'string' ? f(v) : typeof v === 'object' ? mapPhraseStrings(v, f) : v;
  return { id: p.id, args };
}

/**
 * A text as a result records it: the English text and, when it was written as a phrase, the phrase;
 * every string passed through `redact` (the text, and each argument of the phrase) at capture time.
 */
export function recordedText(x: string | Phrase, redact: (s: string) => string): { text: string; phrase?: Phrase } {
  if (typeof x === 'string') return { text: redact(x) };
  const p = mapPhraseStrings(x, redact);
  return { text: redact(renderPhrase(p)), phrase: p };
}

/** `A or B or C` in the reader's language (`list-or`); one value stays a plain string. */
export function orList(values: readonly string[]): string | Phrase {
  return values.reduce<string | Phrase>((all, v, i) => (i === 0 ? v : phrase('list-or', { first: all, next: v })), '');
}

/**
 * The phrase in `tr`'s language, or `english` when it cannot be said (a report written by another
 * msscheck version may name a message this catalogue no longer has): a reader never loses a text.
 */
export function sayOr(english: string, p: Phrase | undefined, tr: Translator, text?: (s: string) => string): string {
  if (!p) return english;
  try {
    return renderPhrase(p, tr, text);
  } catch {
    return english;
  }
}
