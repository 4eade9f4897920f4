import { checkRevocation, type RevocationResult, type RevocationStatus } from '../../x509/revocation.js';
import { ProbeError, type Facts, type Probe } from '../types.js';
import { endpointChain, recordChainEvidence } from './presented-chain.js';

export interface RevocationInput {
  endpoint: string;
}

export interface RevocationFacts extends Facts {
  endpoint: string;
  /** Revocation status of the server certificate on the as-of date. */
  status: RevocationStatus;
  /** Subjects of the certificates of the path found revoked (leaf and intermediates). */
  revoked: string[];
  checks: (RevocationResult & { subject: string })[];
  /** OCSP is not queried by this version; responders named by the leaf are listed. */
  ocsp: 'not-tested';
  ocspResponders: string[];
  crlSource: 'mirror' | 'distribution-point';
}

/**
 * Revocation of the endpoint's certificate (and of the intermediates of its path) on the as-of
 * date, by CRL: fetched from the profile's CRL mirror (`endpoints.crl.url`, by file name) when
 * given, else from the distribution point, with timeouts and a cache. A status that cannot be
 * established is `error`, never `pass`.
 */
export const revocationProbe: Probe<RevocationInput, RevocationFacts> = {
  name: 'x509.revocation',
  summary: 'Revocation of the server certificate chain by CRL (mirror or distribution point, timeouts, cache); OCSP reported as not tested',
  inputSchema: { type: 'object', additionalProperties: false, required: ['endpoint'], properties: { endpoint: { type: 'string', minLength: 1 } } },
  async run(input, ctx) {
    const chain = await endpointChain(input.endpoint, ctx);
    const mirrorBase = ctx.target.profile.endpoints.crl?.url;
    const path = chain.built.path.length ? chain.built.path : chain.presented.slice(0, 1);
    const targets = path.filter((c) => !chain.anchors.some((a) => a.fingerprint256 === c.fingerprint256));
    const checks = await Promise.all(
      targets.map(async (cert, i) => {
        const issuer = path[i + 1] ?? chain.presented.find((p) => p !== cert && cert.checkIssued(p));
        const r = await checkRevocation(cert.raw, issuer?.raw, ctx.asOf, { mirrorBase, timeouts: ctx.timeouts, signal: ctx.signal });
        return { ...r, subject: cert.subject.split('\n').join(', ') };
      }),
    );
    const leaf = checks[0]!;
    const revoked = checks.filter((c) => c.status === 'revoked');
    recordChainEvidence(ctx, chain, [
      ...revoked.map((c) => `revoked on ${c.revokedOn?.slice(0, 10)} (${c.reason}): ${c.subject}`),
      ...checks.filter((c) => c.status === 'unknown').flatMap((c) => c.problems.map((p) => `revocation unknown for ${c.subject}: ${p}`)),
      ...(leaf.ocspResponders.length ? [`OCSP not tested (responder ${leaf.ocspResponders.join(', ')})`] : []),
    ]);
    if (leaf.status === 'unknown' && !revoked.length) {
      throw new ProbeError('EHTTP', `the revocation status of ${leaf.subject} could not be established: ${leaf.problems.join('; ') || 'no usable CRL'}`);
    }
    return {
      endpoint: chain.ep.name,
      status: leaf.status,
      revoked: revoked.map((c) => c.subject),
      checks,
      ocsp: 'not-tested',
      ocspResponders: leaf.ocspResponders,
      crlSource: mirrorBase ? 'mirror' : 'distribution-point',
    };
  },
};
