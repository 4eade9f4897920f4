import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requireWithCodeCache } from '../../src/util/code-cache.js';

const saved = process.env.MSSCHECK_CACHE_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.MSSCHECK_CACHE_DIR;
  else process.env.MSSCHECK_CACHE_DIR = saved;
});

describe('requireWithCodeCache', () => {
  it('loads a CommonJS file as require does, keeps V8\'s code cache, uses it, and survives a corrupt or absent cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'msscheck-code-cache-'));
    const file = join(dir, 'lib.cjs');
    writeFileSync(file, "'use strict';\nconst path = require('node:path');\nexports.join = (a, b) => path.join(a, b);\nmodule.exports.self = this === module.exports;\nexports.where = __filename;\n");
    const req = createRequire(file);
    process.env.MSSCHECK_CACHE_DIR = join(dir, 'cache');
    const first = requireWithCodeCache(file, req) as { join(a: string, b: string): string; self: boolean; where: string };
    expect(first.join('a', 'b')).toBe(join('a', 'b'));
    expect(first.self).toBe(true);
    expect(first.where).toBe(file);
    const written = readdirSync(join(dir, 'cache', 'code'));
    expect(written).toHaveLength(1);
    const second = requireWithCodeCache(file, req) as { join(a: string, b: string): string };
    expect(second.join('x', 'y')).toBe(join('x', 'y'));
    writeFileSync(join(dir, 'cache', 'code', written[0]!), 'not a code cache');
    expect((requireWithCodeCache(file, req) as { self: boolean }).self).toBe(true);
    // a new build of the file (other size): its cache replaces the old one instead of piling up, and
    // a cache named as before this naming (never read now) goes too
    writeFileSync(join(dir, 'cache', 'code', '0123456789abcdef01234567.v8cache'), 'old');
    writeFileSync(file, "'use strict';\nexports.where = __filename; // rebuilt\n");
    expect((requireWithCodeCache(file, req) as { where: string }).where).toBe(file);
    const after = readdirSync(join(dir, 'cache', 'code'));
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(written[0]);
    expect(after[0]!.split('-')[0]).toBe(written[0]!.split('-')[0]);
    process.env.MSSCHECK_CACHE_DIR = 'off';
    expect((requireWithCodeCache(file, req) as { where: string }).where).toBe(file);
  });
});
