/**
 * `smtp.dsn`: delivery status notifications on submission (RFC 3461). After STARTTLS and a
 * successful login, whether DSN is advertised, whether an envelope asking for notifications
 * (`MAIL FROM … RET=HDRS ENVID=…`, `RCPT TO … NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;…`) is accepted,
 * and, as the negative control that shows NOTIFY is read rather than ignored, whether
 * `NOTIFY=BOGUS` is refused. No message is sent: the transaction is reset before DATA.
 */
import { phrase } from '../../i18n/phrase.js';
import { randomBytes } from 'node:crypto';
import { SmtpClient } from '../../net/smtp-client.js';
import type { SmtpReply } from '../../net/smtp-reply.js';
import type { MailEndpoint } from '../../target/profile.js';
import { AUTH_INPUT_SCHEMA, type AuthInput } from '../imap/auth-facts.js';
import { ProbeError, type Facts, type Probe, type ProbeContext } from '../types.js';
import { secureSession, submissionLogin, type Steps, withinLineLimit } from './auth.js';
import { smtpDsnFacts } from './facts-schemas.js';

export interface DsnFacts extends Facts {
  dsnAdvertised: boolean;
  /** The envelope with RET/ENVID and NOTIFY/ORCPT got 250 to MAIL and RCPT. */
  dsnParametersAccepted: boolean;
  mailReply: string;
  rcptReply: string;
  /** `NOTIFY=BOGUS` got a permanent refusal (5xx). */
  invalidNotifyRefused: boolean;
  invalidNotifyReply: string;
}

const text = (r: SmtpReply): string => `${r.code} ${r.lines.join(' ')}`.trim();

/** The submission login before a DSN envelope; a refusal is a missing precondition (skip), not a DSN verdict. */
export async function loginForDsn(client: SmtpClient, ep: MailEndpoint, steps: Steps, label: string): Promise<void> {
  const { command, answers } = withinLineLimit(steps.first(ep), steps.answers);
  let reply = await client.command(command);
  while (reply.code === 334) {
    const next = answers.shift();
    if (next === undefined) break;
    reply = await client.command(next);
  }
  // A refused login is a missing precondition here (the AUTH-* scenarios judge logins), not a verdict on DSN.
  if (reply.code !== 235) throw new ProbeError('PRECONDITION', phrase('pre-dsn-login-refused', { what: label, reply: text(reply) }), 'skip');
}

async function session(ctx: ProbeContext, ep: MailEndpoint, steps: Steps, label: string, address: string): Promise<DsnFacts> {
  const { client, ehlo } = await secureSession(ctx, ep, steps, label, phrase('ev-smtp-dsn', { endpoint: label }));
  try {
    const dsnAdvertised = ehlo.code === 250 && ehlo.lines.slice(1).some((l) => /^DSN\b/i.test(l.trim()));
    await loginForDsn(client, ep, steps, label);
    const envid = `msscheck-${randomBytes(6).toString('hex')}`;
    const mail = await client.command(`MAIL FROM:<${address}> RET=HDRS ENVID=${envid}`);
    const rcpt = mail.code === 250 ? await client.command(`RCPT TO:<${address}> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;${address}`) : undefined;
    await client.command('RSET');
    const plainMail = await client.command(`MAIL FROM:<${address}>`);
    if (plainMail.code !== 250) throw new ProbeError('EPROTOCOL', phrase('pe-dsn-plain-mail-refused', { what: label, reply: text(plainMail) }));
    const bogus = await client.command(`RCPT TO:<${address}> NOTIFY=BOGUS`);
    await client.command('RSET');
    return {
      dsnAdvertised,
      dsnParametersAccepted: mail.code === 250 && rcpt?.code === 250,
      mailReply: text(mail),
      rcptReply: rcpt ? text(rcpt) : '(not sent: MAIL refused)',
      invalidNotifyRefused: bogus.code >= 500 && bogus.code < 600,
      invalidNotifyReply: text(bogus),
    };
  } finally {
    await client.quit();
  }
}

export const smtpDsnProbe: Probe<AuthInput, DsnFacts> = {
  name: 'smtp.dsn',
  facts: smtpDsnFacts,
  summary: 'RFC 3461 on submission after login: DSN advertised, an envelope with RET/ENVID/NOTIFY/ORCPT accepted, NOTIFY=BOGUS refused (no message sent)',
  inputSchema: AUTH_INPUT_SCHEMA,
  async run(input, ctx) {
    const { endpointName, ep, steps } = await submissionLogin(input, ctx);
    const address = steps.mailbox?.address ?? steps.user;
    if (!address || !address.includes('@')) throw new ProbeError('PRECONDITION', phrase('pre-dsn-no-address'), 'skip');
    const label = `${endpointName} ${ep.host}:${ep.port}`;
    return ctx.withEndpointSlot(`${ep.host}:${ep.port}`, () => session(ctx, ep, steps, label, address));
  },
};
