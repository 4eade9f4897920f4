#!/usr/bin/env node
// msscheck's command-line entry point: the compiled CLI in dist/ (`npm run build`; `npm ci` and
// `npm pack` build it through `prepare`), bundled by scripts/bundle-cli.mjs. In a clone,
// bin/msscheck-dev.js runs src/ through tsx instead. In order of preference:
// - dist/bundle/main.cjs, the CLI as one CommonJS file, compiled with V8's code cache: what V8
//   compiled during the last run is kept in the user's cache folder (the same as
//   src/net/capability-cache.ts's cacheDir(); MSSCHECK_CACHE_DIR=off: no cache), so a run skips most
//   of parsing and compiling the CLI (Node 20 has no code cache for ES modules). The cache is keyed by
//   the bundle (path, size, modification time), this V8 and its flags; V8 itself rejects a cache that
//   does not fit, and the file is then compiled as usual and the cache written again after the run.
//   MSSCHECK_BUNDLE=esm skips it (to compare the two);
// - dist/bundle/main.js, the same CLI as ES modules;
// - dist/cli/main.js, its modules one by one.
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** The folder of the code caches (null: none), as src/net/capability-cache.ts's cacheDir() + code/. */
function codeCacheDir(env) {
  if (env.MSSCHECK_CACHE_DIR === 'off') return null;
  if (env.MSSCHECK_CACHE_DIR) return join(env.MSSCHECK_CACHE_DIR, 'code');
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'msscheck', 'code');
  try {
    return join(homedir(), '.cache', 'msscheck', 'code');
  } catch {
    return null;
  }
}

const hash = (v) => createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 24);

/**
 * Runs the CommonJS file through V8's code cache; returns its exports and `save()`, which writes the
 * cache (after the run: the functions compiled while running are in it too) when there was none or
 * V8 rejected it, and removes the caches of older builds of the same file. Errors of the cache folder
 * only cost time.
 */
function requireCached(file) {
  const bytes = readFileSync(file);
  // The bundle is ASCII (scripts/bundle-cli.mjs): a one-byte string, without decoding UTF-8.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  let cacheFile = null;
  let cachedData;
  const dir = codeCacheDir(process.env);
  const prefix = `bundle-${hash(file)}-`;
  if (dir) {
    const st = statSync(file);
    cacheFile = join(dir, `${prefix}${hash([1, st.size, st.mtimeMs, process.versions.v8, process.execArgv])}.v8cache`);
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      /* no cache yet */
    }
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData, importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  const save = () => {
    if (!cacheFile || (cachedData && !script.cachedDataRejected)) return;
    try {
      mkdirSync(dir, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
      for (const name of readdirSync(dir)) {
        if (name.startsWith(prefix) && join(dir, name) !== cacheFile && name.endsWith('.v8cache')) unlinkSync(join(dir, name));
      }
    } catch {
      /* a read-only cache folder: compiled again next time */
    }
  };
  return { exports: mod.exports, save };
}

const cjs = fileURLToPath(new URL('../dist/bundle/main.cjs', import.meta.url));
const esm = new URL('../dist/bundle/main.js', import.meta.url);
if (process.env.MSSCHECK_BUNDLE !== 'esm' && existsSync(cjs)) {
  const { exports, save } = requireCached(cjs);
  process.exitCode = await exports.main(process.argv);
  save();
} else {
  const { main } = await import(existsSync(esm) ? esm.href : '../dist/cli/main.js');
  process.exitCode = await main(process.argv);
}
