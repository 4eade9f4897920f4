import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../src/util/bounded-map.js';

describe('BoundedMap (the process-wide caches: certificates, CRLs, TLS contexts, as-of fields)', () => {
  it('computes a key once, keeps at most max entries and forgets the oldest first', () => {
    const cache = new BoundedMap<string, number>(2);
    let calls = 0;
    const compute = (n: number) => () => (calls++, n);
    expect(cache.getOr('a', compute(1))).toBe(1);
    expect(cache.getOr('a', compute(99))).toBe(1);
    expect(calls).toBe(1);
    cache.getOr('b', compute(2));
    cache.getOr('c', compute(3)); // full: 'a', the oldest, goes
    expect(cache.size).toBe(2);
    expect(cache.getOr('b', compute(99))).toBe(2);
    expect(cache.getOr('a', compute(10))).toBe(10); // computed again
    expect(calls).toBe(4);
  });

  it('replacing a key kept does not evict another', () => {
    const cache = new BoundedMap<string, number>(2);
    cache.set('a', 1).set('b', 2).set('a', 3);
    expect([...cache.entries()]).toEqual([['a', 3], ['b', 2]]);
  });
});
