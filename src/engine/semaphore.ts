/** A slot of a Semaphore held by one `run`: it may be given back while its holder waits for something else. */
export interface Lease {
  /** Gives the slot back while `p` settles, then waits for a slot again (in arrival order); resolves or rejects as `p`. */
  outside<T>(p: Promise<T>): Promise<T>;
}

/** A counting semaphore: at most `limit` holders at once, served in arrival order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('semaphore limit must be a positive integer');
  }

  private async acquire(): Promise<void> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }

  async run<T>(fn: (lease: Lease) => Promise<T>): Promise<T> {
    await this.acquire();
    const lease: Lease = {
      outside: async <U>(p: Promise<U>): Promise<U> => {
        this.release();
        try {
          return await p;
        } finally {
          await this.acquire();
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

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let s = this.byKey.get(key);
    if (!s) this.byKey.set(key, (s = new Semaphore(this.limit)));
    return s.run(fn);
  }
}
