import type { X509Certificate } from 'node:crypto';
import { nodeCertificate } from '../../x509/node-certificate.js';
import { phrase, renderPhrase, type Phrase } from '../../i18n/phrase.js';
import { resolveMailEndpoint, type ResolvedMailEndpoint } from '../../net/endpoints.js';
import { certificateHandshake } from '../tls/shared-handshake.js';
import type { TlsInfo } from '../../net/tls-info.js';
import { targetPath } from '../../target/profile.js';
import { BundleError, readTrustAnchors } from '../../x509/trust-store.js';
import { ProbeError, type ProbeContext } from '../types.js';
import { buildChain, type ChainPath } from './chain.js';
import { describeCertificate } from './describe.js';

export interface EndpointChain {
  ep: ResolvedMailEndpoint;
  tls: TlsInfo;
  presented: X509Certificate[];
  anchors: X509Certificate[];
  built: ChainPath;
}

/**
 * The target's trust anchors (PEM files or PKCS#7 `.p7b` bundles), or none when the profile
 * declares none. An unreadable or malformed file is an input error naming it.
 */
export function targetTrustAnchors(ctx: ProbeContext): X509Certificate[] {
  try {
    return readTrustAnchors((ctx.target.profile.trustAnchors ?? []).map((f) => targetPath(ctx.target, f)));
  } catch (err) {
    if (err instanceof BundleError) throw new ProbeError('EINPUT', phrase('pe-trust-anchor-file', { message: err.message }));
    throw err;
  }
}

/** One TLS session to the endpoint (holding one of its slots): the presented chain, built to the anchors. */
export async function endpointChain(endpoint: string, ctx: ProbeContext): Promise<EndpointChain> {
  const ep = resolveMailEndpoint(ctx.target.profile, endpoint);
  const anchors = targetTrustAnchors(ctx);
  const transcript = ctx.transcript(phrase('ev-tls-certificate-session', { endpoint: ep.label }));
  const tls = await certificateHandshake(ep, ctx, transcript);
  if (!tls.peerChain.length) throw new ProbeError('EPROTOCOL', phrase('pe-no-certificate-presented', { what: ep.label }));
  const presented = tls.peerChain.map((c) => nodeCertificate(c.der));
  return { ep, tls, presented, anchors, built: buildChain(presented, anchors) };
}

/** Records the `certificate-chain` evidence (docs/ARCHITECTURE.md) of a built path. */
export function recordChainEvidence(ctx: ProbeContext, chain: EndpointChain, problems: (string | Phrase)[], extra: Record<string, unknown> = {}): void {
  // The English of each problem, and beside it (same index) the phrase a readable report says it with.
  const all = [...chain.built.problemPhrases, ...problems];
  ctx.evidence('certificate-chain', phrase('ev-certificate-chain', { endpoint: chain.ep.label }), {
    endpoint: chain.ep.name,
    certificates: chain.built.path.map((c) => describeCertificate(c.raw)),
    presented: chain.presented.length,
    // The chain as presented, PEM, leaf first: what an evidence bundle files (src/evidence/collect.ts).
    presentedPem: chain.presented.map((c) => c.toString()),
    trusted: chain.built.trusted,
    problems: all.map((p) => (typeof p === 'string' ? p : renderPhrase(p))),
    ...(all.some((p) => typeof p !== 'string') ? { problemPhrases: all.map((p) => (typeof p === 'string' ? null : p)) } : {}),
    ...extra,
  });
}
