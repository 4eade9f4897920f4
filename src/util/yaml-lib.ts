import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { requireWithCodeCache } from './code-cache.js';

/**
 * The yaml library (its CommonJS build), loaded when a file is parsed: a command whose data all come
 * from the build-time cache (util/data-cache.ts) does not load it. The compiled package carries it
 * bundled into one file (scripts/build.mjs: one file instead of some 70), loaded through V8's code
 * cache (util/code-cache.ts); under tsx, node_modules.
 * Its node tests (isMap...) go by a global Symbol.for, so documents of either copy are understood.
 */
let lib: typeof import('yaml') | undefined;
export function yaml(): typeof import('yaml') {
  if (!lib) {
    const bundled = fileURLToPath(new URL('../vendor/yaml.cjs', import.meta.url));
    const req = createRequire(import.meta.url);
    lib = (existsSync(bundled) ? requireWithCodeCache(bundled, req) : req('yaml')) as typeof import('yaml');
  }
  return lib;
}
