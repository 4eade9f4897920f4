import { describe, expect, it } from 'vitest';
import { inShard, parseShard, shardOf } from '../../src/fleet/shard.js';
import { InputError } from '../../src/util/input-error.js';

describe('shards', () => {
  it('parses I/N, 1-based, and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(undefined)).toBeUndefined();
    for (const bad of ['0/4', '5/4', '1', 'a/b', '1/0', '-1/3']) expect(() => parseShard(bad), bad).toThrow(InputError);
  });

  it("a target's shard depends on its id alone: adding targets moves none", () => {
    const ids = Array.from({ length: 500 }, (_, i) => `operator-${i}`);
    const before = new Map(ids.map((id) => [id, shardOf(id, 8)]));
    const more = [...ids, ...Array.from({ length: 300 }, (_, i) => `new-${i}`)];
    for (const id of ids) expect(shardOf(id, 8)).toBe(before.get(id));
    // Each target in exactly one shard, and the shares are even enough to be worth cutting.
    const counts = Array.from({ length: 8 }, (_, k) => more.filter((id) => inShard(id, { index: k + 1, count: 8 })).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(more.length);
    for (const c of counts) expect(c).toBeGreaterThan(more.length / 8 / 2);
  });
});
