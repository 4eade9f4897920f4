/**
 * The facts an authentication probe returns (IMAP and SMTP submission alike), the input schema they
 * share, and which policy means an accepted attempt shows.
 */
import { phrase } from '../../i18n/phrase.js';
import { nodeCertificate } from '../../x509/node-certificate.js';
import type { Mailbox, PscTestRole } from '../../target/profile.js';
import { RANK_INPUT_SCHEMA, ROLE_INPUT_SCHEMA } from '../oidc/test-identity.js';
import { type BearerError, decodeBearerError, isXoauth2ErrorFormat, type Mechanism, MECHANISMS } from './sasl-client.js';
import type { ClientCertMaterial } from './auth-material.js';
import { ProbeError, type ProbeContext } from '../types.js';
import type { ReplyVerdict } from '../outcomes/reply-meanings.js';

export interface AuthInput {
  endpoint?: string;
  mechanism: Mechanism;
  /** Mailbox address; else `mailboxType`; else the PSC test identity with `role` (or the legacy `identity` rank). */
  mailbox?: string;
  role?: PscTestRole | PscTestRole[];
  identity?: number;
  mailboxType?: Mailbox['type'];
  /** Bearer token: `vault:<id>` from oidc.ciba / oidc.token-forge, or env:/file: reference. */
  token?: string;
  /** Password reference overriding the mailbox's. */
  password?: string;
  /** Client certificate for EXTERNAL: `mailbox` or `pki:<item>`. */
  certificate?: string;
  certificateFormat?: 'pem' | 'pkcs12';
  /** Policy means id recorded when the target accepts (default from the mechanism / certificate). */
  means?: string;
  /**
   * A positive test: when the endpoint neither advertises the mechanism nor declares its means
   * (`endpoints.<name>.means`), the mechanism is not sent and the step is `not-applicable`.
   */
  onlyIfOffered?: boolean;
}

export const AUTH_INPUT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['mechanism'],
  properties: {
    endpoint: { type: 'string' },
    mechanism: { enum: [...MECHANISMS] },
    mailbox: { type: 'string' },
    role: ROLE_INPUT_SCHEMA,
    identity: { type: 'integer', minimum: 0, description: RANK_INPUT_SCHEMA.description },
    mailboxType: { enum: ['PER', 'ORG', 'APP', 'CAB'] },
    token: { type: 'string' },
    password: { type: 'string', pattern: '^(env:|file:)' },
    certificate: { type: 'string', pattern: '^(mailbox|pki:[a-z0-9-]+)$' },
    certificateFormat: { enum: ['pem', 'pkcs12'] },
    means: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
    onlyIfOffered: { type: 'boolean' },
  },
} as const;

/**
 * For a positive test (`onlyIfOffered`): the mechanism is sent only when the endpoint advertises it
 * or declares its means; otherwise the scenario does not apply to this endpoint.
 */
export function requireOffered(input: AuthInput, endpoint: { means?: string[] }, label: string, advertised: boolean, means: string): void {
  if (!input.onlyIfOffered || advertised || endpoint.means?.includes(means)) return;
  throw new ProbeError(
    'NOT_OFFERED',
    phrase('pe-not-offered-mechanism', { what: label, mechanism: input.mechanism, means }),
    'not-applicable',
  );
}

export type AuthFacts = {
  endpoint: string;
  mechanism: Mechanism;
  user: string | null;
  tls: boolean;
  /** The mechanism was advertised (for IMAP LOGIN: LOGINDISABLED absent). */
  advertised: boolean;
  mechanismsAdvertised: string[];
  /** The server's decision on the authentication command (never a temporary failure: that is an error). */
  outcome: 'accepted' | 'refused';
  /** What the final reply means and its source (protocol/reply-meanings.yaml). */
  replyMeaning: { meaning: string; ref: string };
  /** Inconclusive attempts (temporary failures, drops) before the conclusive one, in the server's words. */
  inconclusiveBefore: string[];
  /** The server's final reply (OK/NO/BAD text for IMAP, 235/535... for SMTP). */
  reply: string;
  responseCode: string | null;
  /** Continuation challenges the server sent after our response (an error challenge for bearer tokens). */
  errorChallenges: number;
  /** The decoded JSON error challenge (never the token). */
  bearerError: BearerError | null;
  /** For a refused bearer token: whether the refusal followed the XOAUTH2 error format. */
  xoauth2ErrorFormat: boolean | null;
  certificateSource: string | null;
  /** Policy means recorded when accepted. */
  means: string | null;
  /** Accepted without being advertised (the rule: that is a failure; advertised but refused is not). */
  acceptedWithoutAdvertising: boolean;
};

/** The facts every protocol fills in before the outcome-dependent ones. */
export type AuthFactsBase = Omit<AuthFacts, 'xoauth2ErrorFormat' | 'acceptedWithoutAdvertising' | 'means'>;

/** The facts of one attempt before its verdict: what was tried, and the server's final reply. */
export type AttemptFacts = Omit<AuthFactsBase, 'outcome' | 'replyMeaning' | 'inconclusiveBefore'>;

/** An attempt's facts from what was tried, the error challenges seen and the final reply. */
export function attemptFacts(
  tried: Pick<AttemptFacts, 'endpoint' | 'mechanism' | 'user' | 'tls' | 'advertised' | 'mechanismsAdvertised' | 'certificateSource'>,
  challenges: readonly string[],
  reply: string,
  responseCode: string | null,
): AttemptFacts {
  let bearerError: BearerError | null = null;
  for (const c of challenges) bearerError ??= decodeBearerError(c) ?? null;
  return { ...tried, reply, responseCode, errorChallenges: challenges.length, bearerError };
}

/**
 * The outcome facts of a conclusive verdict. A `deferred` answer to an authentication command has no
 * meaning: it is reported as the internal inconsistency it is.
 */
export function conclusiveOutcome(verdict: ReplyVerdict, before: readonly ReplyVerdict[]): Pick<AuthFacts, 'outcome' | 'replyMeaning' | 'inconclusiveBefore'> {
  if (verdict.outcome !== 'accepted' && verdict.outcome !== 'refused') throw new ProbeError('EINTERNAL', `reply meanings give "${verdict.outcome}" for an authentication reply (${verdict.reply})`);
  return { outcome: verdict.outcome, replyMeaning: { meaning: verdict.meaning, ref: verdict.ref }, inconclusiveBefore: before.map((v) => v.reply) };
}

/** The means an accepted attempt shows, by mechanism and, for EXTERNAL, the certificate's issuer. */
export function meansFor(mechanism: Mechanism, mailbox: Mailbox | undefined, cert: ClientCertMaterial | undefined): string {
  if (mechanism === 'XOAUTH2' || mechanism === 'OAUTHBEARER') return 'psc';
  if (mechanism === 'PLAIN' || mechanism === 'LOGIN') return 'password';
  const pem = cert?.tls.cert;
  if (pem) {
    try {
      const issuer = nodeCertificate(typeof pem === 'string' || Buffer.isBuffer(pem) ? pem : String(pem)).issuer;
      if (/PERSONNES/i.test(issuer)) return 'cpx-card';
      if (/ORGANISATIONS/i.test(issuer)) return 'org-certificate';
    } catch {
      // fall through to the mailbox type
    }
  }
  return mailbox?.type === 'PER' || mailbox?.type === 'CAB' ? 'cpx-card' : 'org-certificate';
}

/**
 * The end of an authentication probe on any protocol: completes the facts, records the method
 * as observed when the server accepted it, and returns the facts redacted.
 */
export function reportAuthOutcome(
  ctx: ProbeContext,
  base: AuthFactsBase,
  means: string,
  observed: { endpoint: string; command: string; security: string; certificateSource?: string },
): AuthFacts {
  const facts = finishAuthFacts(base, means);
  if (facts.outcome === 'accepted') {
    ctx.observeMethod({
      means,
      endpoint: observed.endpoint,
      detail: phrase(observed.certificateSource ? 'observed-auth-certificate' : 'observed-auth', { command: observed.command, security: phrase(observed.security === 'tls' ? 'observed-implicit-tls' : 'observed-starttls'), certificate: observed.certificateSource }),
    });
  }
  return ctx.redactor.redactValue(facts);
}

/** Completes the outcome-dependent facts. */
export function finishAuthFacts(base: AuthFactsBase, means: string): AuthFacts {
  const bearer = base.mechanism === 'XOAUTH2' || base.mechanism === 'OAUTHBEARER';
  return {
    ...base,
    xoauth2ErrorFormat: bearer && base.outcome === 'refused' ? isXoauth2ErrorFormat(base.bearerError ?? undefined) : null,
    means: base.outcome === 'accepted' ? means : null,
    acceptedWithoutAdvertising: base.outcome === 'accepted' && !base.advertised,
  };
}
