/**
 * Where a one-time code comes from: computed from the mailbox's TOTP seed for a chosen time, or
 * (SMS / e-mail OTP) from the mailbox's `otpCodeSource`: a command's output, an environment
 * variable, or an interactive prompt. Without a usable source the probe is `skip`.
 */
import { execFile } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
// otpauth (its CommonJS build) is loaded when a code is computed, not with the probe registry.
const otpauth = (): typeof import('otpauth') => createRequire(import.meta.url)('otpauth') as typeof import('otpauth');
import type { Mailbox } from '../../target/profile.js';
import { ProbeError, precondition, type ProbeContext } from '../types.js';
import { phrase } from '../../i18n/phrase.js';

export interface TotpParams {
  period: number;
  digits: number;
  algorithm: 'SHA1' | 'SHA256' | 'SHA512';
}

/** The RFC 6238 code of `seed` (base32) at `at`. */
export function totpCode(seedBase32: string, at: Date, p: TotpParams): string {
  const { Secret, TOTP } = otpauth();
  return new TOTP({ secret: Secret.fromBase32(seedBase32.replace(/\s/g, '')), period: p.period, digits: p.digits, algorithm: p.algorithm }).generate({ timestamp: at.getTime() });
}

/**
 * Time steps msscheck itself has already spent, per run (`scope`: the run's target object) and per
 * (login endpoint, mailbox). A server that refuses replays refuses a step already used (some refuse
 * every step up to the last one used), so two scenarios sending "a valid code" must not pick the
 * same step: each fresh code takes the next unspent step. Scoped to the run, not the process: two
 * sandboxes started one after the other may get the same port, and a new server has spent nothing.
 */
const spentSteps = new WeakMap<object, Map<string, number>>();

/**
 * Offset (in steps, from the server's step) of the next unspent step, reserved at once; 0 or 1
 * (the ±1 window), or undefined when both are spent (the caller waits for the next step).
 */
export function reserveFreshStep(scope: object, key: string, serverStep: number): number | undefined {
  let spent = spentSteps.get(scope);
  if (!spent) spentSteps.set(scope, (spent = new Map()));
  const last = spent.get(key);
  const step = last === undefined ? serverStep : Math.max(serverStep, last + 1);
  if (step > serverStep + 1) return undefined;
  spent.set(key, step);
  return step - serverStep;
}

export function resolveTotpSeed(ctx: ProbeContext, mailbox: Mailbox): string {
  if (!mailbox.totpSeed) throw precondition(phrase('pe-no-totp-seed', { mailbox: mailbox.address }));
  const seed = ctx.secrets.resolve(mailbox.totpSeed, 'TOTP seed');
  if (!seed) throw precondition(phrase('pe-totp-seed-unset', { mailbox: mailbox.address }));
  return seed.trim();
}

export type OutOfBandSource = 'command' | 'env' | 'prompt';

/** Which out-of-band source is usable here (a prompt needs a terminal), or undefined. */
export function usableOutOfBandSource(mailbox: Mailbox, interactive: boolean): OutOfBandSource | undefined {
  const s = mailbox.otpCodeSource;
  if (!s) return undefined;
  if (s.command) return 'command';
  if (s.env) return 'env';
  if (s.prompt && interactive) return 'prompt';
  return undefined;
}

/** Gets the code the operator sent by SMS or e-mail. Throws `skip` when no source is usable. */
export async function outOfBandCode(ctx: ProbeContext, mailbox: Mailbox, interactive: boolean): Promise<string> {
  const source = usableOutOfBandSource(mailbox, interactive);
  const s = mailbox.otpCodeSource ?? {};
  if (source === 'command') {
    const out = await new Promise<string>((resolve, reject) => {
      execFile('/bin/sh', ['-c', s.command!], { timeout: ctx.timeouts.idleMs, signal: ctx.signal, maxBuffer: 4096 }, (err, stdout) =>
        err ? reject(new ProbeError('EINPUT', phrase('pe-otp-command-failed', { mailbox: mailbox.address, code: `${(err as NodeJS.ErrnoException).code ?? 'error'}` }))) : resolve(stdout),
      );
    });
    const code = out.trim().split(/\r?\n/)[0]?.trim();
    if (!code) throw new ProbeError('EINPUT', phrase('pe-otp-command-no-code', { mailbox: mailbox.address }));
    ctx.redactor.register(code, 'otp');
    return code;
  }
  if (source === 'env') {
    const code = ctx.secrets.resolve(`env:${s.env}`, 'otp');
    if (!code) throw precondition(phrase('pe-otp-env-unset', { env: `${s.env}`, mailbox: mailbox.address }));
    return code.trim();
  }
  if (source === 'prompt') {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    try {
      const code = await new Promise<string>((resolve, reject) => {
        ctx.signal.addEventListener('abort', () => reject(new ProbeError('ETIMEDOUT_OVERALL', phrase('pe-otp-no-code-typed'))), { once: true });
        rl.question(`msscheck: one-time code received for ${mailbox.address}: `, (a) => resolve(a.trim()));
      });
      ctx.redactor.register(code, 'otp');
      return code;
    } finally {
      rl.close();
    }
  }
  throw precondition(phrase('pe-otp-no-source', { mailbox: mailbox.address }));
}
