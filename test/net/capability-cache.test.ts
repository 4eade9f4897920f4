import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedCapability, capabilityCacheFile } from '../../src/net/capability-cache.js';

const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');

describe("our client's measured TLS capability is kept per Node/OpenSSL build", () => {
  const saved = process.env.MSSCHECK_CACHE_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.MSSCHECK_CACHE_DIR;
    else process.env.MSSCHECK_CACHE_DIR = saved;
  });

  it('measures once, then reads the kept measurement; another key measures again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'msscheck-cache-'));
    process.env.MSSCHECK_CACHE_DIR = dir;
    let n = 0;
    const measure = async (): Promise<number[]> => [++n];
    expect(await cachedCapability('t', ['a'], measure, isNumbers)).toEqual([1]);
    expect(await cachedCapability('t', ['a'], measure, isNumbers)).toEqual([1]);
    expect(await cachedCapability('t', ['b'], measure, isNumbers)).toEqual([2]);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('a kept value of the wrong shape, or an unreadable one, is measured again', async () => {
    process.env.MSSCHECK_CACHE_DIR = mkdtempSync(join(tmpdir(), 'msscheck-cache-'));
    writeFileSync(capabilityCacheFile('t', 1)!, '{"not":"numbers"}');
    expect(await cachedCapability('t', 1, async () => [7], isNumbers)).toEqual([7]);
    writeFileSync(capabilityCacheFile('t', 1)!, '{broken');
    expect(await cachedCapability('t', 1, async () => [8], isNumbers)).toEqual([8]);
  });

  it('MSSCHECK_CACHE_DIR=off measures every time; an unwritable folder is ignored', async () => {
    process.env.MSSCHECK_CACHE_DIR = 'off';
    let n = 0;
    await cachedCapability('t', 1, async () => [++n], isNumbers);
    await cachedCapability('t', 1, async () => [++n], isNumbers);
    expect(n).toBe(2);
    const file = join(mkdtempSync(join(tmpdir(), 'msscheck-cache-')), 'plain-file');
    writeFileSync(file, '');
    process.env.MSSCHECK_CACHE_DIR = join(file, 'sub');
    expect(await cachedCapability('t', 1, async () => [3], isNumbers)).toEqual([3]);
  });
});
