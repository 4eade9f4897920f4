import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadVerifyKey } from '../../evidence/keys.js';
import { renderVerification, UnreadableBundle, verifyBundle } from '../../evidence/verify.js';
import { EXIT, type Io } from '../main.js';
import { translator } from '../../i18n/index.js';
import { renderPhrase } from '../../i18n/phrase.js';

export interface VerifyFlags {
  key?: string;
  list?: boolean;
  json?: boolean;
}

/**
 * `msscheck verify BUNDLE [--key PUB]`: exit 0 when every hash (and, with --key, the signature)
 * verifies, 1 when something does not (each problem names the file), 2 when the input is unreadable.
 */
export async function verifyCommand(file: string, flags: VerifyFlags, io: Io): Promise<number> {
  const path = resolve(io.cwd, file);
  const publicKey = flags.key ? loadVerifyKey(flags.key, io.cwd) : undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const tr = translator(io.lang ?? 'en');
    io.stderr.write(`msscheck: ${tr.t('verify-cannot-read', { file, code: (err as NodeJS.ErrnoException).code ?? (err as Error).message })}\n  ${tr.t('input-fix', { fix: tr.t('verify-check-path') })}\n`);
    return EXIT.input;
  }
  let result;
  try {
    result = verifyBundle(bytes, { publicKey });
  } catch (err) {
    if (!(err instanceof UnreadableBundle)) throw err;
    const tr = translator(io.lang ?? 'en');
    io.stderr.write(`msscheck: ${file}: ${renderPhrase(err.phrase, tr)}\n  ${tr.t('input-fix', { fix: tr.t('verify-give-bundle') })}\n`);
    return EXIT.input;
  }
  if (flags.json) {
    const { statement, ...rest } = result;
    io.stdout.write(`${JSON.stringify({ bundle: file, ...rest, tool: statement?.predicate.tool, asOf: statement?.predicate.asOf }, null, 2)}\n`);
  } else io.stdout.write(renderVerification(file, result, flags.list));
  return result.ok ? 0 : 1;
}
