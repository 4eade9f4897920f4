/**
 * Checks an input file before anything reads it: it must exist, be a regular file (not a
 * directory, `/dev/null` or a pipe), be readable, stay under its size limit and, for text inputs,
 * not be binary. Any problem is an InputError naming the file, the reason and the fix (exit 2).
 */
import { whatPhrase } from './input-what.js';
import { phrase } from '../i18n/phrase.js';
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { currentLimits, type LimitName } from '../limits/limits.js';
import { InputError, saying } from './input-error.js';

export interface InputFileCheck {
  /** What the file is, for messages: `target profile`, `message`... */
  what: string;
  /** The limit bounding its size. */
  sizeLimit: LimitName;
  /** Refuse a file with NUL bytes in its first 8 KiB (YAML, messages are text). */
  text?: boolean;
  /** The path as the user wrote it (messages name it); default: `path`. */
  shown?: string;
}

/** Stats and sniffs `path`; throws an InputError for anything that is not a readable input file. */
export function checkInputFile(path: string, check: InputFileCheck): Stats {
  const file = check.shown ?? path;
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (err) {
    throw readError(err, file, check.what);
  }
  if (stats.isDirectory()) throw new InputError({ file, ...saying(phrase('input-is-directory', { what: whatPhrase(check.what) }), phrase('input-is-directory-fix', { what: whatPhrase(check.what) })) });
  if (!stats.isFile()) {
    const kind = stats.isCharacterDevice() ? 'a character device' : stats.isBlockDevice() ? 'a block device' : stats.isFIFO() ? 'a pipe' : stats.isSocket() ? 'a socket' : 'not a regular file';
    throw new InputError({ file, ...saying(phrase('input-not-regular', { what: whatPhrase(check.what), kind }), phrase('input-not-regular-fix', { what: whatPhrase(check.what) })) });
  }
  const max = currentLimits()[check.sizeLimit];
  if (stats.size > max) {
    throw new InputError({ file, ...saying(phrase('input-too-large', { what: whatPhrase(check.what), size: String(stats.size), max: String(max), limit: check.sizeLimit }), phrase('input-too-large-fix', { limit: check.sizeLimit })) });
  }
  if (check.text) {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      const head = Buffer.alloc(Math.min(8192, stats.size));
      const n = readSync(fd, head, 0, head.length, 0);
      if (head.subarray(0, n).includes(0)) throw new InputError({ file, ...saying(phrase('input-binary', { what: whatPhrase(check.what) }), phrase('input-binary-fix', { what: whatPhrase(check.what) })) });
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw readError(err, file, check.what);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
  return stats;
}

/** Checks that `path` is a readable folder (a scenario catalogue, a report folder); InputError otherwise. */
export function checkInputFolder(path: string, what: string, shown = path): void {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (err) {
    const e = readError(err, shown, what);
    throw (err as NodeJS.ErrnoException).code === 'ENOENT' ? new InputError({ file: shown, ...saying(phrase('input-folder-not-found', { what: whatPhrase(what) }), phrase('input-check-path')) }) : e;
  }
  if (!stats.isDirectory()) throw new InputError({ file: shown, ...saying(phrase('input-not-folder', { what: whatPhrase(what) }), phrase('input-not-folder-fix', { what: whatPhrase(what) })) });
}

/** An fs error on an input file, as an InputError whose fix matches the cause. */
export function readError(err: unknown, file: string, what: string): InputError {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return new InputError({ file, ...saying(phrase('input-not-found', { what: whatPhrase(what) }), phrase('input-check-path')) });
    case 'EISDIR':
      return new InputError({ file, ...saying(phrase('input-is-directory', { what: whatPhrase(what) }), phrase('input-is-directory-fix', { what: whatPhrase(what) })) });
    case 'ENOTDIR':
      return new InputError({ file, ...saying(phrase('input-not-dir-on-path', { what: whatPhrase(what) }), phrase('input-check-path')) });
    case 'EACCES':
    case 'EPERM':
      return new InputError({ file, ...saying(phrase('input-permission', { what: whatPhrase(what) }), phrase('input-permission-fix')) });
    case 'ELOOP':
      return new InputError({ file, ...saying(phrase('input-symlink-loop', { what: whatPhrase(what) }), phrase('input-check-path')) });
    default:
      return new InputError({ file, ...saying(phrase('input-unreadable', { what: whatPhrase(what), detail: code ?? (err as Error)?.message ?? String(err) }), phrase('input-unreadable-fix')) });
  }
}

function article(what: string): string {
  return /^[aeiou]/i.test(what) ? `an ${what}` : `a ${what}`;
}
