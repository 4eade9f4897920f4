import { resolveMailEndpoint } from '../../net/endpoints.js';
import { phrase } from '../../i18n/phrase.js';
import type { Facts, Probe } from '../types.js';
import { PEER_ROLES, peerIdentity, senderDomainOf, type PeerRole } from './peer-identity.js';
import { runPeerSession, type PeerSessionResult } from './peer-session.js';
import type { ReplyVerdict } from '../outcomes/reply-meanings.js';
import { retryInconclusive } from '../outcomes/retry.js';
import { peerSessionFacts } from './facts-schemas.js';

export interface PeerSessionInput {
  endpoint?: 'smtpMta';
  certificate: PeerRole;
  mailFrom?: string;
  rcptTo?: string;
  /** TLS 1.2 (default) lets the CertificateRequest be observed on the wire; TLS 1.3 hides it. */
  tlsVersion?: 'TLSv1.2' | 'TLSv1.3';
  /**
   * What a deferral (4xx) means for this scenario: `not-accepted` for a peer that must not be
   * accepted (the report says it was deferred); `inconclusive` (default) for a peer that must be
   * accepted: retried once, then an error, never a verdict.
   */
  deferred?: 'not-accepted' | 'inconclusive';
}

export interface PeerSessionFacts extends Facts, Omit<PeerSessionResult, 'outcome'> {
  outcome: 'accepted' | 'refused' | 'deferred';
  /** The peer's mail was accepted (false: refused, or deferred when the scenario says deferral is not acceptance). */
  accepted: boolean;
  /** How the peer was not accepted, in one sentence with the server's words; null when accepted. */
  notAcceptedHow: string | null;
  /** Inconclusive attempts before the conclusive one, in the server's words. */
  inconclusiveBefore: string[];
  endpoint: string;
  role: PeerRole;
  certificateSource: 'profile' | 'test-pki' | 'none';
  certificateSubject: string | null;
  mailFrom: string;
  rcptTo: string;
}

/**
 * msscheck as a peer operator on the MTA (operator-to-operator mutual TLS): presents the
 * certificate of a role (none, valid, nonIgc, expired, revoked, unlisted) and reports whether the
 * server asked for a client certificate and whether it accepted or refused the peer, as observed.
 */
export const peerSessionProbe: Probe<PeerSessionInput, PeerSessionFacts> = {
  name: 'trust.peer-session',
  facts: peerSessionFacts,
  summary: 'Mutual TLS as a peer operator on the MTA: certificate requested? peer (with a given certificate) accepted or refused, as observed',
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['certificate'],
    properties: {
      endpoint: { enum: ['smtpMta'] },
      certificate: { enum: [...PEER_ROLES] },
      mailFrom: { type: 'string', pattern: '^[^<>\\s]+@[^<>\\s]+$' },
      rcptTo: { type: 'string', pattern: '^[^<>\\s]+@[^<>\\s]+$' },
      tlsVersion: { enum: ['TLSv1.2', 'TLSv1.3'] },
      deferred: { enum: ['not-accepted', 'inconclusive'] },
    },
  },
  async run(input, ctx) {
    const ep = resolveMailEndpoint(ctx.target.profile, input.endpoint ?? 'smtpMta');
    const id = peerIdentity(input.certificate, ctx);
    const domain = senderDomainOf(id.leaf, 'msscheck.invalid');
    const mailFrom = input.mailFrom ?? `postmaster@${domain}`;
    const rcptTo = input.rcptTo ?? `postmaster@${ctx.target.profile.domains[0]}`;
    const deferredMeans = input.deferred ?? 'inconclusive';
    const attempt = (): Promise<PeerSessionResult> =>
      ctx.withEndpointSlot(ep.key, () =>
        runPeerSession({
          host: ep.host,
          port: ep.port,
          servername: ep.expectedName,
          timeouts: ctx.timeouts,
          signal: ctx.signal,
          transcript: ctx.transcript(phrase('ev-peer-session', { endpoint: ep.label, certificate: input.certificate })),
          identity: id.source === 'none' ? undefined : { cert: id.cert, key: id.key, pfx: id.pfx, passphrase: id.passphrase },
          tlsVersion: input.tlsVersion ?? 'TLSv1.2',
          ehloName: domain === 'msscheck.invalid' ? 'msscheck.invalid' : `mx.${domain}`,
          mailFrom,
          rcptTo,
        }),
      );
    const verdictOf = (r: PeerSessionResult): ReplyVerdict => ({
      outcome: r.outcome === 'deferred' && deferredMeans === 'inconclusive' ? 'inconclusive' : r.outcome,
      reply: r.evidence ?? 'accepted',
      meaning: r.replyMeaning?.meaning ?? '',
      ref: r.replyMeaning?.ref ?? '',
    });
    const { inconclusiveBefore, ...r } = await retryInconclusive(ctx, phrase('what-peer-session', { endpoint: ep.label, certificate: input.certificate }), attempt, verdictOf);
    const outcome = r.outcome as PeerSessionFacts['outcome'];
    const notAcceptedHow =
      outcome === 'accepted'
        ? null
        : outcome === 'deferred'
          ? `deferred at ${r.refusedAt}: "${r.evidence}" (${r.replyMeaning?.meaning}; ${r.replyMeaning?.ref}): the mail is not accepted, the peer would have to retry`
          : `refused at ${r.refusedAt}: ${r.evidence}${r.replyMeaning ? ` (${r.replyMeaning.meaning}; ${r.replyMeaning.ref})` : ''}`;
    return {
      endpoint: ep.name,
      role: input.certificate,
      certificateSource: id.source,
      certificateSubject: id.leaf ? id.leaf.subject.split('\n').join(', ') : null,
      mailFrom,
      rcptTo,
      ...r,
      outcome,
      accepted: outcome === 'accepted',
      notAcceptedHow,
      inconclusiveBefore: inconclusiveBefore.map((v) => v.reply),
    };
  },
};
