/**
 * Loads a large CommonJS file (a library bundled into dist/vendor) with V8's code cache: what V8
 * compiled the last time is kept in the user's cache folder (src/net/capability-cache.ts), so a
 * later process skips most of parsing and compiling it (@peculiar/x509: ~30 -> ~16 ms). The cache
 * is keyed by the file (path, size, modification time) and this V8; V8 itself refuses a cache made
 * for other source or flags, and then the file is compiled as usual and the cache written again.
 * A cache folder that cannot be read or written changes nothing but the time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import vm from 'node:vm';
import { cacheDir } from '../net/capability-cache.js';
import { writeFileAtomic } from './atomic-file.js';

const FORMAT = 1;

const hash = (v: unknown): string => createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 24);

/** The cache file of `file` (`<hash of its path>-<hash of its version and this V8>.v8cache`; bin/msscheck.js names its bundle's the same way, with a `bundle-` prefix). */
function cacheFileFor(file: string): string | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  const st = statSync(file);
  return join(dir, 'code', `${hash([FORMAT, file])}-${hash([st.size, st.mtimeMs, process.versions.v8, process.execArgv])}.v8cache`);
}

/**
 * Removes the caches of older versions of the same file (same path hash), so that rebuilds do not fill
 * the folder, and those named as before (`<hash>.v8cache`, one per build, never read now).
 */
function removeOlderCaches(cacheFile: string): void {
  const dir = dirname(cacheFile);
  const name = basename(cacheFile);
  const prefix = name.slice(0, name.indexOf('-') + 1);
  for (const other of readdirSync(dir)) {
    if (other !== name && ((other.startsWith(prefix) && other.endsWith('.v8cache')) || /^[0-9a-f]{24}\.v8cache$/.test(other))) unlinkSync(join(dir, other));
  }
}

/** `require(file)`, through V8's code cache. `req` resolves what the file itself requires. */
export function requireWithCodeCache(file: string, req: NodeJS.Require): unknown {
  const source = readFileSync(file, 'utf8');
  let cacheFile: string | undefined;
  let cachedData: Buffer | undefined;
  try {
    cacheFile = cacheFileFor(file);
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    /* no cache yet */
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const mod = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (this: unknown, e: unknown, r: NodeJS.Require, m: { exports: unknown }, f: string, d: string) => void;
  wrapper.call(mod.exports, mod.exports, req, mod, file, dirname(file));
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    try {
      mkdirSync(dirname(cacheFile), { recursive: true });
      // After running: the functions the library compiled while loading are in the cache too.
      writeFileAtomic(cacheFile, script.createCachedData());
      removeOlderCaches(cacheFile);
    } catch {
      /* a read-only cache folder: compiled again next time */
    }
  }
  return mod.exports;
}
