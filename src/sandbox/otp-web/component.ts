/**
 * The sandbox's OTP web login component: a TOTP seed for the professional's mailbox (a `file:`
 * reference in the work folder), the SMS/e-mail-like code it sends after the password (written to
 * a file in the work folder, read by the mailbox's `otpCodeSource` command), `endpoints.otpWeb`,
 * and the profile's `otpFlow` describing the login declaratively (the worked example of
 * schemas/otp-flow.schema.json).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Secret } from 'otpauth';
import type { TargetProfile } from '../../target/profile.js';
import type { DefectSpec, SandboxComponent, SandboxComponentFactory } from '../types.js';
import { PERSON_MAILBOX } from '../imap/component.js';
import { startOtpWeb } from './server.js';
import { TotpChecker } from './totp-checker.js';
import { fileOutbox, OutOfBandCodes } from './out-of-band-codes.js';

export const OTP_WEB_DEFECTS: DefectSpec[] = [
  { name: 'otp-accepts-replay', description: 'the web login accepts a TOTP code that was already used', fails: ['AUTH-TOTP-REPLAY'] },
  { name: 'otp-wide-window', description: 'the web login accepts TOTP codes several time steps away (window ±5 instead of ±1)', fails: ['AUTH-TOTP-WINDOW'] },
  {
    name: 'otp-refuses-valid-code',
    description: 'the TOTP verifier\'s clock runs 10 minutes ahead of the login page\'s (serverTime): a valid code for the current step is refused',
    fails: ['AUTH-TOTP-VALID'],
    unverifiable: ['AUTH-TOTP-WINDOW', 'AUTH-TOTP-REPLAY'],
  },
  {
    name: 'otp-out-of-band-code-expired',
    description: 'the SMS/e-mail code sent after the password has a validity of 0 s: it is already expired when the user types it',
    fails: ['AUTH-OTP-OUT-OF-BAND'],
  },
];

/** How far the TOTP verifier's clock is ahead with `otp-refuses-valid-code` (20 steps: far beyond any window). */
const VERIFIER_SKEW_MS = 10 * 60_000;
/** The out-of-band code: 8 digits (never a TOTP code), good for 5 minutes. */
const OUT_OF_BAND = { digits: 8, lifetimeMs: 5 * 60_000 };

/** A shell word for `path` (single-quoted). */
const shellQuoted = (path: string): string => `'${path.replace(/'/g, `'\\''`)}'`;

/** The sandbox's flow, as an operator would describe its own in the target profile. */
export const SANDBOX_OTP_FLOW = {
  totp: { period: 30, digits: 6, algorithm: 'SHA1' },
  serverClock: { from: 'json', step: 'clock', path: 'serverTime' },
  steps: [
    { id: 'clock', request: { method: 'GET', url: '${endpoint}/login' }, expectStatus: [200] },
    {
      id: 'password',
      request: { method: 'POST', url: '${endpoint}/login', form: { username: '${mailbox.address}', password: '${secret.password}' } },
      extract: { session: { from: 'json', path: 'session' } },
      expectStatus: [200],
    },
    { id: 'otp', request: { method: 'POST', url: '${endpoint}/login/otp', form: { session: '${extract.session}', code: '${otp}' } } },
  ],
  success: { step: 'otp', status: [200], json: { path: 'authenticated', equals: true } },
};

function fileRefPath(ref: string | undefined): string | undefined {
  return ref?.startsWith('file:') ? ref.slice(5) : undefined;
}

export const otpWebComponent: SandboxComponentFactory = {
  name: 'otp-web',
  defects: OTP_WEB_DEFECTS,
  async start(ctx): Promise<SandboxComponent> {
    const seedFile = join(ctx.workDir, 'totp-seed.secret');
    writeFileSync(seedFile, new Secret({ size: 20 }).base32, { mode: 0o600 });
    const checker = new TotpChecker({ period: 30, digits: 6, window: ctx.defects.has('otp-wide-window') ? 5 : 1, refuseReplay: !ctx.defects.has('otp-accepts-replay') });
    const users = () => {
      const m = (ctx.profile.mailboxes ?? []).find((x) => x.address === PERSON_MAILBOX);
      const pw = fileRefPath(m?.password);
      if (!m || !pw) return [];
      return [{ login: m.address, password: readFileSync(pw, 'utf8'), totpSeed: readFileSync(seedFile, 'utf8') }];
    };
    const outboxFile = join(ctx.workDir, 'otp-out-of-band.txt');
    const outOfBand = new OutOfBandCodes({ ...OUT_OF_BAND, lifetimeMs: ctx.defects.has('otp-out-of-band-code-expired') ? 0 : OUT_OF_BAND.lifetimeMs }, fileOutbox(outboxFile));
    const skew = ctx.defects.has('otp-refuses-valid-code') ? VERIFIER_SKEW_MS : 0;
    const running = await startOtpWeb({ host: ctx.host, users, checker, outOfBand, now: () => new Date(), verifierNow: () => new Date(Date.now() + skew) });
    return {
      name: 'otp-web',
      contribute(profile: TargetProfile): void {
        // The sandbox's OTP login is its patient-facing login (patients need two factors, and TOTP or
        // an SMS/e-mail code stays allowed for them): professionals use Pro Santé Connect or a card.
        profile.endpoints.otpWeb = { url: running.url, context: 'patient-access' };
        const m = (profile.mailboxes ?? []).find((x) => x.address === PERSON_MAILBOX);
        if (m) {
          m.totpSeed = `file:${seedFile}`;
          // The "phone": the last code sent, printed by a command as an operator's test harness would.
          m.otpCodeSource = { command: `cat ${shellQuoted(outboxFile)}` };
        }
        profile.otpFlow = structuredClone(SANDBOX_OTP_FLOW) as Record<string, unknown>;
      },
      stop: () => running.close(),
    };
  },
};
