import { nodeCertificate } from '../../x509/node-certificate.js';
import { phrase, renderPhrase } from '../../i18n/phrase.js';
import { resolveMailEndpoint } from '../../net/endpoints.js';
import { formatAsOf } from '../../util/as-of.js';
import { certificateHandshake } from '../tls/shared-handshake.js';
import type { Facts, Probe } from '../types.js';
import { buildChain, namesHost, validityOn } from './chain.js';
import { describeCertificate } from './describe.js';
import { loadIgcSanteBundle, loadTrustAnchors } from './trust-anchors.js';
import { serverChainFacts } from './facts-schemas.js';

export interface ServerChainInput {
  /** Mail endpoint name in the target profile (smtpMta, smtpSubmission, imap). */
  endpoint: string;
  /** Name the certificate must carry; default: the endpoint's serverName, else its host. */
  serverName?: string;
  /** Which anchors: the target's `trustAnchors` (default) or the IGC-Santé bundle msscheck knows (`igcSanteBundle`). */
  anchors?: 'target' | 'igc-sante';
}

export interface ServerChainFacts extends Facts {
  endpoint: string;
  tlsProtocol: string | null;
  presentedCount: number;
  leafSubject: string;
  leafIssuer: string;
  leafNotBefore: string;
  leafNotAfter: string;
  leafSan: string[];
  /** Subjects from the leaf to the anchor (or as far as the path went). */
  chainSubjects: string[];
  trusted: boolean;
  anchorSubject: string | null;
  chainProblems: string[];
  asOf: string;
  /** Every certificate of the built path is within its validity period on the as-of date. */
  validOnAsOf: boolean;
  expiredOnAsOf: string[];
  notYetValidOnAsOf: string[];
  hostName: string;
  hostMatches: boolean;
}

/**
 * The certificate chain an endpoint presents, built and verified against the target's trust
 * anchors, its validity on the as-of date and whether it names the host (RFC 6125). Facts only.
 */
export const serverChainProbe: Probe<ServerChainInput, ServerChainFacts> = {
  name: 'x509.server-chain',
  facts: serverChainFacts,
  summary: "Server certificate chain: path to the target's trust anchors, validity on the as-of date, host name match",
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['endpoint'],
    properties: {
      endpoint: { type: 'string', minLength: 1 },
      serverName: { type: 'string', minLength: 1 },
      anchors: { enum: ['target', 'igc-sante'] },
    },
  },
  async run(input, ctx) {
    const ep = resolveMailEndpoint(ctx.target.profile, input.endpoint);
    const anchors = input.anchors === 'igc-sante' ? loadIgcSanteBundle(ctx.target) : loadTrustAnchors(ctx.target);
    const transcript = ctx.transcript(phrase('ev-tls-certificate-session', { endpoint: ep.label }));
    const tls = await certificateHandshake(ep, ctx, transcript);
    const presented = tls.peerChain.map((c) => nodeCertificate(c.der));
    const built = buildChain(presented, anchors);
    const validity = validityOn(built.path, ctx.asOf);
    const hostName = input.serverName ?? ep.expectedName;
    const leaf = presented[0];
    const leafDescription = tls.peerChain[0] ? describeCertificate(tls.peerChain[0].der) : undefined;
    const hostMatches = leaf ? namesHost(leaf, hostName) : false;
    const problems = [
      ...built.problemPhrases,
      ...validity.expired.map((s) => phrase('chain-expired-on', { date: formatAsOf(ctx.asOf), subject: s })),
      ...validity.notYetValid.map((s) => phrase('chain-not-yet-valid-on', { date: formatAsOf(ctx.asOf), subject: s })),
      ...(hostMatches ? [] : [phrase('chain-does-not-name', { host: `${hostName}` })]),
    ];
    const pathDers = built.path.map((c) => c.raw);
    ctx.evidence('certificate-chain', phrase(input.anchors === 'igc-sante' ? 'ev-certificate-chain-igc' : 'ev-certificate-chain', { endpoint: ep.label }), {
      endpoint: ep.name,
      certificates: pathDers.map((der) => describeCertificate(der)),
      presented: tls.peerChain.length,
      presentedPem: presented.map((c) => c.toString()),
      trusted: built.trusted,
      problems: problems.map((p) => renderPhrase(p)),
      problemPhrases: problems,
    });
    return {
      endpoint: ep.name,
      tlsProtocol: tls.protocol,
      presentedCount: tls.peerChain.length,
      leafSubject: leafDescription?.subject ?? '',
      leafIssuer: leafDescription?.issuer ?? '',
      leafNotBefore: leafDescription?.notBefore ?? '',
      leafNotAfter: leafDescription?.notAfter ?? '',
      leafSan: leafDescription?.san ?? [],
      chainSubjects: built.path.map((c) => c.subject.split('\n').join(', ')),
      trusted: built.trusted,
      anchorSubject: built.anchor ? built.anchor.subject.split('\n').join(', ') : null,
      chainProblems: built.problems,
      asOf: formatAsOf(ctx.asOf),
      validOnAsOf: validity.valid,
      expiredOnAsOf: validity.expired,
      notYetValidOnAsOf: validity.notYetValid,
      hostName,
      hostMatches,
    };
  },
};
