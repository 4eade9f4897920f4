/**
 * Checks an input file before anything reads it: it must exist, be a regular file (not a
 * directory, `/dev/null` or a pipe), be readable, stay under its size limit and, for text inputs,
 * not be binary. Any problem is an InputError naming the file, the reason and the fix (exit 2).
 */
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { currentLimits, type LimitName } from '../limits/limits.js';
import { InputError } from './input-error.js';

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
  if (stats.isDirectory()) throw new InputError({ file, message: `${check.what} path is a directory, not a file`, fix: `give the path of ${article(check.what)} file inside it` });
  if (!stats.isFile()) {
    const kind = stats.isCharacterDevice() ? 'a character device' : stats.isBlockDevice() ? 'a block device' : stats.isFIFO() ? 'a pipe' : stats.isSocket() ? 'a socket' : 'not a regular file';
    throw new InputError({ file, message: `${check.what} path is ${kind}, not a regular file`, fix: `give the path of ${article(check.what)} file` });
  }
  const max = currentLimits()[check.sizeLimit];
  if (stats.size > max) {
    throw new InputError({ file, message: `${check.what} file is ${stats.size} bytes, more than the ${max} allowed (limit ${check.sizeLimit})`, fix: `check that this is the right file; if it is, raise the bound with --limit ${check.sizeLimit}=N` });
  }
  if (check.text) {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      const head = Buffer.alloc(Math.min(8192, stats.size));
      const n = readSync(fd, head, 0, head.length, 0);
      if (head.subarray(0, n).includes(0)) throw new InputError({ file, message: `${check.what} file is binary (it contains NUL bytes), not text`, fix: `give the ${check.what} file itself, not an archive or a compiled file` });
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
    throw (err as NodeJS.ErrnoException).code === 'ENOENT' ? new InputError({ file: shown, message: `${what} folder not found`, fix: 'check the path' }) : e;
  }
  if (!stats.isDirectory()) throw new InputError({ file: shown, message: `${what} path is not a folder`, fix: `give the folder that holds the ${what} files` });
}

/** An fs error on an input file, as an InputError whose fix matches the cause. */
export function readError(err: unknown, file: string, what: string): InputError {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return new InputError({ file, message: `${what} file not found`, fix: 'check the path' });
    case 'EISDIR':
      return new InputError({ file, message: `${what} path is a directory, not a file`, fix: `give the path of ${article(what)} file inside it` });
    case 'ENOTDIR':
      return new InputError({ file, message: `${what} path goes through something that is not a directory`, fix: 'check the path' });
    case 'EACCES':
    case 'EPERM':
      return new InputError({ file, message: `cannot read the ${what} file (permission denied)`, fix: 'check the file permissions' });
    case 'ELOOP':
      return new InputError({ file, message: `${what} path is a loop of symbolic links`, fix: 'check the path' });
    default:
      return new InputError({ file, message: `cannot read the ${what} file (${code ?? (err as Error)?.message ?? String(err)})`, fix: 'check that the path names a readable file' });
  }
}

function article(what: string): string {
  return /^[aeiou]/i.test(what) ? `an ${what}` : `a ${what}`;
}
