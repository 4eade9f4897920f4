/**
 * A Map that forgets its oldest entry once it holds `max`: a process-wide cache (parsed
 * certificates, TLS contexts...) that a long run or a fleet cannot grow without bound.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.max) this.delete(this.keys().next().value!);
    return super.set(key, value);
  }

  /** The value kept for `key`, or `compute()`'s, kept. */
  getOr(key: K, compute: () => V): V {
    if (this.has(key)) return this.get(key)!;
    const v = compute();
    this.set(key, v);
    return v;
  }
}
