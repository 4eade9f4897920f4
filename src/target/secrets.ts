import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Redactor } from '../util/redact.js';
import { currentLimits } from '../limits/limits.js';

/**
 * The bytes of a regular file under the `inputFileBytes` limit; undefined for anything else (missing,
 * unreadable, a directory, a device such as /dev/zero that would never end, an oversized file).
 */
function readSecretFile(path: string): Buffer | undefined {
  try {
    const stats = statSync(path);
    if (!stats.isFile() || stats.size > currentLimits().inputFileBytes) return undefined;
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Resolves credential references (`env:NAME`, `file:PATH`) to their values, registering each value
 * with the redactor before handing it out, so that it can never reach a report or a log.
 */
export class SecretResolver {
  constructor(
    private readonly baseDir: string,
    private readonly redactor: Redactor,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** The value, or undefined when the reference names an unset variable or a missing file. */
  resolve(ref: string | undefined, label = 'secret'): string | undefined {
    if (!ref) return undefined;
    let value: string | undefined;
    if (ref.startsWith('env:')) value = this.env[ref.slice(4)];
    else if (ref.startsWith('file:')) {
      const p = ref.slice(5);
      value = readSecretFile(isAbsolute(p) ? p : resolve(this.baseDir, p))?.toString('utf8').replace(/\r?\n$/, '');
    } else throw new Error(`not a secret reference (expected env:NAME or file:PATH)`);
    if (value !== undefined) this.redactor.register(value, label);
    return value;
  }

  /** Like resolve, for binary material (PKCS#12): returns the bytes, registers nothing textual. */
  resolveFile(path: string): Buffer | undefined {
    return readSecretFile(isAbsolute(path) ? path : resolve(this.baseDir, path));
  }
}
