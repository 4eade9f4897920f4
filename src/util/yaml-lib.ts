import { createRequire } from 'node:module';

/**
 * The yaml library (its CommonJS build), loaded when a file is parsed: a command whose data all come
 * from the build-time cache (util/data-cache.ts) does not load it.
 */
let lib: typeof import('yaml') | undefined;
export function yaml(): typeof import('yaml') {
  return (lib ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
}
