import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { phrase, renderPhrase, type Phrase } from '../../i18n/phrase.js';

/** The path built from a leaf to a trust anchor, and what stopped it when there is none. */
export interface ChainPath {
  /** Leaf first; ends with the trust anchor when `trusted`. */
  path: X509Certificate[];
  trusted: boolean;
  anchor?: X509Certificate;
  /** What stopped the path, in English (facts, report.json). */
  problems: string[];
  /** The same problems as phrases (same order), said in the reader's language in readable reports. */
  problemPhrases: Phrase[];
}

const MAX_DEPTH = 8;

function subjectLine(c: X509Certificate): string {
  return c.subject.split('\n').join(', ');
}

function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  try {
    return child.checkIssued(parent) && child.verify(parent.publicKey);
  } catch {
    return false;
  }
}

/**
 * Builds the path from `presented[0]` (the leaf) to one of `anchors`, using the presented
 * certificates as intermediates. Names, key identifiers and signatures are checked; dates are not
 * (see `validityOn`), so each finding stays separate.
 */
export function buildChain(presented: X509Certificate[], anchors: X509Certificate[]): ChainPath {
  const leaf = presented[0];
  if (!leaf) return { path: [], trusted: false, problems: [renderPhrase(phrase('chain-no-certificate'))], problemPhrases: [phrase('chain-no-certificate')] };
  const anchorPrints = new Set(anchors.map((a) => a.fingerprint256));
  const isAnchor = (c: X509Certificate): boolean => anchorPrints.has(c.fingerprint256);
  const path = [leaf];
  const problems: string[] = [];
  const problemPhrases: Phrase[] = [];
  const problem = (p: Phrase): void => {
    problemPhrases.push(p);
    problems.push(renderPhrase(p));
  };
  let anchor: X509Certificate | undefined = isAnchor(leaf) ? leaf : undefined;
  let current = leaf;
  // Walk up: past the first anchor too, while anchors issue it, so the path ends at the root.
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (current.checkIssued(current)) {
      if (!anchor) problem(phrase('chain-self-signed-untrusted', { subject: subjectLine(current) }));
      return { path, trusted: anchor !== undefined && problems.length === 0, anchor, problems, problemPhrases };
    }
    const issuer =
      anchors.find((a) => !path.includes(a) && issuedBy(current, a)) ??
      (anchor ? undefined : presented.find((p) => !path.includes(p) && issuedBy(current, p)));
    if (!issuer) {
      if (!anchor) problem(phrase('chain-issuer-not-found', { issuer: current.issuer.split('\n').join(', ') }));
      return { path, trusted: anchor !== undefined && problems.length === 0, anchor, problems, problemPhrases };
    }
    if (!issuer.ca) problem(phrase('chain-issuer-not-ca', { subject: subjectLine(issuer) }));
    path.push(issuer);
    if (isAnchor(issuer)) anchor = issuer;
    current = issuer;
  }
  problem(phrase('chain-too-long', { max: `${MAX_DEPTH}` }));
  return { path, trusted: false, anchor, problems, problemPhrases };
}

export interface Validity {
  /** Every certificate of the path is within its validity period on `on`. */
  valid: boolean;
  expired: string[];
  notYetValid: string[];
}

/** Validity of every certificate of a path on a given date (the as-of date, never the clock). */
export function validityOn(path: X509Certificate[], on: Date): Validity {
  const t = on.getTime();
  const expired = path.filter((c) => new Date(c.validTo).getTime() < t).map(subjectLine);
  const notYetValid = path.filter((c) => new Date(c.validFrom).getTime() > t).map(subjectLine);
  return { valid: path.length > 0 && expired.length === 0 && notYetValid.length === 0, expired, notYetValid };
}

/**
 * Whether the certificate names `host` per RFC 6125: DNS names in subjectAltName (the subject CN
 * only when there is no DNS name), a wildcard only as the whole left-most label; IP addresses
 * against iPAddress entries.
 */
export function namesHost(cert: X509Certificate, host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '');
  if (isIP(name)) return cert.checkIP(name) !== undefined;
  return cert.checkHost(name, { subject: 'default', wildcards: true, partialWildcards: false, multiLabelWildcards: false }) !== undefined;
}
