/**
 * `smtp.authenticate`: the SMTP submission twin of `imap.authenticate`. EHLO, STARTTLS (tried
 * even when not advertised; refused → error, authentication is never tried in the clear), EHLO,
 * then `AUTH <mechanism>` (tried even when not advertised) and the server's verdict. SASL payloads
 * are registered with the redactor before they are written; an accepted method is observed.
 */
import { phrase, type Phrase } from '../../i18n/phrase.js';
import { SmtpClient } from '../../net/smtp-client.js';
import { authMechanisms, type SmtpReply } from '../../net/smtp-reply.js';
import type { MailEndpoint } from '../../target/profile.js';
import { AUTH_INPUT_SCHEMA, type AuthFacts, type AuthInput, reportAuthOutcome, meansFor } from '../imap/auth-facts.js';
import { type ClientCertMaterial, resolveAuthMaterial } from '../imap/auth-material.js';
import { base64Of, bearerAbort, bearerResponse, externalResponse, plainResponse } from '../imap/sasl-client.js';
import { ProbeError, type Probe, type ProbeContext } from '../types.js';
import { droppedMidExchange, replyMeanings, type ReplyVerdict } from '../outcomes/reply-meanings.js';
import { retryInconclusive } from '../outcomes/retry.js';
import { attemptFacts, conclusiveOutcome, requireOffered, type AttemptFacts } from '../imap/auth-facts.js';
import type { Mailbox } from '../../target/profile.js';
import { smtpAuthenticateFacts } from './facts-schemas.js';

export interface Steps {
  mailbox?: Mailbox;
  user: string | null;
  cert?: ClientCertMaterial;
  /** First line, then the answer to each 334 in turn; `abort` answers an unexpected 334 (error challenge). */
  first(ep: MailEndpoint): string;
  answers: string[];
  abort: string;
}

/** The endpoint (default smtpSubmission; absent: not-applicable) and the SASL steps of a submission login. */
export async function submissionLogin(input: AuthInput, ctx: ProbeContext): Promise<{ endpointName: string; ep: MailEndpoint; steps: Steps }> {
  const endpointName = input.endpoint ?? 'smtpSubmission';
  const ep = (ctx.target.profile.endpoints as Record<string, MailEndpoint | undefined>)[endpointName];
  if (!ep) throw new ProbeError('PRECONDITION', phrase('pre-no-endpoint', { endpoint: endpointName }), 'not-applicable');
  return { endpointName, ep, steps: await prepareSubmissionAuth(input, ctx) };
}

/** The SASL steps of one mechanism for a submission session (also used by smtp.dsn to log in before its envelope). */
export async function prepareSubmissionAuth(input: AuthInput, ctx: ProbeContext): Promise<Steps> {
  const m = await resolveAuthMaterial(input, ctx);
  switch (m.kind) {
    case 'certificate':
      return { mailbox: m.mailbox, user: m.user, cert: m.cert, first: () => `AUTH EXTERNAL ${externalResponse(undefined)}`, answers: [], abort: '*' };
    case 'bearer':
      return { mailbox: m.mailbox, user: m.user, first: (ep) => `AUTH ${m.mechanism} ${bearerResponse(m.mechanism, m.user, ep, m.token, ctx.redactor)}`, answers: [], abort: bearerAbort(m.mechanism) };
    case 'password':
      if (m.mechanism === 'PLAIN') return { mailbox: m.mailbox, user: m.user, first: () => `AUTH PLAIN ${plainResponse(m.user, m.password, ctx.redactor)}`, answers: [], abort: '*' };
      return { mailbox: m.mailbox, user: m.user, first: () => 'AUTH LOGIN', answers: [base64Of(m.user, ctx.redactor, 'login'), base64Of(m.password, ctx.redactor, 'sasl')], abort: '*' };
  }
}

const text = (r: SmtpReply): string => `${r.code} ${r.lines.join(' ')}`.trim();

/** RFC 5321 §4.5.3.1.4: a command line is at most 512 octets, CRLF included. */
const SMTP_COMMAND_LINE_MAX = 512;

/**
 * RFC 4954 §4: when `AUTH <mechanism> <initial-response>` would exceed the command line limit (a
 * PSC token alone is longer), the client must send `AUTH <mechanism>` and give the response after
 * the server's empty 334 challenge.
 */
export function withinLineLimit(first: string, answers: readonly string[]): { command: string; answers: string[] } {
  const m = /^(AUTH \S+) (\S+)$/.exec(first);
  if (!m || Buffer.byteLength(first) + 2 <= SMTP_COMMAND_LINE_MAX) return { command: first, answers: [...answers] };
  return { command: m[1], answers: [m[2], ...answers] };
}

export const smtpAuthenticateProbe: Probe<AuthInput, AuthFacts> = {
  name: 'smtp.authenticate',
  facts: smtpAuthenticateFacts,
  summary: 'Tries one SASL mechanism on SMTP submission after STARTTLS (XOAUTH2, OAUTHBEARER, EXTERNAL, PLAIN, LOGIN) and reports the server\'s answer',
  inputSchema: AUTH_INPUT_SCHEMA,
  async run(input, ctx) {
    const { endpointName, ep, steps } = await submissionLogin(input, ctx);
    const label = `${endpointName} ${ep.host}:${ep.port}`;
    const attempt = (): Promise<Attempt> => ctx.withEndpointSlot(`${ep.host}:${ep.port}`, () => authenticateOnce(input, ctx, ep, endpointName, label, steps));
    const done = await retryInconclusive(ctx, phrase('what-on', { what: `SMTP AUTH ${input.mechanism}`, endpoint: label }), attempt, (a) => a.verdict);
    const means = input.means ?? meansFor(input.mechanism, steps.mailbox, steps.cert);
    return reportAuthOutcome(
      ctx,
      { ...done.base, ...conclusiveOutcome(done.verdict, done.inconclusiveBefore) },
      means,
      { endpoint: `smtpSubmission ${ep.host}:${ep.port}`, command: `AUTH ${input.mechanism}`, security: ep.security ?? 'starttls', certificateSource: steps.cert?.source },
    );
  },
};

interface Attempt {
  base: AttemptFacts;
  verdict: ReplyVerdict;
}

/**
 * One session: banner, EHLO, STARTTLS, EHLO, `AUTH` and the SASL exchange. Only the reply to the
 * AUTH command is judged (protocol/reply-meanings.yaml, exchange `smtp-auth`); a session that ends
 * during the exchange is inconclusive; anything failing before AUTH is an error or a skip.
 */
/**
 * Banner, EHLO, STARTTLS (implicit TLS when declared), EHLO again: the session a login starts from.
 * STARTTLS refused or an endpoint declared without TLS is a skip: nothing is tried in the clear.
 */
export async function secureSession(ctx: ProbeContext, ep: MailEndpoint, steps: Steps, label: string, title: Phrase): Promise<{ client: SmtpClient; ehlo: SmtpReply }> {
  const security = ep.security ?? 'starttls';
  const tlsOptions = { servername: ep.serverName ?? ep.host, ...(steps.cert?.tls ?? {}) };
  const transcript = ctx.transcript(title);
  const { client, banner } = await SmtpClient.connect({ host: ep.host, port: ep.port, timeouts: ctx.timeouts, signal: ctx.signal, transcript, label, tls: security === 'tls' ? tlsOptions : undefined });
  try {
    if (banner.code !== 220) throw new ProbeError('EPROTOCOL', phrase('pe-banner', { what: label, code: `${banner.code}` }));
    let ehlo = await client.ehlo('msscheck.invalid');
    if (security === 'starttls') {
      const { reply } = await client.starttls(tlsOptions);
      if (reply.code !== 220) throw new ProbeError('NOT_OFFERED', phrase('pre-starttls-refused', { what: label, reply: text(reply) }), 'skip');
      ehlo = await client.ehlo('msscheck.invalid');
    } else if (security === 'plain') throw new ProbeError('PRECONDITION', phrase('net-declared-plain', { what: label }), 'skip');
    return { client, ehlo };
  } catch (err) {
    await client.quit();
    throw err;
  }
}

async function authenticateOnce(input: AuthInput, ctx: ProbeContext, ep: MailEndpoint, endpointName: string, label: string, steps: Steps): Promise<Attempt> {
  const { client, ehlo } = await secureSession(ctx, ep, steps, label, phrase('ev-smtp-auth', { mechanism: input.mechanism, endpoint: endpointName }));
  try {
    const mechanismsAdvertised = ehlo.code === 250 ? authMechanisms(ehlo) : [];
    const advertised = mechanismsAdvertised.includes(input.mechanism);
    requireOffered(input, ep, label, advertised, input.means ?? meansFor(input.mechanism, steps.mailbox, steps.cert));
    const { command, answers } = withinLineLimit(steps.first(ep), steps.answers);
    const challenges: string[] = [];
    const tried = { endpoint: endpointName, mechanism: input.mechanism, user: steps.user, tls: true, advertised, mechanismsAdvertised, certificateSource: steps.cert?.source ?? null };
    const base = (reply: string, responseCode: string | null): AttemptFacts => attemptFacts(tried, challenges, reply, responseCode);
    let reply: SmtpReply;
    try {
      reply = await client.command(command);
      while (reply.code === 334) {
        const next = answers.shift();
        if (next !== undefined) {
          reply = await client.command(next);
          continue;
        }
        challenges.push(reply.lines.join(''));
        if (challenges.length > 3) throw new ProbeError('EPROTOCOL', phrase('pe-too-many-334', { what: label }));
        reply = await client.command(steps.abort);
      }
    } catch (err) {
      if (err instanceof ProbeError && err.code === 'ECONNRESET') {
        const verdict = droppedMidExchange(`AUTH ${input.mechanism}`, err.message);
        return { base: base(verdict.reply, null), verdict };
      }
      throw err;
    }
    const closed = reply.code === 421 ? await client.conn.closesWithin(Math.min(1_000, ctx.timeouts.idleMs)) : false;
    const verdict = replyMeanings().smtp('smtp-auth', reply, closed);
    return { base: base(text(reply), String(reply.code)), verdict };
  } finally {
    await client.quit();
  }
}
