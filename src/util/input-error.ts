/**
 * Bad input: a malformed scenario, target, policy or catalogue file, or a wrong flag. The CLI prints
 * it and exits 2. The message always names where (file, line, field) and how to fix it.
 *
 * `message` and `fix` are English (logs, tests, report.json); when code writes them as catalogue
 * phrases (`messagePhrase`, `fixPhrase`, src/i18n/phrase.ts), `format(tr)` says them in the user's
 * language.
 */
import { renderPhrase, sayOr, type Phrase } from '../i18n/phrase.js';
import { translator, type Translator } from '../i18n/index.js';

export interface InputProblem {
  file?: string;
  line?: number;
  column?: number;
  /** JSON-pointer-like path of the field, e.g. `/steps/0/probe`. */
  field?: string;
  message: string;
  fix?: string;
  messagePhrase?: Phrase;
  fixPhrase?: Phrase;
}

/** The message and fix of a problem from catalogue phrases: the English text beside each phrase. */
export function saying(message: Phrase, fix?: Phrase): Pick<InputProblem, 'message' | 'fix' | 'messagePhrase' | 'fixPhrase'> {
  return { message: renderPhrase(message), messagePhrase: message, ...(fix ? { fix: renderPhrase(fix), fixPhrase: fix } : {}) };
}

export class InputError extends Error {
  readonly code = 'EINPUT';
  readonly exitCode = 2;
  readonly problems: InputProblem[];

  constructor(problems: InputProblem | InputProblem[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map((p) => formatProblem(p)).join('\n'));
    this.name = 'InputError';
    this.problems = list;
  }

  /** Every problem in `tr`'s language (what has no phrase stays English). */
  format(tr: Translator): string {
    return this.problems.map((p) => formatProblem(p, tr)).join('\n');
  }
}

export function formatProblem(p: InputProblem, tr: Translator = translator('en')): string {
  const where = [p.file, p.line !== undefined ? String(p.line) : undefined, p.column !== undefined ? String(p.column) : undefined]
    .filter((x) => x !== undefined)
    .join(':');
  const message = sayOr(p.message, p.messagePhrase, tr);
  const fixText = p.fix !== undefined ? sayOr(p.fix, p.fixPhrase, tr) : undefined;
  const field = p.field ? tr.t('input-field', { field: p.field }) : '';
  const fix = fixText ? `\n  ${tr.t('input-fix', { fix: fixText })}` : '';
  return `${where ? `${where}: ` : ''}${field}${message}${fix}`;
}
