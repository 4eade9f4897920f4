/**
 * RFC 6238 verification as the sandbox's web login does it: a window of ±`window` steps around
 * the server's clock, and each time step usable once per user (a replayed code is refused).
 */
import { Secret, TOTP } from 'otpauth';

export interface TotpPolicy {
  period: number;
  digits: number;
  /** Steps accepted either side of the current one (RFC 6238 §5.2 recommends at most one). */
  window: number;
  /** false: a code already used is accepted again (defect). */
  refuseReplay: boolean;
}

export class TotpChecker {
  /** Time steps already used, per user: a code is good once (RFC 6238 §5.2). */
  private readonly usedSteps = new Map<string, Set<number>>();

  constructor(private readonly policy: TotpPolicy) {}

  /** True when `code` is valid for `seed` at `now` and not a replay. */
  check(user: string, seedBase32: string, code: string, now: Date): boolean {
    const totp = new TOTP({ secret: Secret.fromBase32(seedBase32), period: this.policy.period, digits: this.policy.digits, algorithm: 'SHA1' });
    const delta = totp.validate({ token: code, timestamp: now.getTime(), window: this.policy.window });
    if (delta === null) return false;
    const step = Math.floor(now.getTime() / 1000 / this.policy.period) + delta;
    const used = this.usedSteps.get(user) ?? new Set<number>();
    if (this.policy.refuseReplay && used.has(step)) return false;
    used.add(step);
    this.usedSteps.set(user, used);
    return true;
  }
}
