/**
 * Keeps every message the sandbox's SMTP endpoints accept as a file, so that a client-software
 * vendor can point its client at the sandbox and lint what it sent:
 *
 *   msscheck sandbox --store DIR        then        msscheck lint-message DIR/*.eml
 *
 * Each accepted message becomes `<n>-<endpoint>.eml` (n = its rank in the sandbox's store, 4 digits
 * so that the shell's `*.eml` lists them in order), written atomically: a temporary file in the same
 * folder, then renamed, so a linter never reads half a message. When the client asked for
 * delivery status notifications, `<n>-<endpoint>.dsn.json` says what it asked (RET, ENVID, NOTIFY
 * and ORCPT per recipient).
 */
import { accessSync, constants, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, saying } from '../../util/input-error.js';
import { phrase } from '../../i18n/phrase.js';
import type { StoredMessage } from '../types.js';

export type StoredMessageHook = (message: StoredMessage, n: number) => void;

/** The file name of the `n`-th accepted message (1-based). */
export function storedMessageFileName(n: number, endpoint: StoredMessage['endpoint']): string {
  return `${String(n).padStart(4, '0')}-${endpoint}.eml`;
}

/**
 * A hook that writes each accepted message into `dir` (created when missing). An unusable folder is
 * an input error at start (exit 2); a write that fails later is reported with `warn` and never stops
 * the sandbox (the message stays in the in-memory store).
 */
export function storeDirWriter(dir: string | undefined, warn: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): StoredMessageHook | undefined {
  if (dir === undefined) return undefined;
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw new InputError({ field: '--store', ...saying(phrase('store-unwritable', { dir, code: (err as NodeJS.ErrnoException).code ?? 'error' }), phrase('store-unwritable-fix')) });
  }
  const write = (name: string, data: Buffer | string): void => {
    const tmp = join(dir, `.${name}.${process.pid}.tmp`);
    try {
      writeFileSync(tmp, data, { mode: 0o600 });
      renameSync(tmp, join(dir, name));
    } catch (err) {
      warn(`msscheck sandbox: could not write ${join(dir, name)} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };
  return (message, n) => {
    const name = storedMessageFileName(n, message.endpoint);
    write(name, message.raw);
    // The client asked for delivery status notifications (RFC 3461, ECO.2.3.1): say what it asked, beside the message.
    if (asksForDsn(message)) write(name.replace(/\.eml$/, '.dsn.json'), `${JSON.stringify(message.dsn, null, 2)}\n`);
  };
}

/** Whether the client's envelope carried a DSN request (RET, ENVID, or NOTIFY on a recipient). */
export function asksForDsn(message: StoredMessage): boolean {
  const d = message.dsn;
  return !!d && (d.ret !== null || d.envid !== null || d.recipients.some((r) => r.notify !== null));
}
