import { resolveMailEndpoint } from '../../net/endpoints.js';
import type { Facts, Probe } from '../types.js';
import { PEER_ROLES, peerIdentity, senderDomainOf, type PeerRole } from './peer-identity.js';
import { runPeerSession, type PeerSessionResult } from './peer-session.js';

export interface PeerSessionInput {
  endpoint?: 'smtpMta';
  certificate: PeerRole;
  mailFrom?: string;
  rcptTo?: string;
  /** TLS 1.2 (default) lets the CertificateRequest be observed on the wire; TLS 1.3 hides it. */
  tlsVersion?: 'TLSv1.2' | 'TLSv1.3';
}

export interface PeerSessionFacts extends Facts, PeerSessionResult {
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
    },
  },
  async run(input, ctx) {
    const ep = resolveMailEndpoint(ctx.target.profile, input.endpoint ?? 'smtpMta');
    const id = peerIdentity(input.certificate, ctx);
    const domain = senderDomainOf(id.leaf, 'msscheck.invalid');
    const mailFrom = input.mailFrom ?? `postmaster@${domain}`;
    const rcptTo = input.rcptTo ?? `postmaster@${ctx.target.profile.domains[0]}`;
    const transcript = ctx.transcript(`peer operator session on ${ep.label} (certificate: ${input.certificate})`);
    const r = await ctx.withEndpointSlot(ep.key, () =>
      runPeerSession({
        host: ep.host,
        port: ep.port,
        servername: ep.expectedName,
        timeouts: ctx.timeouts,
        signal: ctx.signal,
        transcript,
        identity: id.source === 'none' ? undefined : { cert: id.cert, key: id.key, pfx: id.pfx, passphrase: id.passphrase },
        tlsVersion: input.tlsVersion ?? 'TLSv1.2',
        ehloName: domain === 'msscheck.invalid' ? 'msscheck.invalid' : `mx.${domain}`,
        mailFrom,
        rcptTo,
      }),
    );
    return {
      endpoint: ep.name,
      role: input.certificate,
      certificateSource: id.source,
      certificateSubject: id.leaf ? id.leaf.subject.split('\n').join(', ') : null,
      mailFrom,
      rcptTo,
      ...r,
    };
  },
};
