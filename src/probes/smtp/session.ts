import { resolveMailEndpoint } from '../../net/endpoints.js';
import { phrase, type Phrase } from '../../i18n/phrase.js';
import { TlsHandshakeError } from '../../net/errors.js';
import { SmtpClient } from '../../net/smtp-client.js';
import { authMechanisms, ehloKeywords, type SmtpReply } from '../../net/smtp-reply.js';
import { DEFAULT_EHLO_NAME } from '../../net/tls-session.js';
import { ProbeError, type Facts, type Probe, type ProbeContext } from '../types.js';
import { droppedMidExchange, replyMeanings, type ReplyVerdict } from '../outcomes/reply-meanings.js';
import { retryInconclusive } from '../outcomes/retry.js';
import { smtpSessionFacts } from './facts-schemas.js';

export interface SmtpSessionInput {
  /** Endpoint name in the target profile: smtpMta or smtpSubmission. */
  endpoint: 'smtpMta' | 'smtpSubmission';
  ehloName?: string;
  /** Before STARTTLS, try `AUTH <mech> <dummy credentials>` and report the reply code. */
  tryAuthBeforeTls?: boolean;
  /** Mechanisms tried in order; the next one is tried only when the reply is 504 (unknown mechanism). */
  authMechanisms?: string[];
  /** Before STARTTLS, try `MAIL FROM` and report the reply code (RSET follows a 250). */
  tryMailFromBeforeTls?: boolean;
  mailFrom?: string;
}

/** Dummy SASL initial responses: never valid credentials, registered with the redactor anyway. */
const DUMMY_SASL: Record<string, string> = {
  PLAIN: Buffer.from('\0msscheck-probe\0msscheck-not-a-password').toString('base64'),
  XOAUTH2: Buffer.from('user=msscheck-probe\x01auth=Bearer msscheck-not-a-token\x01\x01').toString('base64'),
  OAUTHBEARER: Buffer.from('n,a=msscheck-probe,\x01auth=Bearer msscheck-not-a-token\x01\x01').toString('base64'),
  LOGIN: Buffer.from('msscheck-probe').toString('base64'),
};

export interface SmtpSessionFacts extends Facts {
  endpoint: string;
  bannerCode: number;
  ehloCode: number;
  /** EHLO keywords before TLS, upper case (STARTTLS, AUTH, PIPELINING, ...). */
  extensions: string[];
  starttlsAdvertised: boolean;
  authAdvertisedBeforeTls: boolean;
  authMechanismsBeforeTls: string[];
  /**
   * Present when tryAuthBeforeTls: the mechanism of the last attempt, its reply code and what it
   * means (protocol/reply-meanings.yaml, exchange `smtp-auth-before-tls`: `accepted` = a SASL
   * exchange ran in plaintext). Never `inconclusive` here: that is retried, then an error.
   */
  authBeforeTls?: { mechanism: string; code: number; outcome: 'accepted' | 'refused'; reply: string; meaning: string; ref: string; attempts: { mechanism: string; code: number }[] };
  /** Present when tryMailFromBeforeTls: reply code to MAIL FROM in plaintext. */
  mailFromBeforeTlsCode?: number;
  /**
   * Present when tryMailFromBeforeTls: what that reply means (exchange `smtp-mail-before-tls`):
   * `accepted` = mail taken in plaintext; a temporary failure is retried, then an error.
   */
  mailFromBeforeTls?: { code: number; outcome: 'accepted' | 'refused'; reply: string; meaning: string; ref: string };
  /** Reply code to STARTTLS (absent when the server closed the session before). */
  starttlsCode?: number;
  starttlsAccepted: boolean;
  tlsEstablished: boolean;
  tlsProtocol?: string;
  tlsCipher?: string;
  /** Why the handshake failed (OpenSSL reason), when STARTTLS was accepted but TLS was not established. */
  tlsError?: string;
  extensionsAfterTls?: string[];
  authMechanismsAfterTls?: string[];
  /** Set when the server closed the session before every stage ran. */
  closedByServerAt?: string;
}

const inputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['endpoint'],
  properties: {
    endpoint: { enum: ['smtpMta', 'smtpSubmission'] },
    ehloName: { type: 'string', minLength: 1 },
    tryAuthBeforeTls: { type: 'boolean' },
    authMechanisms: { type: 'array', minItems: 1, items: { enum: Object.keys(DUMMY_SASL) } },
    tryMailFromBeforeTls: { type: 'boolean' },
    mailFrom: { type: 'string', pattern: '^[^<>\\s]*@[^<>\\s]+$' },
  },
};

/**
 * One SMTP session: banner, EHLO, optional plaintext attempts (AUTH with dummy credentials,
 * MAIL FROM), STARTTLS and the handshake, EHLO again. Reports reply codes and extensions only.
 */
export const smtpSessionProbe: Probe<SmtpSessionInput, SmtpSessionFacts> = {
  name: 'smtp.session',
  facts: smtpSessionFacts,
  summary: 'SMTP session: banner, EHLO extensions before and after STARTTLS, optional plaintext AUTH / MAIL FROM attempts',
  inputSchema,
  async run(input, ctx) {
    const ep = resolveMailEndpoint(ctx.target.profile, input.endpoint);
    const { inconclusiveBefore: _retried, ...facts } = await retryInconclusive(
      ctx,
      phrase('what-smtp-session', {
        exchanges: [...(input.tryAuthBeforeTls ? ['AUTH'] : []), ...(input.tryMailFromBeforeTls ? ['MAIL FROM'] : [])].reduce<string | Phrase>((all, command) => phrase('list-comma', { first: all, next: phrase('exchange-before-starttls', { command }) }), 'STARTTLS'),
        endpoint: ep.label,
      }),
      () => ctx.withEndpointSlot(ep.key, () => session(input, ctx, ep)),
      (f) => [f.authVerdict, f.mailVerdict, f.starttlsVerdict].find((v) => v?.outcome === 'inconclusive') ?? NOTHING_TO_JUDGE,
    );
    const { authVerdict, mailVerdict, starttlsVerdict: _starttls, ...rest } = facts;
    if (authVerdict && rest.authBeforeTls) Object.assign(rest.authBeforeTls, { outcome: authVerdict.outcome, reply: authVerdict.reply, meaning: authVerdict.meaning, ref: authVerdict.ref });
    if (mailVerdict && rest.mailFromBeforeTlsCode !== undefined) {
      rest.mailFromBeforeTls = { code: rest.mailFromBeforeTlsCode, outcome: mailVerdict.outcome === 'accepted' ? 'accepted' : 'refused', reply: mailVerdict.reply, meaning: mailVerdict.meaning, ref: mailVerdict.ref };
    }
    return rest;
  },
};

/** A session without an AUTH attempt has no reply to judge: nothing to retry. */
const NOTHING_TO_JUDGE: ReplyVerdict = { outcome: 'accepted', reply: '', meaning: '', ref: '' };

type SessionAttempt = SmtpSessionFacts & { authVerdict?: ReplyVerdict; mailVerdict?: ReplyVerdict; starttlsVerdict?: ReplyVerdict };

async function session(input: SmtpSessionInput, ctx: ProbeContext, ep: ReturnType<typeof resolveMailEndpoint>): Promise<SessionAttempt> {
  if (ep.security === 'tls') throw new ProbeError('NOT_OFFERED', phrase('pre-implicit-tls', { what: ep.label }), 'not-applicable');
  const transcript = ctx.transcript(phrase('ev-smtp-session', { endpoint: ep.label }));
  const ehloName = input.ehloName ?? DEFAULT_EHLO_NAME;
  const { client, banner } = await SmtpClient.connect({ host: ep.host, port: ep.port, timeouts: ctx.timeouts, signal: ctx.signal, transcript, label: ep.label });
  const stage = { name: 'ehlo' };
  try {
    if (banner.code !== 220) throw new ProbeError('EPROTOCOL', phrase('pe-greeting-not-220', { what: ep.label, code: `${banner.code}` }));
    const ehlo = await client.ehlo(ehloName);
    if (ehlo.code !== 250) throw new ProbeError('EPROTOCOL', phrase('pe-ehlo-answered', { what: ep.label, code: `${ehlo.code}` }));
    const extensions = ehloKeywords(ehlo);
    const facts: SessionAttempt = {
      endpoint: ep.name,
      bannerCode: banner.code,
      ehloCode: ehlo.code,
      extensions,
      starttlsAdvertised: extensions.includes('STARTTLS'),
      authAdvertisedBeforeTls: extensions.includes('AUTH'),
      authMechanismsBeforeTls: authMechanisms(ehlo),
      starttlsAccepted: false,
      tlsEstablished: false,
    };
    const closed = (err: unknown, at: string): SessionAttempt => {
      if (err instanceof ProbeError && err.code === 'ECONNRESET') {
        facts.closedByServerAt = at;
        return facts;
      }
      throw err;
    };

    if (input.tryAuthBeforeTls) {
      stage.name = 'auth-before-tls';
      const judged = await tryAuth(client, ctx, input.authMechanisms ?? ['PLAIN', 'XOAUTH2']);
      facts.authBeforeTls = judged.facts;
      facts.authVerdict = judged.verdict;
      if (judged.verdict.outcome === 'inconclusive' || client.conn.isClosed) {
        facts.closedByServerAt = client.conn.isClosed ? stage.name : undefined;
        return facts;
      }
    }
    if (input.tryMailFromBeforeTls) {
      stage.name = 'mail-from-before-tls';
      try {
        const reply = await client.command(`MAIL FROM:<${input.mailFrom ?? 'msscheck-probe@msscheck.invalid'}>`);
        facts.mailFromBeforeTlsCode = reply.code;
        const shut = reply.code === 421 ? await client.conn.closesWithin(Math.min(1_000, ctx.timeouts.idleMs)) : false;
        facts.mailVerdict = replyMeanings().smtp('smtp-mail-before-tls', reply, shut);
        if (facts.mailVerdict.outcome === 'inconclusive' || shut) return facts;
        if (reply.code === 250) await client.command('RSET');
      } catch (err) {
        if (err instanceof ProbeError && err.code === 'ECONNRESET') facts.mailVerdict = droppedMidExchange(phrase('exchange-before-starttls', { command: 'MAIL FROM' }), err.message);
        return closed(err, stage.name);
      }
    }

    stage.name = 'starttls';
    let starttls: Awaited<ReturnType<SmtpClient['starttls']>>;
    try {
      starttls = await client.starttls({ servername: ep.expectedName });
    } catch (err) {
      if (err instanceof TlsHandshakeError) {
        facts.starttlsCode = 220;
        facts.starttlsAccepted = true;
        facts.tlsError = err.reason;
        return facts;
      }
      return closed(err, stage.name);
    }
    facts.starttlsCode = starttls.reply.code;
    // 454 "TLS not available due to temporary reason" (RFC 3207 §4) says nothing about STARTTLS support:
    // inconclusive, retried, then an error (protocol/reply-meanings.yaml, exchange smtp-starttls).
    const shut = starttls.reply.code === 421 ? await client.conn.closesWithin(Math.min(1_000, ctx.timeouts.idleMs)) : client.conn.isClosed;
    facts.starttlsVerdict = replyMeanings().smtp('smtp-starttls', starttls.reply, shut);
    if (facts.starttlsVerdict.outcome === 'inconclusive') return facts;
    facts.starttlsAccepted = starttls.reply.code === 220;
    if (!starttls.tls) return facts;
    facts.tlsEstablished = true;
    facts.tlsProtocol = starttls.tls.protocol ?? undefined;
    facts.tlsCipher = starttls.tls.cipher.standardName || starttls.tls.cipher.name;

    stage.name = 'ehlo-after-tls';
    try {
      const ehlo2 = await client.ehlo(ehloName);
      facts.extensionsAfterTls = ehlo2.code === 250 ? ehloKeywords(ehlo2) : [];
      facts.authMechanismsAfterTls = ehlo2.code === 250 ? authMechanisms(ehlo2) : [];
    } catch (err) {
      return closed(err, stage.name);
    }
    return facts;
  } finally {
    await client.quit();
  }
}

/**
 * Tries AUTH with dummy credentials; a 504 (mechanism unknown) moves on to the next mechanism. The
 * last reply is judged by its meaning before TLS (`smtp-auth-before-tls`); a session that ends
 * during the attempt without a reply is inconclusive.
 */
async function tryAuth(client: SmtpClient, ctx: ProbeContext, mechanisms: string[]): Promise<{ facts: NonNullable<SmtpSessionFacts['authBeforeTls']>; verdict: ReplyVerdict }> {
  const attempts: { mechanism: string; code: number }[] = [];
  let last: SmtpReply | undefined;
  let mechanism = mechanisms[0]!;
  try {
    for (mechanism of mechanisms) {
      const payload = DUMMY_SASL[mechanism]!;
      ctx.redactor.registerBase64(payload, 'sasl');
      last = await client.command(mechanism === 'LOGIN' ? 'AUTH LOGIN' : `AUTH ${mechanism} ${payload}`);
      attempts.push({ mechanism, code: last.code });
      if (last.code === 334) {
        // The server wants more: it is processing SASL in plaintext. Cancel the exchange (RFC 4954 §4).
        const cancel = await client.command('*');
        attempts.push({ mechanism: `${mechanism} (cancelled)`, code: cancel.code });
      }
      if (last.code !== 504) break;
    }
  } catch (err) {
    if (!(err instanceof ProbeError && err.code === 'ECONNRESET')) throw err;
    if (!last || attempts[attempts.length - 1]?.mechanism !== mechanism) {
      const verdict = droppedMidExchange(phrase('exchange-before-starttls', { command: `AUTH ${mechanism}` }), err.message);
      return { facts: { mechanism, code: 0, outcome: 'refused', reply: verdict.reply, meaning: verdict.meaning, ref: verdict.ref, attempts }, verdict };
    }
  }
  const closed = last!.code === 421 ? await client.conn.closesWithin(Math.min(1_000, ctx.timeouts.idleMs)) : client.conn.isClosed;
  const verdict = replyMeanings().smtp('smtp-auth-before-tls', last!, closed);
  const outcome = verdict.outcome === 'accepted' ? 'accepted' : 'refused';
  return { facts: { mechanism, code: last!.code, outcome, reply: verdict.reply, meaning: verdict.meaning, ref: verdict.ref, attempts }, verdict };
}
