/**
 * CRL downloads of ONE run (one target), keyed by the URL fetched: each CRL is fetched once per run,
 * and fetched again once its own nextUpdate has passed by the real clock (a long fleet process never
 * judges with a CRL its issuer has replaced). A failed download is forgotten (retried next time).
 * Every run makes its own (src/engine/run.ts): no module state mixes targets.
 */
import { crlView } from './crl-view.js';

interface Entry {
  bytes: Promise<Buffer>;
  /** The CRL's nextUpdate (ms), once known: past it, the entry is stale. */
  until?: number;
}

export class CrlCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The bytes behind `url`: cached while the CRL is current, else `fetch()`ed (and cached). */
  get(url: string, fetch: () => Promise<Buffer>): Promise<Buffer> {
    const cached = this.entries.get(url);
    if (cached && (cached.until === undefined || this.now() < cached.until)) return cached.bytes;
    const entry: Entry = { bytes: fetch() };
    this.entries.set(url, entry);
    entry.bytes.then(
      (b) => {
        try {
          entry.until = crlView(b).nextUpdate?.getTime();
        } catch {
          this.forget(url, entry); // not a CRL: judged as such by the caller, not kept
        }
      },
      () => this.forget(url, entry),
    );
    return entry.bytes;
  }

  /** How many CRLs are held (for tests). */
  get size(): number {
    return this.entries.size;
  }

  private forget(url: string, entry: Entry): void {
    if (this.entries.get(url) === entry) this.entries.delete(url);
  }
}
