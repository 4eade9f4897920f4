/**
 * OCSP client (RFC 6960): one request per certificate with a SHA-1 CertID (what responders
 * expect) and a nonce (RFC 8954), POSTed as `application/ocsp-request` with connect, idle and
 * overall timeouts; the response's signature is checked (the issuing CA, or a delegated responder
 * certificate issued by it with id-kp-OCSPSigning), as are the CertID, the nonce when echoed, and
 * thisUpdate/nextUpdate against the as-of date. Every failure is an error code, never a status.
 */
import { randomBytes, verify as verifySignature, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parsedCertificate, x509 } from '../pki/x509-lib.js';
import { ProbeError, type Timeouts } from '../probes/types.js';
import { phrase, renderPhrase, type Phrase } from '../i18n/phrase.js';
import { reasonName } from './crl-reasons.js';
import { httpPost } from './http-fetch.js';
import { liveClock, notFresh, type LiveClock } from './live-clock.js';
import { certIdFields, issuerHashes } from './der-fields.js';
import { nodeCertificate } from './node-certificate.js';

export const OID_SHA1 = '1.3.14.3.2.26';
export const OID_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
export const OID_OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';
export const OID_KP_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

export type OcspStatus = 'good' | 'revoked' | 'unknown';

/** Stable error codes of an OCSP check (besides the HTTP ones: ECONNREFUSED, ETIMEDOUT_*, EHTTP...). */
export type OcspErrorCode =
  | 'EOCSP_NO_ISSUER'
  | 'EOCSP_MALFORMED'
  | 'EOCSP_RESPONSE_STATUS'
  | 'EOCSP_SIGNATURE'
  | 'EOCSP_SIGNER'
  | 'EOCSP_CERTID'
  | 'EOCSP_NONCE'
  | 'EOCSP_NOT_YET_VALID'
  | 'EOCSP_STALE';

export interface OcspOptions {
  /** Responder mirror (the profile's `endpoints.ocsp.url`): requests go there instead of the AIA URL. */
  mirrorUrl?: string;
  timeouts: Timeouts;
  signal?: AbortSignal;
  /** Nonce to send (tests); 16 random octets otherwise. */
  nonce?: Buffer;
  /** The real clock the answer's freshness is judged by (default: now, with the data's skew allowance). */
  clock?: LiveClock;
}

export interface OcspCheck {
  /** Responder URL named by the certificate (AIA). */
  url: string;
  /** URL the request was POSTed to (the mirror's when there is one). */
  fetchedFrom: string;
  status?: OcspStatus;
  revokedOn?: string;
  reason?: string;
  producedAt?: string;
  thisUpdate?: string;
  nextUpdate?: string;
  /** Who signed the response: the issuing CA or a delegated OCSP responder (its subject). */
  signer?: 'issuer' | { delegated: string };
  /** Whether the responder echoed our nonce (an absent nonce is allowed, RFC 8954; a different one is an error). */
  nonceEchoed?: boolean;
  error?: { code: string; message: string };
}

const ab = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** The SHA-1 CertID of `certDer` issued by `issuerDer` (their fields read from the DER, see der-fields.ts). */
export function certIdFor(certDer: Buffer, issuerDer: Buffer): pkijs.CertID {
  const h = issuerHashes(issuerDer);
  return new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA1, algorithmParams: new asn1js.Null() }),
    issuerNameHash: new asn1js.OctetString({ valueHex: ab(h.nameHash) }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: ab(h.keyHash) }),
    serialNumber: new asn1js.Integer({ valueHex: ab(certIdFields(certDer).serial) }),
  });
}

/** The nonce extension (RFC 8954: an OCTET STRING of 1 to 32 octets, inside extnValue). */
export function nonceExtension(nonce: Buffer): pkijs.Extension {
  return new pkijs.Extension({ extnID: OID_OCSP_NONCE, extnValue: new asn1js.OctetString({ valueHex: ab(nonce) }).toBER() });
}

/** The nonce carried by a list of extensions, if any. */
export function nonceOf(extensions: pkijs.Extension[] | undefined): Buffer | undefined {
  const ext = extensions?.find((e) => e.extnID === OID_OCSP_NONCE);
  if (!ext) return undefined;
  const raw = Buffer.from(ext.extnValue.valueBlock.valueHexView);
  const inner = asn1js.fromBER(ab(raw));
  return inner.offset !== -1 && inner.result instanceof asn1js.OctetString ? Buffer.from(inner.result.valueBlock.valueHexView) : raw;
}

/** DER of an unsigned OCSPRequest for one certificate, with a nonce (RFC 6960 §4.1). */
export function buildOcspRequest(certDer: Buffer, issuerDer: Buffer, nonce: Buffer): Buffer {
  const req = new pkijs.OCSPRequest({
    tbsRequest: new pkijs.TBSRequest({
      requestList: [new pkijs.Request({ reqCert: certIdFor(certDer, issuerDer) })],
      requestExtensions: [nonceExtension(nonce)],
    }),
  });
  return Buffer.from(req.toSchema(true).toBER());
}

const SIGNATURE_HASH: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

const RESPONSE_STATUS = ['successful', 'malformedRequest', 'internalError', 'tryLater', '(4)', 'sigRequired', 'unauthorized'];

/** A response that cannot be relied on, with a stable EOCSP_* code. */
export class OcspError extends Error {
  constructor(
    readonly code: OcspErrorCode,
    message: string,
    /** The message as a catalogue phrase (readable reports say it in the user's language). */
    readonly phrase?: Phrase,
  ) {
    super(message);
    this.name = 'OcspError';
  }
}

function fail(code: OcspErrorCode, p: Phrase): never {
  throw new OcspError(code, renderPhrase(p), p);
}

/**
 * The phrase of a failed check's error, kept beside the check (not in it: checks are facts, which
 * stay English); a check that failed without a phrase has none.
 */
const errorPhrases = new WeakMap<object, Phrase>();
export function ocspErrorPhrase(error: NonNullable<OcspCheck['error']>): Phrase | undefined {
  return errorPhrases.get(error);
}

function sameCertId(a: pkijs.CertID, b: pkijs.CertID): boolean {
  const eq = (x: asn1js.OctetString | asn1js.Integer, y: asn1js.OctetString | asn1js.Integer) => Buffer.from(x.valueBlock.valueHexView).equals(Buffer.from(y.valueBlock.valueHexView));
  return a.hashAlgorithm.algorithmId === b.hashAlgorithm.algorithmId && eq(a.issuerNameHash, b.issuerNameHash) && eq(a.issuerKeyHash, b.issuerKeyHash) && eq(a.serialNumber, b.serialNumber);
}

/** Whether the ResponderID (byName or byKey) designates `certDer`. */
function responderIs(responderID: unknown, certDer: Buffer): boolean {
  if (responderID instanceof pkijs.RelativeDistinguishedNames) return responderID.isEqual(pkijs.Certificate.fromBER(ab(certDer)).subject);
  if (responderID instanceof asn1js.OctetString) return Buffer.from(responderID.valueBlock.valueHexView).equals(issuerHashes(certDer).keyHash);
  return false;
}

function hasOcspSigning(certDer: Buffer): boolean {
  const eku = parsedCertificate(certDer).getExtension(x509.ExtendedKeyUsageExtension);
  return (eku?.usages ?? []).map(String).includes(OID_KP_OCSP_SIGNING);
}

/** The certificate whose key must have signed the response: the issuer, or a delegated responder it issued for OCSP signing. */
function findSigner(basic: pkijs.BasicOCSPResponse, issuerDer: Buffer, clock: LiveClock): { der: Buffer; who: OcspCheck['signer'] } {
  const responderID = basic.tbsResponseData.responderID;
  if (responderIs(responderID, issuerDer)) return { der: issuerDer, who: 'issuer' };
  const issuer = nodeCertificate(issuerDer);
  for (const c of basic.certs ?? []) {
    const der = Buffer.from(c.toSchema().toBER());
    if (!responderIs(responderID, der)) continue;
    const cand = new X509Certificate(der);
    const subject = cand.subject.split('\n').join(', ');
    if (!cand.checkIssued(issuer) || !cand.verify(issuer.publicKey)) fail('EOCSP_SIGNER', phrase('ocsp-signer-not-issued', { subject, issuer: issuer.subject.split('\n').join(', ') }));
    if (!hasOcspSigning(der)) fail('EOCSP_SIGNER', phrase('ocsp-signer-no-eku', { subject }));
    if (new Date(cand.validFrom).getTime() > clock.now.getTime() + clock.skewMs || new Date(cand.validTo).getTime() < clock.now.getTime() - clock.skewMs)
      fail('EOCSP_SIGNER', phrase('ocsp-signer-not-valid', { subject, now: clock.now.toISOString() }));
    return { der, who: { delegated: subject } };
  }
  return fail('EOCSP_SIGNER', phrase('ocsp-signer-unknown'));
}

function decodeStatus(single: pkijs.SingleResponse): Pick<OcspCheck, 'status' | 'revokedOn' | 'reason'> {
  const s = single.certStatus as asn1js.BaseBlock;
  switch (s.idBlock.tagNumber) {
    case 0:
      return { status: 'good' };
    case 2:
      return { status: 'unknown' };
    case 1: {
      const parts = (s as asn1js.Constructed).valueBlock.value;
      const time = parts[0] instanceof asn1js.GeneralizedTime ? parts[0].toDate() : undefined;
      const reasonBlock = parts[1] as asn1js.Constructed | undefined;
      const enumerated = reasonBlock?.valueBlock.value?.[0] as asn1js.Enumerated | undefined;
      return { status: 'revoked', revokedOn: time?.toISOString(), reason: enumerated ? reasonName(enumerated.valueBlock.valueDec) : undefined };
    }
    default:
      return fail('EOCSP_MALFORMED', phrase('ocsp-unknown-cert-status', { tag: String(s.idBlock.tagNumber) }));
  }
}

/**
 * Judges an OCSP response (DER) for `certDer` issued by `issuerDer`: its freshness (and its
 * delegated signer's validity) against the real clock `clock` with the skew allowance, and a
 * revocation after `asOf` as not yet one on that instant. Throws a OcspError with an EOCSP_* code
 * when the response cannot be relied on.
 */
export function judgeOcspResponse(responseDer: Buffer, certDer: Buffer, issuerDer: Buffer, asOf: Date, nonce?: Buffer, clock: LiveClock = liveClock()): Omit<OcspCheck, 'url' | 'fetchedFrom'> {
  let basic: pkijs.BasicOCSPResponse;
  try {
    const resp = pkijs.OCSPResponse.fromBER(ab(responseDer));
    const code = resp.responseStatus.valueBlock.valueDec;
    if (code !== 0) fail('EOCSP_RESPONSE_STATUS', phrase('ocsp-response-status', { status: String(RESPONSE_STATUS[code] ?? code) }));
    if (!resp.responseBytes || resp.responseBytes.responseType !== OID_OCSP_BASIC) fail('EOCSP_MALFORMED', phrase('ocsp-not-basic'));
    basic = pkijs.BasicOCSPResponse.fromBER(ab(resp.responseBytes.response.valueBlock.valueHexView));
  } catch (err) {
    if (err instanceof OcspError) throw err;
    fail('EOCSP_MALFORMED', phrase('ocsp-not-a-response', { detail: (err as Error).message }));
  }
  const { der: signerDer, who } = findSigner(basic, issuerDer, clock);
  const hash = SIGNATURE_HASH[basic.signatureAlgorithm.algorithmId];
  if (!hash) fail('EOCSP_SIGNATURE', phrase('ocsp-signature-algorithm', { algorithm: basic.signatureAlgorithm.algorithmId }));
  const tbs = Buffer.from(basic.tbsResponseData.tbsView);
  const signature = Buffer.from(basic.signature.valueBlock.valueHexView);
  let ok = false;
  try {
    ok = verifySignature(hash, tbs, nodeCertificate(signerDer).publicKey, signature);
  } catch {
    ok = false;
  }
  if (!ok) fail('EOCSP_SIGNATURE', phrase('ocsp-signature-bad'));
  const echoed = nonceOf(basic.tbsResponseData.responseExtensions);
  if (echoed && nonce && !echoed.equals(nonce)) fail('EOCSP_NONCE', phrase('ocsp-nonce-other'));
  const want = certIdFor(certDer, issuerDer);
  const single = basic.tbsResponseData.responses.find((r) => sameCertId(r.certID, want));
  if (!single) fail('EOCSP_CERTID', phrase('ocsp-no-certid'));
  const stale = notFresh(clock, single.thisUpdate, single.nextUpdate);
  if (stale) fail(stale.code === 'STALE' ? 'EOCSP_STALE' : 'EOCSP_NOT_YET_VALID', phrase(stale.code === 'STALE' ? 'ocsp-stale' : 'ocsp-not-yet-valid', { why: stale.whyPhrase }));
  let verdict = decodeStatus(single);
  // Revoked after the as-of date: not yet revoked on that date.
  if (verdict.status === 'revoked' && verdict.revokedOn && new Date(verdict.revokedOn).getTime() > asOf.getTime()) verdict = { status: 'good' };
  return {
    ...verdict,
    producedAt: basic.tbsResponseData.producedAt.toISOString(),
    thisUpdate: single.thisUpdate.toISOString(),
    nextUpdate: single.nextUpdate?.toISOString(),
    signer: who,
    nonceEchoed: !!echoed,
  };
}

/** The URL to POST to: the mirror when given, else the responder named by the certificate. */
export function ocspFetchUrl(responderUrl: string, mirrorUrl?: string): string {
  return mirrorUrl ?? responderUrl;
}

/**
 * Asks `responderUrl` (or the mirror) for the status of `certDer` on `asOf`. Never throws: a
 * failure is in `error` (code and message) and leaves `status` unset.
 */
export async function queryOcsp(certDer: Buffer, issuerDer: Buffer | undefined, responderUrl: string, asOf: Date, options: OcspOptions): Promise<OcspCheck> {
  const fetchedFrom = ocspFetchUrl(responderUrl, options.mirrorUrl);
  const check: OcspCheck = { url: responderUrl, fetchedFrom };
  try {
    if (!issuerDer) fail('EOCSP_NO_ISSUER', phrase('ocsp-no-issuer'));
    const nonce = options.nonce ?? randomBytes(16);
    const body = await httpPost(fetchedFrom, buildOcspRequest(certDer, issuerDer, nonce), {
      contentType: 'application/ocsp-request',
      accept: 'application/ocsp-response',
      timeouts: options.timeouts,
      signal: options.signal,
      maxBytes: 1024 * 1024,
    });
    Object.assign(check, judgeOcspResponse(body, certDer, issuerDer, asOf, nonce, options.clock ?? liveClock()));
  } catch (err) {
    const code = err instanceof ProbeError || err instanceof OcspError ? err.code : 'EOCSP_MALFORMED';
    check.error = { code, message: `${fetchedFrom}: ${(err as Error).message}` };
    const said = err instanceof ProbeError || err instanceof OcspError ? err.phrase : undefined;
    if (said) errorPhrases.set(check.error, phrase('ocsp-at', { url: fetchedFrom, message: said }));
  }
  return check;
}
