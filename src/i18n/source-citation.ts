/**
 * A requirement's source citation (catalogue `source`) in the reader's language. A citation is
 * mostly names that stay as they are (REF2, ECO.1.1.1, RFC URLs, document titles); only its fixed
 * words are said in the reader's language, each a catalogue message (`source-*`). English is the
 * citation as the catalogue writes it.
 */
import type { Translator } from './index.js';

/** Each fixed wording of the catalogue's citations and the message that says it. */
const FIXED: { english: RegExp; say: (tr: Translator, m: RegExpExecArray) => string }[] = [
  { english: /\brule (?=[A-Z]+\.)/g, say: (tr) => `${tr.t('source-rule')} ` },
  { english: /\(section not identified\)/g, say: (tr) => `(${tr.t('source-section-not-identified')})` },
  { english: /\(not read\)/g, say: (tr) => `(${tr.t('source-not-read')})` },
  { english: /\(historically port (\d+)\)/g, say: (tr, m) => `(${tr.t('source-historically-port', { port: m[1]! })})` },
  { english: /\(REM twin /g, say: (tr) => `(${tr.t('source-rem-twin')} ` },
  { english: /\) onwards$/g, say: (tr) => `) ${tr.t('source-onwards')}` },
  { english: /\bimplementer's notes\b/g, say: (tr) => tr.t('source-implementer-notes') },
  { english: /\bwhitelist format in\b/g, say: (tr) => tr.t('source-whitelist-format-in') },
];

export function localiseSourceCitation(source: string, tr: Translator): string {
  if (tr.lang === 'en') return source;
  let out = source;
  for (const f of FIXED) out = out.replace(f.english, (...args) => f.say(tr, args.slice(0, -2) as unknown as RegExpExecArray));
  return out;
}
