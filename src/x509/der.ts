/**
 * A minimal DER reader for the few certificate fields msscheck reads without a full ASN.1 decode
 * (der-fields.ts, the certificate description's fast path): elements by tag, length and offsets,
 * strict about lengths. Malformed DER throws.
 */
import { BoundedMap } from '../util/bounded-map.js';

export const INTEGER = 0x02;
export const BIT_STRING = 0x03;
export const OCTET_STRING = 0x04;
export const OID = 0x06;
export const SEQUENCE = 0x30;
export const SET = 0x31;

/** One DER element: its tag, where it starts, where its content starts and ends. */
export interface Tlv {
  tag: number;
  /** Offset of the tag octet. */
  at: number;
  /** Offset of the content octets. */
  start: number;
  /** Offset just past the content octets. */
  end: number;
}

/** The DER element at `at`, within `limit`. */
export function tlv(der: Uint8Array, at: number, limit: number): Tlv {
  if (at + 2 > limit) throw new Error('truncated DER');
  const tag = der[at]!;
  if ((tag & 0x1f) === 0x1f) throw new Error('unexpected multi-octet DER tag');
  let len = der[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > limit) throw new Error('bad DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[start + i]!;
    start += n;
  }
  const end = start + len;
  if (end > limit) throw new Error('truncated DER');
  return { tag, at, start, end };
}

/** The elements inside a constructed element. */
export function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const t = tlv(der, at, parent.end);
    out.push(t);
    at = t.end;
  }
  return out;
}

export function expectTag(t: Tlv, tag: number, what: string): Tlv {
  if (t.tag !== tag) throw new Error(`not a certificate: ${what} has tag 0x${t.tag.toString(16)}`);
  return t;
}

/** The dotted form of an OBJECT IDENTIFIER's content. */
export function oidString(der: Uint8Array, t: Tlv): string {
  const arcs: number[] = [];
  let v = 0;
  for (let i = t.start; i < t.end; i++) {
    v = v * 128 + (der[i]! & 0x7f);
    if (!(der[i]! & 0x80)) {
      arcs.push(v);
      v = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

/** The top-level fields of a certificate's tbsCertificate (RFC 5280 §4.1). */
export interface TbsFields {
  tbs: Tlv;
  serial: Tlv;
  signature: Tlv;
  issuer: Tlv;
  validity: Tlv;
  subject: Tlv;
  spki: Tlv;
  /** The `[3]` extensions wrapper, when present. */
  extensions?: Tlv;
  /** The outer signatureAlgorithm. */
  signatureAlgorithm: Tlv;
}

export function tbsFields(der: Uint8Array): TbsFields {
  const cert = expectTag(tlv(der, 0, der.length), SEQUENCE, 'Certificate');
  const tbs = expectTag(tlv(der, cert.start, cert.end), SEQUENCE, 'tbsCertificate');
  const signatureAlgorithm = expectTag(tlv(der, tbs.end, cert.end), SEQUENCE, 'signatureAlgorithm');
  let t = tlv(der, tbs.start, tbs.end);
  if (t.tag === 0xa0) t = tlv(der, t.end, tbs.end);
  const serial = expectTag(t, INTEGER, 'serialNumber');
  const signature = expectTag(tlv(der, serial.end, tbs.end), SEQUENCE, 'signature');
  const issuer = expectTag(tlv(der, signature.end, tbs.end), SEQUENCE, 'issuer');
  const validity = expectTag(tlv(der, issuer.end, tbs.end), SEQUENCE, 'validity');
  const subject = expectTag(tlv(der, validity.end, tbs.end), SEQUENCE, 'subject');
  const spki = expectTag(tlv(der, subject.end, tbs.end), SEQUENCE, 'subjectPublicKeyInfo');
  let extensions: Tlv | undefined;
  for (let at = spki.end; at < tbs.end; ) {
    const e = tlv(der, at, tbs.end);
    if (e.tag === 0xa3) extensions = e;
    at = e.end;
  }
  return { tbs, serial, signature, issuer, validity, subject, spki, extensions, signatureAlgorithm };
}

const SIGNED_DATA = '1.2.840.113549.1.7.2';

/**
 * The certificates of a PKCS#7 / CMS SignedData (RFC 5652 §5.1; a `.p7b` certs-only bundle), each
 * as its own DER, in the bundle's order; undefined when `der` is not one this reader follows (not
 * SignedData, other certificate choices, BER): the caller then asks the library.
 */
export function signedDataCertificates(der: Uint8Array): Uint8Array[] | undefined {
  try {
    const info = tlv(der, 0, der.length);
    if (info.tag !== SEQUENCE || info.end !== der.length) return undefined;
    const [type, content] = children(der, info);
    if (type?.tag !== OID || oidString(der, type) !== SIGNED_DATA || content?.tag !== 0xa0) return undefined;
    const signedData = tlv(der, content.start, content.end);
    if (signedData.tag !== SEQUENCE) return undefined;
    const certificates = children(der, signedData).find((t) => t.tag === 0xa0);
    if (!certificates) return [];
    const out: Uint8Array[] = [];
    for (const c of children(der, certificates)) {
      if (c.tag !== SEQUENCE) return undefined;
      out.push(der.subarray(c.at, c.end));
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Attribute types by OID, as the library names them (else the OID). */
export const NAME_TYPES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'E',
  '2.5.4.42': 'G',
  '2.5.4.43': 'I',
  '2.5.4.4': 'SN',
  '2.5.4.12': 'T',
};

/** Thrown inside when the certificate holds something this reader leaves to the library. */
/**
 * The signature algorithms the DER readers know (PKCS#1 v1.5 and ECDSA), by OID: the name
 * @peculiar/x509 gives them, the hash they sign with, and the type of key they need. Anything else
 * (RSA-PSS...) is the library's.
 */
export const SIGNATURE_ALGORITHMS: Record<string, { name: string; hash: string; keyType: 'rsa' | 'ec' }> = {
  '1.2.840.113549.1.1.5': { name: 'RSASSA-PKCS1-v1_5 SHA-1', hash: 'sha1', keyType: 'rsa' },
  '1.2.840.113549.1.1.11': { name: 'RSASSA-PKCS1-v1_5 SHA-256', hash: 'sha256', keyType: 'rsa' },
  '1.2.840.113549.1.1.12': { name: 'RSASSA-PKCS1-v1_5 SHA-384', hash: 'sha384', keyType: 'rsa' },
  '1.2.840.113549.1.1.13': { name: 'RSASSA-PKCS1-v1_5 SHA-512', hash: 'sha512', keyType: 'rsa' },
  '1.2.840.10045.4.1': { name: 'ECDSA SHA-1', hash: 'sha1', keyType: 'ec' },
  '1.2.840.10045.4.3.2': { name: 'ECDSA SHA-256', hash: 'sha256', keyType: 'ec' },
  '1.2.840.10045.4.3.3': { name: 'ECDSA SHA-384', hash: 'sha384', keyType: 'ec' },
  '1.2.840.10045.4.3.4': { name: 'ECDSA SHA-512', hash: 'sha512', keyType: 'ec' },
};

export class Unsupported extends Error {}

/**
 * A reader that reads `der` itself when it holds only what that reader knows (`fromDer` throws
 * otherwise, Unsupported or malformed), else with `fromLibrary`; each content's view kept (at most
 * `size`, keyed by `key`). Shared: never change a view.
 */
export function derFirst<V>(fromDer: (der: Buffer) => V, fromLibrary: (der: Buffer) => V, size: number, key: (der: Buffer) => string): { fromDerOnly(der: Buffer): V | undefined; view(der: Buffer): V } {
  const views = new BoundedMap<string, V>(size);
  const fromDerOnly = (der: Buffer): V | undefined => {
    try {
      return fromDer(der);
    } catch {
      return undefined;
    }
  };
  return { fromDerOnly, view: (der) => views.getOr(key(der), () => fromDerOnly(der) ?? fromLibrary(der)) };
}

const UTF8 = 0x0c;
const PRINTABLE = 0x13;
const IA5 = 0x16;

export function text(der: Buffer, t: Tlv): string {
  if (t.tag !== UTF8 && t.tag !== PRINTABLE && t.tag !== IA5) throw new Unsupported();
  return der.toString(t.tag === UTF8 ? 'utf8' : 'latin1', t.start, t.end);
}

/** The library's escaping of an attribute value (RFC 4514 specials; only the first CR, LF or TAB as hex). */
function escapeValue(v: string): string {
  return v
    .replace(/([,+"\\<>;])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/([ ]$)/, '\\$1')
    .replace(/([\r\n\t])/, (c) => `\\${Buffer.from(c, 'utf8').toString('hex').toUpperCase()}`);
}

/** A Name as @peculiar/x509 writes it (`C=FR, O=..., CN=...`); Unsupported for string types other than UTF8, Printable and IA5. */
export function nameString(der: Buffer, name: Tlv): string {
  return children(der, name)
    .map((rdn) => {
      if (rdn.tag !== 0x31) throw new Unsupported();
      return children(der, rdn)
        .map((atv) => {
          const [type, value] = children(der, expectTag(atv, SEQUENCE, 'AttributeTypeAndValue'));
          if (!type || !value || type.tag !== OID) throw new Unsupported();
          const oid = oidString(der, type);
          return `${NAME_TYPES[oid] ?? oid}=${escapeValue(text(der, value))}`;
        })
        .join('+');
    })
    .join(', ');
}

/** UTCTime or GeneralizedTime (DER: seconds, `Z`) as an ISO string. */
export function timeString(der: Buffer, t: Tlv): string {
  const s = der.toString('latin1', t.start, t.end);
  const m = t.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s) : t.tag === 0x18 ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s) : null;
  if (!m) throw new Unsupported();
  const year = t.tag === 0x17 ? (Number(m[1]) >= 50 ? 1900 : 2000) + Number(m[1]) : Number(m[1]);
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))).toISOString();
}

/** A serial number as @peculiar/x509 writes it (lower-case hex, without the sign octet). */
export function serialHex(der: Buffer, t: Tlv): string {
  let start = t.start;
  if (t.end - start > 1 && der[start] === 0 && der[start + 1]! > 127) start++;
  return der.toString('hex', start, t.end);
}


/** The entries of an Extensions SEQUENCE (RFC 5280 §4.1): each extension's OID and the element inside its extnValue. */
export function extensionEntries(der: Buffer, list: Tlv): { oid: string; value: Tlv }[] {
  return children(der, expectTag(list, SEQUENCE, 'extensions')).map((ext) => {
    const parts = children(der, expectTag(ext, SEQUENCE, 'Extension'));
    const id = parts[0];
    const value = parts[parts.length - 1];
    if (!id || id.tag !== OID || !value || value.tag !== OCTET_STRING) throw new Unsupported();
    return { oid: oidString(der, id), value: tlv(der, value.start, value.end) };
  });
}
