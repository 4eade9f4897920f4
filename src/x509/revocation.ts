import { certView } from './cert-view.js';
import { crlView, type CrlView } from './crl-view.js';
import { ProbeError, type Timeouts } from '../probes/types.js';
import { reasonName } from './crl-reasons.js';
import { httpGet } from './http-fetch.js';
// pkijs (OCSP) is loaded when a responder is asked, not with the probe registry (`msscheck list`).
import type { OcspCheck } from './ocsp.js';
import { liveClock, notFresh, type LiveClock } from './live-clock.js';
import type { CrlCache } from './crl-cache.js';
import { phrase, renderPhrase, type Phrase } from '../i18n/phrase.js';

/** Where CRLs come from: a mirror serving them by file name (the profile's `endpoints.crl.url`), else the distribution point URL. */
export interface CrlSourceOptions {
  mirrorBase?: string;
  timeouts: Timeouts;
  signal?: AbortSignal;
  /** The real clock a fetched CRL's freshness is judged by (default: now, with the data's skew allowance). */
  clock?: LiveClock;
  /** The run's CRL downloads (src/x509/crl-cache.ts); without one, every CRL is fetched each time. */
  cache?: CrlCache;
}

/** Options of {@link checkRevocation}: the CRL source, and OCSP when it is to be consulted. */
export interface RevocationOptions extends CrlSourceOptions {
  /** Consult OCSP (the responders the certificate names, or the mirror); absent: OCSP is `not-tested`. */
  ocsp?: { mirrorUrl?: string };
}

/** Overall status: `good` only when a source said good and none said revoked and none failed. */
export type RevocationStatus = 'good' | 'revoked' | 'unknown';

/**
 * What one source (CRL or OCSP) says: `error` when the certificate names the source but it could
 * not be used (unreachable, timeout, bad signature, stale...); `not-available` when the
 * certificate names none; `not-tested` when OCSP was not asked for.
 */
export type SourceVerdict = 'good' | 'revoked' | 'unknown' | 'error' | 'not-available' | 'not-tested';

export interface CrlCheck {
  /** Distribution point URL named by the certificate. */
  url: string;
  /** URL actually fetched (the mirror's when there is one). */
  fetchedFrom: string;
  thisUpdate?: string;
  nextUpdate?: string;
  signatureValid?: boolean;
  error?: { code: string; message: string };
}

export interface RevocationResult {
  serial: string;
  /** Overall status from both sources: revoked if either says revoked. */
  status: RevocationStatus;
  /** Sources that established the status. */
  method: 'crl' | 'ocsp' | 'crl+ocsp' | 'none';
  revokedOn?: string;
  reason?: string;
  /** The CRL's verdict. */
  crl: SourceVerdict;
  crls: CrlCheck[];
  /** The OCSP responder's verdict. */
  ocsp: SourceVerdict;
  /** OCSP responders the certificate names (AIA). */
  ocspResponders: string[];
  ocspChecks: OcspCheck[];
  /** What kept a source from answering, in English (facts, report.json). */
  problems: string[];
  /** The same problems as phrases (same order), said in the reader's language in readable reports. */
  problemPhrases: Phrase[];
}

/** The URL to fetch for a distribution point: the mirror's file of the same name when a mirror is given. */
export function crlFetchUrl(dpUrl: string, mirrorBase?: string): string {
  if (!mirrorBase) return dpUrl;
  const file = new URL(dpUrl).pathname.split('/').pop() ?? '';
  return new URL(encodeURIComponent(decodeURIComponent(file)), mirrorBase.endsWith('/') ? mirrorBase : `${mirrorBase}/`).toString();
}

function fetchCrlBytes(url: string, options: CrlSourceOptions): Promise<Buffer> {
  const fetch = () => httpGet(url, { timeouts: options.timeouts, signal: options.signal });
  return options.cache ? options.cache.get(url, fetch) : fetch();
}

/** The URIs of the certificate's CRL distribution points (RFC 5280 §4.2.1.13), in order. */
export function distributionPoints(certDer: Buffer): string[] {
  return [...certView(certDer).crlDistributionPoints];
}

/** The OCSP responders the certificate names (authorityInfoAccess, RFC 5280 §4.2.2.1). */
export function ocspResponders(certDer: Buffer): string[] {
  return [...certView(certDer).ocspResponders];
}

interface SourceOutcome {
  verdict: SourceVerdict;
  revokedOn?: string;
  reason?: string;
  problems: string[];
  problemPhrases: Phrase[];
}

/** An outcome's problem: its English in `problems`, its phrase beside it (same index). */
function addProblem(out: { problems: string[]; problemPhrases: Phrase[] }, p: Phrase): void {
  out.problems.push(renderPhrase(p));
  out.problemPhrases.push(p);
}

/** The outcome of a source with these problems. */
function withProblems(verdict: SourceVerdict, list: Phrase[], extra: Partial<SourceOutcome> = {}): SourceOutcome {
  return { verdict, ...extra, problems: list.map((p) => renderPhrase(p)), problemPhrases: list };
}

/**
 * The CRLs of the distribution points, each checked against the issuer: signature, issuer name, and
 * freshness against the real clock (a CRL issued today is current, whatever the as-of); an entry
 * counts when its revocation date is on or before the as-of instant.
 */
async function byCrl(certDer: Buffer, issuerDer: Buffer | undefined, asOf: Date, options: CrlSourceOptions, checks: CrlCheck[]): Promise<SourceOutcome> {
  const dps = distributionPoints(certDer);
  const issuer = issuerDer ? certView(issuerDer) : undefined;
  if (!dps.length) return withProblems('not-available', [phrase('rev-no-crl-dp')]);
  const out: SourceOutcome = { verdict: 'error', problems: [], problemPhrases: [] };
  if (!issuer) addProblem(out, phrase('rev-crl-issuer-unknown'));
  for (const url of dps) {
    const fetchedFrom = crlFetchUrl(url, options.mirrorBase);
    const check: CrlCheck = { url, fetchedFrom };
    checks.push(check);
    let crl: CrlView;
    try {
      crl = crlView(await fetchCrlBytes(fetchedFrom, options));
    } catch (err) {
      const pe = err instanceof ProbeError ? err : new ProbeError('EPROTOCOL', phrase('pe-not-a-crl', { what: fetchedFrom, message: (err as Error).message }));
      check.error = { code: pe.code, message: pe.message };
      out.problems.push(pe.message);
      out.problemPhrases.push(pe.phrase ?? phrase('text-verbatim', { text: pe.message }));
      continue;
    }
    check.thisUpdate = crl.thisUpdate.toISOString();
    check.nextUpdate = crl.nextUpdate?.toISOString();
    if (!issuer || !issuerDer) continue;
    check.signatureValid = await crl.verify(issuerDer);
    const problems: Phrase[] = [];
    if (!check.signatureValid) problems.push(phrase('rev-crl-bad-signature', { url: fetchedFrom }));
    if (crl.issuer !== issuer.subject) problems.push(phrase('rev-crl-wrong-issuer', { url: fetchedFrom, issuer: crl.issuer, expected: issuer.subject }));
    const stale = notFresh(options.clock ?? liveClock(), crl.thisUpdate, crl.nextUpdate);
    if (stale) problems.push(stale.code === 'STALE' ? phrase('rev-crl-outdated', { url: fetchedFrom, why: stale.whyPhrase }) : phrase('rev-crl-not-yet-valid', { url: fetchedFrom, why: stale.whyPhrase }));
    if (problems.length) {
      for (const p of problems) addProblem(out, p);
      continue;
    }
    const serial = certView(certDer).serialNumber.toLowerCase();
    const entry = crl.entries.find((e) => e.serialNumber.toLowerCase() === serial);
    if (entry && entry.revocationDate.getTime() <= asOf.getTime()) {
      return { verdict: 'revoked', revokedOn: entry.revocationDate.toISOString(), reason: reasonName(entry.reason), problems: out.problems, problemPhrases: out.problemPhrases };
    }
    out.verdict = 'good';
  }
  return out;
}

/** The OCSP responders the certificate names, or the mirror in their place (asked once). */
async function byOcsp(certDer: Buffer, issuerDer: Buffer | undefined, asOf: Date, options: RevocationOptions, checks: OcspCheck[]): Promise<SourceOutcome> {
  if (!options.ocsp) return withProblems('not-tested', []);
  const named = ocspResponders(certDer);
  if (!named.length) return withProblems('not-available', []);
  const mirrorUrl = options.ocsp.mirrorUrl;
  const { queryOcsp, ocspErrorPhrase } = await import('./ocsp.js');
  for (const url of mirrorUrl ? named.slice(0, 1) : named) {
    checks.push(await queryOcsp(certDer, issuerDer, url, asOf, { mirrorUrl, timeouts: options.timeouts, signal: options.signal, clock: options.clock }));
  }
  const problems = checks.flatMap((c) => (c.error ? [phrase('rev-ocsp-error', { code: c.error.code, message: ocspErrorPhrase(c.error) ?? c.error.message })] : []));
  const revoked = checks.find((c) => c.status === 'revoked');
  if (revoked) return withProblems('revoked', problems, { revokedOn: revoked.revokedOn, reason: revoked.reason });
  if (problems.length) return withProblems('error', problems);
  return withProblems(checks.some((c) => c.status === 'good') ? 'good' : 'unknown', checks.some((c) => c.status === 'unknown') ? [phrase('rev-ocsp-unknown')] : []);
}

/**
 * Revocation status of `certDer` on `asOf` by its CRLs and, when `options.ocsp` is given, by OCSP,
 * both consulted. Overall: `revoked` if either source says revoked; `good` only when at least one
 * source said good, none said revoked and none failed (an unreachable or invalid source makes the
 * status `unknown`, never `good`); `unknown` otherwise.
 */
export async function checkRevocation(certDer: Buffer, issuerDer: Buffer | undefined, asOf: Date, options: RevocationOptions): Promise<RevocationResult> {
  const cert = certView(certDer);
  const crls: CrlCheck[] = [];
  const ocspChecks: OcspCheck[] = [];
  const [crl, ocsp] = await Promise.all([byCrl(certDer, issuerDer, asOf, options, crls), byOcsp(certDer, issuerDer, asOf, options, ocspChecks)]);
  const result: RevocationResult = {
    serial: cert.serialNumber,
    status: 'unknown',
    method: 'none',
    crl: crl.verdict,
    crls,
    ocsp: ocsp.verdict,
    ocspResponders: ocspResponders(certDer),
    ocspChecks,
    problems: [...crl.problems, ...ocsp.problems],
    problemPhrases: [...crl.problemPhrases, ...ocsp.problemPhrases],
  };
  const verdicts = [crl.verdict, ocsp.verdict];
  const by = (v: SourceVerdict): RevocationResult['method'] => (crl.verdict === v && ocsp.verdict === v ? 'crl+ocsp' : crl.verdict === v ? 'crl' : 'ocsp');
  if (verdicts.includes('revoked')) {
    const source = crl.verdict === 'revoked' ? crl : ocsp;
    return { ...result, status: 'revoked', method: by('revoked'), revokedOn: source.revokedOn, reason: source.reason };
  }
  if (verdicts.includes('error') || !verdicts.includes('good')) return result;
  return { ...result, status: 'good', method: by('good') };
}

/**
 * Revocation of `certDer` by one CRL held locally (an operator's own copy, as the sandbox keeps):
 * `revoked`, `good`, or `unknown` when the CRL does not verify or is not current on `asOf`.
 */
export async function judgeWithLocalCrl(certDer: Buffer, issuerDer: Buffer, crlDer: Buffer, asOf: Date): Promise<RevocationStatus> {
  const cert = certView(certDer);
  const issuer = certView(issuerDer);
  const crl = crlView(crlDer);
  const ok = await crl.verify(issuerDer);
  if (!ok || crl.issuer !== issuer.subject || crl.thisUpdate > asOf || (crl.nextUpdate && crl.nextUpdate < asOf)) return 'unknown';
  const entry = crl.entries.find((e) => e.serialNumber.toLowerCase() === cert.serialNumber.toLowerCase());
  return entry && entry.revocationDate <= asOf ? 'revoked' : 'good';
}
