/** A slot of a Semaphore held by one `run`: it may be given back while its holder waits for something else. */
export interface Lease {
  /** Gives the slot back while `p` settles, then waits for a slot again (in arrival order); resolves or rejects as `p`. */
  outside<T>(p: Promise<T>): Promise<T>;
}

/**
 * A counting semaphore: at most `limit` holders at once. Waiters are served by priority (higher
 * first), in arrival order among equal priorities (the default, 0, gives plain arrival order).
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: { priority: number; wake: () => void }[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('semaphore limit must be a positive integer');
  }

  private async acquire(priority: number): Promise<void> {
    if (this.active >= this.limit) {
      await new Promise<void>((wake) => {
        // After the last waiter of at least this priority: arrival order among equals.
        let at = this.waiting.length;
        while (at > 0 && this.waiting[at - 1]!.priority < priority) at--;
        this.waiting.splice(at, 0, { priority, wake });
      });
    }
    this.active++;
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.wake();
  }

  async run<T>(fn: (lease: Lease) => Promise<T>, priority = 0): Promise<T> {
    await this.acquire(priority);
    const lease: Lease = {
      outside: async <U>(p: Promise<U>): Promise<U> => {
        this.release();
        try {
          return await p;
        } finally {
          await this.acquire(priority);
        }
      },
    };
    try {
      return await fn(lease);
    } finally {
      this.release();
    }
  }
}

/** One semaphore per key (per endpoint `host:port`), created on first use. */
export class KeyedSemaphore {
  private readonly byKey = new Map<string, Semaphore>();
  constructor(private readonly limit: number) {}

  run<T>(key: string, fn: () => Promise<T>, priority = 0): Promise<T> {
    let s = this.byKey.get(key);
    if (!s) this.byKey.set(key, (s = new Semaphore(this.limit)));
    return s.run(fn, priority);
  }
}
