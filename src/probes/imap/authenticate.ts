/**
 * `imap.authenticate`: tries one authentication mechanism on the IMAP endpoint after TLS (even when
 * it is not advertised) and reports what the server did. Every SASL payload is registered with the
 * redactor before it is written. An accepted method is recorded with `ctx.observeMethod`.
 */
import { phrase } from '../../i18n/phrase.js';
import { ProbeError, type Probe, type ProbeContext } from '../types.js';
import { AUTH_INPUT_SCHEMA, type AuthFacts, type AttemptFacts, type AuthInput, attemptFacts, conclusiveOutcome, requireOffered, reportAuthOutcome, meansFor } from './auth-facts.js';
import { droppedMidExchange, replyMeanings, type ReplyVerdict } from '../outcomes/reply-meanings.js';
import { retryInconclusive } from '../outcomes/retry.js';
import { type ClientCertMaterial, resolveAuthMaterial } from './auth-material.js';
import { imapEndpoint, openImap } from './connect.js';
import { type CommandPart, type ContinuationHandler, type LiteralMode, responseCode, type TaggedReply } from './imap-client.js';
import { bearerAbort, bearerResponse, externalResponse, plainResponse } from './sasl-client.js';
import type { MailEndpoint, Mailbox } from '../../target/profile.js';
import { authenticateFacts } from './facts-schemas.js';

/**
 * An IMAP astring argument (RFC 3501 §9, RFC 9051 §9): a quoted string when the value is printable
 * ASCII, else a literal carrying its UTF-8 octets (a non-ASCII password must reach the server so that
 * "refused" means the server refused). Only NUL cannot travel in a literal: our limitation, not a refusal.
 */
function astring(value: string, secret = false): CommandPart {
  if (/^[\x20-\x7e]*$/.test(value)) {
    const quoted = `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    return secret ? { text: quoted, secret: true } : quoted;
  }
  if (value.includes('\0')) throw new ProbeError('ECLIENT_UNSUPPORTED', phrase('pe-nul-credential'));
  return secret ? { literal: value, secret: true } : { literal: value };
}

const isLiteral = (p: CommandPart): p is { literal: string; secret?: boolean } => typeof p !== 'string' && 'literal' in p;

/** Literals go at once with LITERAL+ (RFC 7888 §4), or LITERAL- up to 4096 octets; otherwise each waits for the server's `+`. */
function literalMode(capabilities: string[], parts: CommandPart[]): LiteralMode {
  if (capabilities.includes('LITERAL+')) return 'non-synchronizing';
  const small = parts.every((p) => !isLiteral(p) || Buffer.byteLength(p.literal, 'utf8') <= 4096);
  return capabilities.includes('LITERAL-') && small ? 'non-synchronizing' : 'synchronizing';
}

interface Prepared {
  mailbox?: Mailbox;
  user: string | null;
  /** Builds the command and the continuation answers once capabilities are known; `parts` only when it carries literals. */
  command(capabilities: string[], endpoint: { host: string; port: number }): { line: string; parts?: CommandPart[]; initial?: string; abort: string };
  cert?: ClientCertMaterial;
}

async function prepare(input: AuthInput, ctx: ProbeContext): Promise<Prepared> {
  const m = await resolveAuthMaterial(input, ctx);
  switch (m.kind) {
    case 'certificate':
      // The authorization identity is left empty: the certificate alone must name the mailbox.
      return { mailbox: m.mailbox, user: m.user, cert: m.cert, command: () => ({ line: 'AUTHENTICATE EXTERNAL', initial: externalResponse(undefined), abort: '*' }) };
    case 'bearer':
      return {
        mailbox: m.mailbox,
        user: m.user,
        command: (_caps, ep) => ({ line: `AUTHENTICATE ${m.mechanism}`, initial: bearerResponse(m.mechanism, m.user, ep, m.token, ctx.redactor), abort: bearerAbort(m.mechanism) }),
      };
    case 'password':
      if (m.mechanism === 'PLAIN') return { mailbox: m.mailbox, user: m.user, command: () => ({ line: 'AUTHENTICATE PLAIN', initial: plainResponse(m.user, m.password, ctx.redactor), abort: '*' }) };
      return {
        mailbox: m.mailbox,
        user: m.user,
        command: () => {
          const parts: CommandPart[] = ['LOGIN ', astring(m.user), ' ', astring(m.password, true)];
          // Without a literal the command is one line, which the imap-login pattern masks in the transcript.
          if (!parts.some(isLiteral)) return { line: parts.map((p) => (typeof p === 'string' ? p : 'text' in p ? p.text : p.literal)).join(''), abort: '*' };
          return { line: 'LOGIN', parts, abort: '*' };
        },
      };
  }
}

export const imapAuthenticateProbe: Probe<AuthInput, AuthFacts> = {
  name: 'imap.authenticate',
  facts: authenticateFacts,
  summary: 'Tries one authentication mechanism on IMAP after STARTTLS (XOAUTH2, OAUTHBEARER, EXTERNAL, PLAIN, LOGIN) and reports the server\'s answer',
  inputSchema: AUTH_INPUT_SCHEMA,
  async run(input, ctx) {
    const endpointName = input.endpoint ?? 'imap';
    const ep = imapEndpoint(ctx, endpointName);
    const prepared = await prepare(input, ctx);
    const attempt = (): Promise<Attempt> => ctx.withEndpointSlot(`${ep.host}:${ep.port}`, () => authenticateOnce(input, ctx, endpointName, ep, prepared));
    const done = await retryInconclusive(ctx, phrase('what-on', { what: `IMAP ${input.mechanism}`, endpoint: `${endpointName} ${ep.host}:${ep.port}` }), attempt, (a) => a.verdict);
    const means = input.means ?? meansFor(input.mechanism, prepared.mailbox, prepared.cert);
    return reportAuthOutcome(ctx, { ...done.base, ...conclusiveOutcome(done.verdict, done.inconclusiveBefore) }, means, {
      endpoint: `imap ${ep.host}:${ep.port}`,
      command: input.mechanism === 'LOGIN' ? 'IMAP LOGIN' : `AUTHENTICATE ${input.mechanism}`,
      security: done.security,
      certificateSource: prepared.cert?.source,
    });
  },
};

interface Attempt {
  base: AttemptFacts;
  verdict: ReplyVerdict;
  security: string;
}

/**
 * One session: TLS, CAPABILITY, the authentication command and its continuations. Only the tagged
 * reply to that command is judged (protocol/reply-meanings.yaml, exchange `imap-auth`); a session
 * that ends during the exchange is inconclusive.
 */
async function authenticateOnce(input: AuthInput, ctx: ProbeContext, endpointName: string, ep: MailEndpoint, prepared: Prepared): Promise<Attempt> {
  const transcript = ctx.transcript(phrase('ev-imap-auth', { mechanism: input.mechanism, endpoint: endpointName }));
  const opened = await openImap(ctx, endpointName, { transcript, requireTls: true, clientTls: prepared.cert?.tls });
  const { client, capabilities } = opened;
  try {
    const caps = capabilities.map((c) => c.toUpperCase());
    const mechanismsAdvertised = caps.filter((c) => c.startsWith('AUTH=')).map((c) => c.slice(5));
    const advertised = input.mechanism === 'LOGIN' ? !caps.includes('LOGINDISABLED') : mechanismsAdvertised.includes(input.mechanism);
    requireOffered(input, ep, `${endpointName} ${ep.host}:${ep.port}`, advertised, input.means ?? meansFor(input.mechanism, prepared.mailbox, prepared.cert));
    const built = prepared.command(caps, ep);
    let line = built.line;
    let initialPending = built.initial !== undefined;
    if (built.initial !== undefined && caps.includes('SASL-IR')) {
      line = `${line} ${built.initial}`;
      initialPending = false;
    }
    const challenges: string[] = [];
    const onContinuation: ContinuationHandler = (challenge) => {
      if (initialPending) {
        initialPending = false;
        return built.initial!;
      }
      challenges.push(challenge);
      return built.abort;
    };
    const tried = { endpoint: endpointName, mechanism: input.mechanism, user: prepared.user, tls: opened.facts.tls, advertised, mechanismsAdvertised, certificateSource: prepared.cert?.source ?? null };
    const base = (reply: string, code: string | null): AttemptFacts => attemptFacts(tried, challenges, reply, code);
    let reply: TaggedReply;
    try {
      reply = built.parts ? await client.commandWithLiterals(built.parts, literalMode(caps, built.parts)) : await client.command(line, onContinuation);
    } catch (err) {
      if (err instanceof ProbeError && err.code === 'ECONNRESET') {
        const verdict = droppedMidExchange(input.mechanism === 'LOGIN' ? 'LOGIN' : `AUTHENTICATE ${input.mechanism}`, err.message);
        return { base: base(verdict.reply, null), verdict, security: opened.facts.security };
      }
      throw err;
    }
    return { base: base(reply.text, responseCode(reply.text) ?? null), verdict: replyMeanings().imap(reply), security: opened.facts.security };
  } finally {
    await client.logout();
  }
}
