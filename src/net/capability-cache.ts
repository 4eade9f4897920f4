/**
 * What our own TLS client can offer depends only on this Node.js and its OpenSSL: measuring it on
 * loopback costs a few dozen handshakes (about 0.2 s) that every process would otherwise repeat.
 * The measurement is kept in the user's cache folder (`MSSCHECK_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/msscheck`, else `~/.cache/msscheck`), under a key made of everything it depends
 * on (Node, OpenSSL and their TLS defaults, the candidate list, a format version): another build
 * measures again. `MSSCHECK_CACHE_DIR=off` measures every time. A cache that cannot be read or
 * written is ignored: the measurement is made, never skipped.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { writeFileAtomic } from '../util/atomic-file.js';

const FORMAT = 1;

/** The user's cache folder for msscheck (see above), or undefined when caching is off. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.MSSCHECK_CACHE_DIR === 'off') return undefined;
  if (env.MSSCHECK_CACHE_DIR) return env.MSSCHECK_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'msscheck');
  try {
    return join(homedir(), '.cache', 'msscheck');
  } catch {
    return undefined;
  }
}

/** The file a measurement named `name` with inputs `key` is kept in (undefined: no cache). */
export function capabilityCacheFile(name: string, key: unknown, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = cacheDir(env);
  if (!dir) return undefined;
  const h = createHash('sha256')
    .update(JSON.stringify({ FORMAT, name, key, node: process.versions.node, openssl: process.versions.openssl, ciphers: tls.DEFAULT_CIPHERS, min: tls.DEFAULT_MIN_VERSION, max: tls.DEFAULT_MAX_VERSION, all: tls.getCiphers() }))
    .digest('hex')
    .slice(0, 24);
  return join(dir, `${name}-${h}.json`);
}

/**
 * `measure()`'s result, from the cache when this build measured it before; else measured now and
 * kept. `valid` rejects a cached value of the wrong shape (it is measured again).
 */
export async function cachedCapability<T>(name: string, key: unknown, measure: () => Promise<T>, valid: (v: unknown) => v is T): Promise<T> {
  const file = capabilityCacheFile(name, key);
  if (file) {
    try {
      const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (valid(v)) return v;
    } catch {
      /* absent or unreadable: measure */
    }
  }
  const value = await measure();
  if (file) {
    try {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileAtomic(file, JSON.stringify(value));
    } catch {
      /* a read-only home: measured again next time */
    }
  }
  return value;
}
