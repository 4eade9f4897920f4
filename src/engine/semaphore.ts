/** A counting semaphore: at most `limit` holders at once, served in arrival order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('semaphore limit must be a positive integer');
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/** One semaphore per key (per endpoint `host:port`), created on first use. */
export class KeyedSemaphore {
  private readonly byKey = new Map<string, Semaphore>();
  constructor(private readonly limit: number) {}

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let s = this.byKey.get(key);
    if (!s) this.byKey.set(key, (s = new Semaphore(this.limit)));
    return s.run(fn);
  }
}
