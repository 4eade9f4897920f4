/**
 * The sandbox web login's SMS / e-mail one-time codes: after a good password the server "sends" a
 * code to the user; the code is good once, until it expires. The sandbox's "SMS gateway" is a file
 * in its work folder holding the last code sent (written atomically), which the target profile's
 * `otpCodeSource` command reads, as an operator's test phone or mailbox would be read.
 *
 * A code still pending (not used, not expired) is sent again rather than replaced, so that logins
 * running side by side (TOTP logins also pass the password step) do not invalidate each other's code.
 */
import { randomInt } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';

export interface OutOfBandPolicy {
  /** Digits of a code (longer than the TOTP codes, so that the two can never be confused). */
  digits: number;
  /** How long a sent code stays good (ms). 0: expired on arrival (defect). */
  lifetimeMs: number;
}

interface Pending {
  code: string;
  expiresAt: number;
}

export class OutOfBandCodes {
  private readonly pending = new Map<string, Pending>();

  /**
   * @param deliver writes the message to the user's "phone" (the outbox file)
   */
  constructor(
    private readonly policy: OutOfBandPolicy,
    private readonly deliver: (login: string, code: string) => void,
  ) {}

  /** Sends `login` a code (the pending one when it is still good, else a new one). */
  send(login: string, now: Date): void {
    let p = this.pending.get(login);
    if (!p || p.expiresAt <= now.getTime()) {
      p = { code: String(randomInt(0, 10 ** this.policy.digits)).padStart(this.policy.digits, '0'), expiresAt: now.getTime() + this.policy.lifetimeMs };
      this.pending.set(login, p);
    }
    this.deliver(login, p.code);
  }

  /** True when `code` is the good pending code of `login`; the code is then spent. */
  consume(login: string, code: string, now: Date): boolean {
    const p = this.pending.get(login);
    if (!p || p.code !== code.trim() || p.expiresAt <= now.getTime()) return false;
    this.pending.delete(login);
    return true;
  }
}

/** A deliver function writing the code alone to `file` (mode 0600, atomic rename). */
export function fileOutbox(file: string): (login: string, code: string) => void {
  return (_login, code) => {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${code}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  };
}
