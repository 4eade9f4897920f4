/** Facts schemas of the x509 probes (see src/probes/facts-schema.ts). */
import { f, factsSchema } from '../facts-schema.js';

const strings = f.array(f.string());
const sourceVerdict = f.oneOf('good', 'revoked', 'unknown', 'error', 'not-available', 'not-tested');
const revocationStatus = f.oneOf('good', 'revoked', 'unknown');

export const serverChainFacts = factsSchema({
  endpoint: f.string(),
  tlsProtocol: f.nullable(f.string()),
  presentedCount: f.integer(),
  leafSubject: f.string(),
  leafIssuer: f.string(),
  leafNotBefore: f.string(),
  leafNotAfter: f.string(),
  leafSan: strings,
  chainSubjects: strings,
  trusted: f.boolean(),
  anchorSubject: f.nullable(f.string()),
  chainProblems: strings,
  asOf: f.string('the instant the validity was judged at'),
  validOnAsOf: f.boolean(),
  expiredOnAsOf: strings,
  notYetValidOnAsOf: strings,
  hostName: f.string(),
  hostMatches: f.boolean(),
});

export const certProfileFacts = factsSchema({
  endpoint: f.string(),
  profile: f.string(),
  leafSubject: f.string(),
  findings: f.array(
    f.object({
      rule: f.string('keyUsage, extKeyUsage, key, signature, validity, subject, san, policies, issuer, basicConstraints, crlDistributionPoints...'),
      ok: f.boolean(),
      detail: f.string(),
    }),
  ),
  violations: strings,
  failedRules: strings,
  trusted: f.boolean(),
});

export const revocationFacts = factsSchema({
  endpoint: f.string(),
  status: revocationStatus,
  crl: sourceVerdict,
  ocsp: sourceVerdict,
  revoked: strings,
  checks: f.array(
    f.object(
      {
        subject: f.string(),
        serial: f.string(),
        status: revocationStatus,
        method: f.oneOf('crl', 'ocsp', 'crl+ocsp', 'none'),
        crl: sourceVerdict,
        ocsp: sourceVerdict,
        crls: f.array(f.any('a CRL check (url, fetchedFrom, thisUpdate, nextUpdate, signatureValid, error)')),
        ocspResponders: strings,
        ocspChecks: f.array(f.any('an OCSP check (url, status, producedAt, thisUpdate, nextUpdate, signer, error)')),
        problems: strings,
      },
      { revokedOn: f.string(), reason: f.string() },
    ),
  ),
  ocspResponders: strings,
  crlSource: f.oneOf('mirror', 'distribution-point'),
  ocspSource: f.oneOf('mirror', 'responder'),
});
