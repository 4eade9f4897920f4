/**
 * What the profile and revocation checks read of a certificate, read straight from its DER when it
 * holds only what der.ts knows, else from @peculiar/x509 (the same values either way:
 * test/x509/cert-view.test.ts). Loading and decoding with the library was most of the x509 CPU of
 * a catalogue run, in the client and in the sandbox alike. Kept per content; shared: never change it.
 */
import { parsedCertificate, x509 } from '../pki/x509-lib.js';
import { children, derFirst, expectTag, extensionEntries, nameString, NAME_TYPES, OID, oidString, SEQUENCE, serialHex, tbsFields, text, tlv, Unsupported, type Tlv } from './der.js';

export interface CertView {
  /** Lower-case hex, as the library writes it. */
  serialNumber: string;
  subject: string;
  issuer: string;
  /** The attribute types of the subject, by the library's names (`CN`, `O`...) or OID. */
  subjectTypes: string[];
  /** The issuer's common names. */
  issuerCommonNames: string[];
  /** basicConstraints cA (false when absent). */
  isCa: boolean;
  /** RFC 5280 §4.2.1.13: the URIs of the CRL distribution points' full names, in order. */
  crlDistributionPoints: string[];
  /** RFC 5280 §4.2.2.1: the OCSP responders' URLs. */
  ocspResponders: string[];
}

const OCSP_METHOD = '1.3.6.1.5.5.7.48.1';
const URI = 0x86;
/** GeneralName kinds read here (e-mail, DNS, URI, IP); any other is left to the library. */
const KNOWN_NAMES = new Set([0x81, 0x82, URI, 0x87]);
const known = (g: Tlv): Tlv => {
  if (!KNOWN_NAMES.has(g.tag)) throw new Unsupported();
  return g;
};

function attributes(der: Buffer, name: Tlv): { type: string; value: Tlv }[] {
  return children(der, name).flatMap((rdn) =>
    children(der, rdn).map((atv) => {
      const [type, value] = children(der, expectTag(atv, SEQUENCE, 'AttributeTypeAndValue'));
      if (!type || !value || type.tag !== OID) throw new Unsupported();
      const oid = oidString(der, type);
      return { type: NAME_TYPES[oid] ?? oid, value };
    }),
  );
}

function viewFromDer(der: Buffer): CertView {
  const f = tbsFields(der);
  const view: CertView = {
    serialNumber: serialHex(der, f.serial),
    subject: nameString(der, f.subject),
    issuer: nameString(der, f.issuer),
    subjectTypes: [...new Set(attributes(der, f.subject).map((a) => a.type))],
    issuerCommonNames: attributes(der, f.issuer)
      .filter((a) => a.type === 'CN')
      .map((a) => text(der, a.value)),
    isCa: false,
    crlDistributionPoints: [],
    ocspResponders: [],
  };
  if (!f.extensions) return view;
  for (const { oid, value: inner } of extensionEntries(der, tlv(der, f.extensions.start, f.extensions.end))) {
    switch (oid) {
      case '2.5.29.19': {
        const first = children(der, expectTag(inner, SEQUENCE, 'basicConstraints'))[0];
        view.isCa = first?.tag === 0x01 && first.end === first.start + 1 && der[first.start] !== 0;
        break;
      }
      case '2.5.29.31':
        for (const dp of children(der, expectTag(inner, SEQUENCE, 'cRLDistributionPoints'))) {
          const name = children(der, expectTag(dp, SEQUENCE, 'DistributionPoint')).find((t) => t.tag === 0xa0);
          const choice = name ? children(der, name) : [];
          if (choice.some((t) => t.tag !== 0xa0 && t.tag !== 0xa1)) throw new Unsupported();
          const full = choice.find((t) => t.tag === 0xa0);
          for (const g of full ? children(der, full) : []) if (known(g).tag === URI) view.crlDistributionPoints.push(der.toString('latin1', g.start, g.end));
        }
        break;
      case '1.3.6.1.5.5.7.1.1':
        for (const ad of children(der, expectTag(inner, SEQUENCE, 'authorityInfoAccess'))) {
          const [method, location] = children(der, expectTag(ad, SEQUENCE, 'AccessDescription'));
          if (!method || method.tag !== OID || !location) throw new Unsupported();
          if (oidString(der, method) === OCSP_METHOD && known(location).tag === URI) view.ocspResponders.push(der.toString('latin1', location.start, location.end));
        }
        break;
    }
  }
  return view;
}

/** The same view, as the library decodes the certificate. */
export function viewWithLibrary(der: Buffer): CertView {
  const c = parsedCertificate(der);
  return {
    serialNumber: c.serialNumber,
    subject: c.subject,
    issuer: c.issuer,
    subjectTypes: [...new Set(c.subjectName.toJSON().flatMap((rdn) => Object.keys(rdn)))],
    issuerCommonNames: c.issuerName.getField('CN'),
    isCa: c.getExtension(x509.BasicConstraintsExtension)?.ca ?? false,
    crlDistributionPoints: (c.getExtension(x509.CRLDistributionPointsExtension)?.distributionPoints ?? []).flatMap((dp) =>
      (dp.distributionPoint?.fullName ?? []).map((n) => n.uniformResourceIdentifier).filter((u): u is string => typeof u === 'string'),
    ),
    ocspResponders: (c.getExtension(x509.AuthorityInfoAccessExtension)?.ocsp ?? []).filter((g) => g.type === 'url').map((g) => String(g.value)),
  };
}

const reader = derFirst(viewFromDer, viewWithLibrary, 256, (der) => der.toString('base64'));

/** The view of `der` from the DER alone, or undefined when it holds something only the library reads. */
export const viewFromDerOnly = reader.fromDerOnly;

/** What the checks read of `der` (see the file's comment). Throws as the library does on what is not a certificate. */
export const certView = reader.view;
