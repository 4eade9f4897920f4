/**
 * The sandbox OCSP responder's answers (RFC 6960): an OCSPResponse for a DER request, from the test
 * PKI's CRL data, signed by the issuing CA (responderID byKey). Loaded by responder.ts at the first
 * request, not at the sandbox's start: pkijs and asn1js are some 750 KB of code to compile.
 */
import { sign as signData } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { reasonCode } from '../../x509/crl-reasons.js';
import { nonceExtension, nonceOf, OID_OCSP_BASIC, OID_SHA1 } from '../../x509/ocsp.js';
import { issuerHashes } from '../../x509/der-fields.js';
import { normalizeSerial, type OcspAuthority } from './book.js';
import type { ResponderBehaviour } from './responder.js';

const ab = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_SHA256_RSA = '1.2.840.113549.1.1.11';

/** A bare OCSPResponse with a non-successful status (1 malformedRequest, 2 internalError, 6 unauthorized...). */
export function statusOnlyResponse(code: number): Buffer {
  return Buffer.from(new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: code }) }).toSchema().toBER());
}

function findAuthority(book: OcspAuthority[], id: pkijs.CertID): OcspAuthority | undefined {
  const alg = id.hashAlgorithm.algorithmId === OID_SHA1 ? 'sha1' : id.hashAlgorithm.algorithmId === OID_SHA256 ? 'sha256' : undefined;
  if (!alg) return undefined;
  const name = Buffer.from(id.issuerNameHash.valueBlock.valueHexView);
  const key = Buffer.from(id.issuerKeyHash.valueBlock.valueHexView);
  return book.find((a) => a[alg].nameHash.equals(name) && a[alg].keyHash.equals(key));
}

function certStatusBlock(status: 'good' | 'unknown' | { date: Date; reason?: string }): asn1js.BaseBlock {
  if (status === 'good') return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
  if (status === 'unknown') return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } });
  const code = reasonCode(status.reason);
  return new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 1 },
    value: [
      new asn1js.GeneralizedTime({ valueDate: status.date }),
      ...(code !== undefined ? [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Enumerated({ value: code })] })] : []),
    ],
  });
}

function serialHex(i: asn1js.Integer): string {
  return normalizeSerial(Buffer.from(i.valueBlock.valueHexView).toString('hex'));
}

function nextSerial(i: asn1js.Integer): asn1js.Integer {
  const n = BigInt(`0x${Buffer.from(i.valueBlock.valueHexView).toString('hex')}`) + 1n;
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex[0]!, 16) >= 8) hex = `00${hex}`;
  return new asn1js.Integer({ valueHex: ab(Buffer.from(hex, 'hex')) });
}

/** The DER OCSPResponse to one DER OCSPRequest. */
export function answerOcspRequest(requestDer: Buffer, book: OcspAuthority[], behaviour: ResponderBehaviour = {}): Buffer {
  let request: pkijs.OCSPRequest;
  try {
    request = pkijs.OCSPRequest.fromBER(ab(requestDer));
  } catch {
    return statusOnlyResponse(1);
  }
  const list = request.tbsRequest.requestList;
  if (!list.length) return statusOnlyResponse(1);
  const authority = findAuthority(book, list[0]!.reqCert);
  if (!authority || list.some((r) => findAuthority(book, r.reqCert) !== authority)) return statusOnlyResponse(6);
  const thisUpdate = behaviour.validity?.thisUpdate ?? authority.thisUpdate;
  const nextUpdate = behaviour.validity ? behaviour.validity.nextUpdate : authority.nextUpdate;
  const responses = list.map((r) => {
    const known = authority.serials.get(serialHex(r.reqCert.serialNumber));
    const status = !known ? 'unknown' : known.status === 'good' || behaviour.goodForRevoked ? 'good' : known;
    const certID = behaviour.wrongCertId
      ? new pkijs.CertID({ hashAlgorithm: r.reqCert.hashAlgorithm, issuerNameHash: r.reqCert.issuerNameHash, issuerKeyHash: r.reqCert.issuerKeyHash, serialNumber: nextSerial(r.reqCert.serialNumber) })
      : r.reqCert;
    return new pkijs.SingleResponse({ certID, certStatus: certStatusBlock(status), thisUpdate, ...(nextUpdate ? { nextUpdate } : {}) });
  });
  const nonce = behaviour.nonce ?? (behaviour.omitNonce ? undefined : nonceOf(request.tbsRequest.requestExtensions));
  const signerDer = behaviour.delegated?.certDer ?? authority.certDer;
  const signerKey = behaviour.delegated?.keyPem ?? authority.keyPem;
  const tbsResponseData = new pkijs.ResponseData({
    responderID: new asn1js.OctetString({ valueHex: ab(issuerHashes(signerDer).keyHash) }),
    producedAt: thisUpdate,
    responses,
    ...(nonce ? { responseExtensions: [nonceExtension(nonce)] } : {}),
  });
  const tbs = Buffer.from(tbsResponseData.toSchema(true).toBER());
  tbsResponseData.tbsView = new Uint8Array(tbs); // what toSchema() re-emits: exactly the bytes signed
  const signature = signData('sha256', tbs, signerKey);
  if (behaviour.corruptSignature) signature[signature.length - 1] ^= 0x01;
  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256_RSA, algorithmParams: new asn1js.Null() }),
    signature: new asn1js.BitString({ valueHex: ab(signature) }),
    ...(behaviour.delegated ? { certs: [pkijs.Certificate.fromBER(ab(signerDer))] } : {}),
  });
  return Buffer.from(
    new pkijs.OCSPResponse({
      responseStatus: new asn1js.Enumerated({ value: 0 }),
      responseBytes: new pkijs.ResponseBytes({ responseType: OID_OCSP_BASIC, response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER() }) }),
    })
      .toSchema()
      .toBER(),
  );
}
