/**
 * `otp.login`: runs the target profile's declarative `otpFlow` with a one-time code: a TOTP code
 * computed for the SERVER's clock (read from the flow) shifted by `offsetSteps` time steps, or an
 * SMS / e-mail code from the mailbox's `otpCodeSource`. With `attempts: 2` the same code is sent
 * again in a second login (replay). Facts only; an accepted valid code is an observed method.
 */
import { phrase, type Phrase } from '../../i18n/phrase.js';
import { pickMailbox, resolvePassword } from '../imap/auth-material.js';
import { ProbeError, type Probe } from '../types.js';
import { outOfBandCode, reserveFreshStep, resolveTotpSeed, usableOutOfBandSource, totpCode, type TotpParams } from './code-source.js';
import { type FlowRun, type OtpFlow, runOtpFlow } from './flow-interpreter.js';
import { otpLoginFacts } from './facts-schemas.js';

export interface OtpLoginInput {
  mailbox?: string;
  code?: 'totp' | 'out-of-band';
  /** Exact offset in time steps from the server's clock; omitted: a fresh (unspent) step of the ±1 window. */
  offsetSteps?: number;
  attempts?: 1 | 2;
  /** Policy means recorded when a code is accepted (default: totp, or sms-otp for out-of-band). */
  means?: string;
  /** Injected clock for the code, instead of the server's (tests, servers without a clock). */
  at?: string;
}

export type OtpLoginFacts = {
  mailbox: string;
  code: 'totp' | 'out-of-band';
  offsetSteps: number;
  serverTime: string | null;
  accepted: boolean;
  attempts: { accepted: boolean; status: number | null; stoppedAt: string | null }[];
  /** With attempts: 2, whether the second login with the same code was accepted. */
  replayAccepted: boolean | null;
};

/**
 * The precondition of every verdict on a code: the flow reached the server with it. A flow that
 * stopped before the code was sent (a 503, a redirect at the password step) judged nothing, and a
 * server error (5xx) answering the code is not a refusal of it: both are `error`, never a pass.
 */
function flowWorked(run: FlowRun, which: Phrase): FlowRun {
  if (!run.codeSent) throw new ProbeError('EFLOW', phrase('pe-otp-stopped-before-code', { which, step: `${run.stoppedAt}`, status: `${run.status}` }));
  if (!run.accepted && run.status !== null && run.status >= 500) throw new ProbeError('EFLOW', phrase('pe-otp-server-error', { which, step: `${run.stoppedAt}`, status: `${run.status}` }));
  return run;
}

export const otpLoginProbe: Probe<OtpLoginInput, OtpLoginFacts> = {
  name: 'otp.login',
  facts: otpLoginFacts,
  summary: 'Runs the profile\'s declarative HTTP OTP login flow with a TOTP code (chosen time step) or an SMS/e-mail code',
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      mailbox: { type: 'string' },
      code: { enum: ['totp', 'out-of-band'], default: 'totp' },
      offsetSteps: { type: 'integer', description: 'TOTP time steps added to the server clock (omitted: a fresh step of the ±1 window)' },
      attempts: { enum: [1, 2], default: 1 },
      means: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
      at: { type: 'string', format: 'date-time' },
    },
  },
  async run(input, ctx) {
    const flow = ctx.target.profile.otpFlow as OtpFlow | undefined;
    if (!flow) throw new ProbeError('PRECONDITION', phrase('pe-no-otp-flow'), 'not-applicable');
    const endpoint = ctx.target.profile.endpoints.otpWeb?.url;
    if (!endpoint) throw new ProbeError('PRECONDITION', phrase('pe-no-otp-web'), 'not-applicable');
    const kind = input.code ?? 'totp';
    let offsetSteps = input.offsetSteps ?? 0;
    const mailbox = pickMailbox(ctx, { mailbox: input.mailbox, needs: kind === 'totp' ? 'totpSeed' : 'otpCodeSource' });
    const params: TotpParams = { period: flow.totp?.period ?? 30, digits: flow.totp?.digits ?? 6, algorithm: flow.totp?.algorithm ?? 'SHA1' };
    // Resolve secrets before any request, so that a missing one is a skip, not half a login.
    const seed = kind === 'totp' ? resolveTotpSeed(ctx, mailbox) : undefined;
    const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
    if (kind === 'out-of-band' && !mailbox.otpCodeSource) throw new ProbeError('PRECONDITION', phrase('pe-no-otp-code-source', { mailbox: mailbox.address }), 'skip');
    if (kind === 'out-of-band' && !usableOutOfBandSource(mailbox, interactive)) {
      throw new ProbeError('PRECONDITION', phrase('pe-otp-needs-terminal', { mailbox: mailbox.address }), 'skip');
    }
    let code: string | undefined;
    const bindings = {
      endpoint,
      mailbox: { address: mailbox.address, login: mailbox.login ?? mailbox.address },
      secret: (name: string): string => {
        if (name === 'password') return resolvePassword(ctx, mailbox);
        const ref = ctx.target.profile.credentials?.[name];
        const v = ref ? ctx.secrets.resolve(ref, name) : undefined;
        if (v === undefined) throw new ProbeError('PRECONDITION', phrase('pe-otp-secret-unset', { template: `\${secret.${name}}`, name }), 'skip');
        return v;
      },
      otp: async (serverTime: Date | null): Promise<string> => {
        if (code) return code;
        if (kind === 'out-of-band') return (code = await outOfBandCode(ctx, mailbox, interactive));
        const base = input.at ? new Date(input.at) : serverTime;
        if (!base) throw new ProbeError('EPROTOCOL', phrase('pe-otp-no-server-clock'));
        if (input.offsetSteps === undefined) {
          const serverStep = Math.floor(base.getTime() / 1000 / params.period);
          const fresh = reserveFreshStep(ctx.target, `${endpoint}|${mailbox.address}`, serverStep);
          // Both steps of the window already spent by this run: the code is that of the next step, sent when it starts.
          if (fresh === undefined) throw new ProbeError('EPROTOCOL', phrase('pe-otp-window-used'));
          offsetSteps = fresh;
        }
        return (code = totpCode(seed!, new Date(base.getTime() + offsetSteps * params.period * 1000), params));
      },
    };
    const runs: FlowRun[] = [];
    runs.push(flowWorked(await runOtpFlow(flow, bindings, ctx, phrase('ev-otp-login', { mailbox: mailbox.address })), phrase('pe-otp-the-login')));
    if ((input.attempts ?? 1) === 2) runs.push(flowWorked(await runOtpFlow(flow, bindings, ctx, phrase('ev-otp-login-again', { mailbox: mailbox.address })), phrase('pe-otp-the-second-login')));
    const means = input.means ?? (kind === 'totp' ? 'totp' : 'sms-otp');
    if (runs.some((r) => r.accepted)) ctx.observeMethod({ means, endpoint: `otpWeb ${endpoint}`, detail: phrase(kind === 'totp' ? 'observed-otp-totp' : 'observed-otp-code'), context: ctx.target.profile.endpoints.otpWeb?.context });
    return {
      mailbox: mailbox.address,
      code: kind,
      offsetSteps,
      serverTime: runs[0]!.serverTime,
      accepted: runs[0]!.accepted,
      attempts: runs.map((r) => ({ accepted: r.accepted, status: r.status, stoppedAt: r.stoppedAt })),
      replayAccepted: runs[1] ? runs[1].accepted : null,
    };
  },
};
