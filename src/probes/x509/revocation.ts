import { checkRevocation, type RevocationResult, type RevocationStatus, type SourceVerdict } from '../../x509/revocation.js';
import { ProbeError, type Facts, type Probe } from '../types.js';
import { endpointChain, recordChainEvidence } from './presented-chain.js';
import { revocationFacts } from './facts-schemas.js';
import { phrase, type Phrase } from '../../i18n/phrase.js';

export interface RevocationInput {
  endpoint: string;
}

export interface RevocationFacts extends Facts {
  endpoint: string;
  /** Revocation status of the server certificate on the as-of date, from both sources: revoked if either says revoked. */
  status: RevocationStatus;
  /** What the CRL says of the server certificate. */
  crl: SourceVerdict;
  /** What the OCSP responder says of the server certificate (`not-available` when it names none). */
  ocsp: SourceVerdict;
  /** Subjects of the certificates of the path found revoked (leaf and intermediates). */
  revoked: string[];
  checks: (Omit<RevocationResult, 'problemPhrases'> & { subject: string })[];
  ocspResponders: string[];
  crlSource: 'mirror' | 'distribution-point';
  ocspSource: 'mirror' | 'responder';
}

/**
 * Revocation of the endpoint's certificate (and of the intermediates of its path) on the as-of
 * date, by CRL (the profile's mirror `endpoints.crl.url` by file name, else the distribution
 * point; timeouts and a cache) and by OCSP (the profile's mirror `endpoints.ocsp.url`, else the
 * responder the certificate's AIA names). A status that cannot be established, or a source that
 * the certificate names but that fails (unreachable, invalid, stale), is `error`, never `pass`.
 */
export const revocationProbe: Probe<RevocationInput, RevocationFacts> = {
  name: 'x509.revocation',
  facts: revocationFacts,
  summary: 'Revocation of the server certificate chain by CRL and OCSP (mirrors or the URLs the certificates name, timeouts); either saying revoked makes it revoked',
  inputSchema: { type: 'object', additionalProperties: false, required: ['endpoint'], properties: { endpoint: { type: 'string', minLength: 1 } } },
  async run(input, ctx) {
    const chain = await endpointChain(input.endpoint, ctx);
    const mirrorBase = ctx.target.profile.endpoints.crl?.url;
    const ocspMirror = ctx.target.profile.endpoints.ocsp?.url;
    const path = chain.built.path.length ? chain.built.path : chain.presented.slice(0, 1);
    const targets = path.filter((c) => !chain.anchors.some((a) => a.fingerprint256 === c.fingerprint256));
    // The problems as phrases, by check (readable reports say them in the reader's language); the facts keep the English.
    const problemPhrases = new Map<RevocationFacts['checks'][number], Phrase[]>();
    const checks = await Promise.all(
      targets.map(async (cert, i) => {
        const issuer = path[i + 1] ?? chain.presented.find((p) => p !== cert && cert.checkIssued(p));
        const { problemPhrases: phrases, ...r } = await checkRevocation(cert.raw, issuer?.raw, ctx.asOf, { mirrorBase, ocsp: { mirrorUrl: ocspMirror }, timeouts: ctx.timeouts, signal: ctx.signal, cache: ctx.crlCache });
        const check = { ...r, subject: cert.subject.split('\n').join(', ') };
        problemPhrases.set(check, phrases);
        return check;
      }),
    );
    const saidProblems = (c: RevocationFacts['checks'][number]): (string | Phrase)[] => c.problems.map((p, i) => problemPhrases.get(c)?.[i] ?? p);
    const leaf = checks[0]!;
    const revoked = checks.filter((c) => c.status === 'revoked');
    const disagreements = checks.filter((c) => (c.crl === 'revoked' && c.ocsp === 'good') || (c.crl === 'good' && c.ocsp === 'revoked'));
    recordChainEvidence(
      ctx,
      chain,
      [
        ...revoked.map((c) => phrase('ev-revoked-on', { date: `${c.revokedOn?.slice(0, 10)}`, reason: `${c.reason}`, method: `${c.method}`, subject: c.subject })),
        ...disagreements.map((c) => phrase('ev-crl-ocsp-disagree', { crl: `${c.crl}`, ocsp: `${c.ocsp}`, subject: c.subject })),
        ...checks.filter((c) => c.status === 'unknown').flatMap((c) => saidProblems(c).map((p) => phrase('ev-revocation-unknown-for', { subject: c.subject, problem: p }))),
      ],
      {
        revocation: checks.map((c) => ({
          subject: c.subject,
          serial: c.serial,
          status: c.status,
          crl: c.crl,
          ocsp: c.ocsp,
          ...(c.ocspChecks.length ? { ocspResponder: c.ocspChecks.map((o) => o.fetchedFrom).join(', '), ocspSigner: c.ocspChecks[0]!.signer, ocspThisUpdate: c.ocspChecks[0]!.thisUpdate } : {}),
        })),
      },
    );
    if (leaf.status === 'unknown' && !revoked.length) {
      throw new ProbeError('EHTTP', phrase('pe-revocation-unknown', { subject: leaf.subject, crl: `${leaf.crl}`, ocsp: `${leaf.ocsp}`, problems: saidProblems(leaf).reduce<string | Phrase | undefined>((all, p) => (all === undefined ? p : phrase('list-semicolon', { first: all, next: p })), undefined) ?? phrase('pe-no-usable-source') }));
    }
    return {
      endpoint: chain.ep.name,
      status: leaf.status,
      crl: leaf.crl,
      ocsp: leaf.ocsp,
      revoked: revoked.map((c) => c.subject),
      checks,
      ocspResponders: leaf.ocspResponders,
      crlSource: mirrorBase ? 'mirror' : 'distribution-point',
      ocspSource: ocspMirror ? 'mirror' : 'responder',
    };
  },
};
