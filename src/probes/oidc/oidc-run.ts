import { KeyedSemaphore } from '../../engine/semaphore.js';
import { TokenVault } from './token-vault.js';
import type { OidcProgress, OidcProgressHook } from './progress.js';

/** How many CIBA requests reached one test identity role during a run (`Report.cibaApprovals`). */
export interface CibaApprovalCount {
  role: string;
  count: number;
}

/**
 * Everything OIDC that belongs to ONE target's run: its token vault, its progress hook, the CIBA
 * flows in progress, and how many times each test person was asked. No module-level state: a fleet
 * run holds one `OidcRun` per target. Against a real Pro Santé Connect every CIBA request is a
 * person acting on a phone or a card, so a run asks each identity once and shares the answer.
 */
export class OidcRun {
  readonly vault = new TokenVault();
  private readonly asked = new Map<string, number>();
  private readonly flights = new Map<string, Promise<unknown>>();
  private readonly memo = new Map<string, Promise<unknown>>();
  private readonly flows = new Map<string, unknown>();
  private readonly serial = new KeyedSemaphore(1);

  constructor(private readonly options: { progress?: OidcProgressHook } = {}) {}

  /** Shows progress through the run's hook; a broken display never breaks a probe. */
  progress(p: OidcProgress): void {
    try {
      this.options.progress?.(p);
    } catch {
      // ignored on purpose
    }
  }

  /** Counts one CIBA authentication request that reached the person playing `role`. */
  countRequest(role: string): void {
    this.asked.set(role, (this.asked.get(role) ?? 0) + 1);
  }

  /** CIBA requests per role, in role order (empty when the run asked nobody). */
  approvalCounts(): CibaApprovalCount[] {
    return [...this.asked].sort(([a], [b]) => a.localeCompare(b)).map(([role, count]) => ({ role, count }));
  }

  /** The flow under `key` that is in progress right now, if any. */
  inFlight<T>(key: string): Promise<T> | undefined {
    return this.flights.get(key) as Promise<T> | undefined;
  }

  /** Runs `fn` as THE flow under `key`: while it runs, `inFlight(key)` hands it to other askers. */
  async fly<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const p = fn();
    this.flights.set(key, p);
    try {
      return await p;
    } finally {
      if (this.flights.get(key) === p) this.flights.delete(key);
    }
  }

  /** Records the observations of the last complete flow under `key`. */
  recordFlow(key: string, facts: unknown): void {
    this.flows.set(key, facts);
  }

  /** The observations of the last complete flow under `key` in this run. */
  lastFlow<T>(key: string): T | undefined {
    return this.flows.get(key) as T | undefined;
  }

  /** A value computed once per run under `key` (e.g. msscheck's own signing key). */
  once<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = fn();
      this.memo.set(key, p);
    }
    return p;
  }

  /**
   * Runs `fn` after every earlier `serially` call under the same `key` has ended (its failure
   * included): e.g. one refresh-token redemption at a time, each with the refresh token the one
   * before it left, for a provider that rotates refresh tokens and refuses a used one.
   */
  serially<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.serial.run(key, fn);
  }

  /** Forgets the run's tokens (the end of a run). */
  close(): void {
    this.vault.clear();
    this.flights.clear();
    this.memo.clear();
    this.flows.clear();
  }
}
