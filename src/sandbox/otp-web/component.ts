/**
 * The sandbox's OTP web login component: a TOTP seed for the professional's mailbox (a `file:`
 * reference in the work folder), `endpoints.otpWeb`, and the profile's `otpFlow` describing the
 * login declaratively (the worked example of schemas/otp-flow.schema.json).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Secret } from 'otpauth';
import type { TargetProfile } from '../../target/profile.js';
import type { DefectSpec, SandboxComponent, SandboxComponentFactory } from '../types.js';
import { PERSON_MAILBOX } from '../imap/component.js';
import { startOtpWeb } from './server.js';
import { TotpChecker } from './totp-checker.js';

export const OTP_WEB_DEFECTS: DefectSpec[] = [
  { name: 'otp-accepts-replay', description: 'the web login accepts a TOTP code that was already used', fails: ['AUTH-TOTP-REPLAY'] },
  { name: 'otp-wide-window', description: 'the web login accepts TOTP codes several time steps away (window ±5 instead of ±1)', fails: ['AUTH-TOTP-WINDOW'] },
];

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
    const running = await startOtpWeb({ host: ctx.host, users, checker, now: () => new Date() });
    return {
      name: 'otp-web',
      contribute(profile: TargetProfile): void {
        profile.endpoints.otpWeb = { url: running.url };
        const m = (profile.mailboxes ?? []).find((x) => x.address === PERSON_MAILBOX);
        if (m) m.totpSeed = `file:${seedFile}`;
        profile.otpFlow = structuredClone(SANDBOX_OTP_FLOW) as Record<string, unknown>;
      },
      stop: () => running.close(),
    };
  },
};
