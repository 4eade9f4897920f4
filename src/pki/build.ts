/**
 * Builds the test PKI in memory from its specification and keys: certificates (DER) and CRLs
 * (DER). Pure apart from the crypto: same spec + same keys => same bytes (RSA PKCS#1 v1.5).
 */
import { addOffset, parseEpoch } from './dates.js';
import { type TestKey, signingKey } from './keys.js';
import type { AuthoritySpec, CertificateSpec, HashName, ItemKind, KeyUsageName, PkiSpec, ProfileSpec, RevocationReason, SubjectSpec, ValiditySpec } from './spec.js';
import { x509 } from './x509-lib.js';

export const EKU_OIDS: Record<string, string> = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  msSmartcardLogin: '1.3.6.1.4.1.311.20.2.2',
};

const KEY_USAGE_FLAGS: Record<KeyUsageName, number> = {
  digitalSignature: x509.KeyUsageFlags.digitalSignature,
  nonRepudiation: x509.KeyUsageFlags.nonRepudiation,
  keyEncipherment: x509.KeyUsageFlags.keyEncipherment,
  dataEncipherment: x509.KeyUsageFlags.dataEncipherment,
  keyAgreement: x509.KeyUsageFlags.keyAgreement,
  keyCertSign: x509.KeyUsageFlags.keyCertSign,
  cRLSign: x509.KeyUsageFlags.cRLSign,
  encipherOnly: x509.KeyUsageFlags.encipherOnly,
  decipherOnly: x509.KeyUsageFlags.decipherOnly,
};

const REASONS: Record<RevocationReason, x509.X509CrlReason> = {
  unspecified: x509.X509CrlReason.unspecified,
  keyCompromise: x509.X509CrlReason.keyCompromise,
  affiliationChanged: x509.X509CrlReason.affiliationChanged,
  superseded: x509.X509CrlReason.superseded,
  cessationOfOperation: x509.X509CrlReason.cessationOfOperation,
};

/** Attribute types written as OIDs so that every reader agrees on them. */
export const ATTRIBUTE_OIDS: Record<keyof SubjectSpec, string> = {
  C: '2.5.4.6', ST: '2.5.4.8', L: '2.5.4.7', O: '2.5.4.10', OU: '2.5.4.11', title: '2.5.4.12',
  SN: '2.5.4.4', GN: '2.5.4.42', CN: '2.5.4.3', E: '1.2.840.113549.1.9.1',
};

export interface BuiltItem {
  name: string;
  kind: ItemKind;
  /** Name of the issuing authority; the item itself for roots and self-signed certificates. */
  issuerName: string;
  igc: boolean;
  subject: SubjectSpec;
  cert: x509.X509Certificate;
  key: TestKey;
  /** Hash of the certificate's signature. */
  hash: HashName;
  notBefore: Date;
  notAfter: Date;
  serial: string;
  /** Items from the leaf's issuer up to the root. */
  issuers: BuiltItem[];
  defect?: string;
  p12?: string;
  revoked?: { date: Date; reason?: RevocationReason };
  /** Authorities only: CRL file name and URL. */
  crl?: { file: string; url: string };
}

export interface BuiltCrl {
  issuer: string;
  file: string;
  url: string;
  thisUpdate: Date;
  nextUpdate: Date;
  revokedSerials: string[];
  crl: x509.X509Crl;
}

export interface BuiltPki {
  epoch: Date;
  referenceAsOf: Date;
  items: BuiltItem[];
  crls: BuiltCrl[];
}

/** Keys are obtained through `keyFor(name, bits)` (see keys.ts). */
export async function buildPki(spec: PkiSpec, keyFor: (name: string, bits: number) => TestKey): Promise<BuiltPki> {
  const epoch = parseEpoch(spec.epoch, 'epoch');
  const byName = new Map<string, BuiltItem>();
  const items: BuiltItem[] = [];

  for (const a of spec.authorities) {
    const item = await buildAuthority(spec, epoch, a, byName, keyFor);
    byName.set(a.name, item);
    items.push(item);
  }
  for (const c of spec.certificates) {
    const item = await buildEndEntity(spec, epoch, c, byName, keyFor);
    byName.set(c.name, item);
    items.push(item);
  }

  const crls: BuiltCrl[] = [];
  for (const ca of items.filter((i) => i.crl)) {
    const revoked = items.filter((i) => i.revoked && i.issuerName === ca.name && i.issuerName !== i.name);
    crls.push(await buildCrl(spec, epoch, ca, revoked));
  }
  return { epoch, referenceAsOf: addOffset(epoch, spec.referenceAsOf ?? '+30d'), items, crls };
}

async function buildAuthority(
  spec: PkiSpec,
  epoch: Date,
  a: AuthoritySpec,
  byName: Map<string, BuiltItem>,
  keyFor: (name: string, bits: number) => TestKey,
): Promise<BuiltItem> {
  const profile = spec.profiles[a.profile];
  const key = keyFor(a.name, profile.keyBits);
  const issuer = a.issuer ? byName.get(a.issuer)! : undefined;
  const { notBefore, notAfter } = validityWindow(epoch, profile.validity);
  const publicKey = new x509.PublicKey(key.spki);
  const extensions: x509.Extension[] = [
    a.kind === 'root' ? new x509.BasicConstraintsExtension(true, undefined, true) : new x509.BasicConstraintsExtension(true, 0, true),
    new x509.KeyUsagesExtension(keyUsageFlags(profile.keyUsage), true),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
  ];
  if (issuer) {
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(new x509.PublicKey(issuer.key.spki)));
    extensions.push(new x509.CRLDistributionPointsExtension([issuer.crl!.url]));
  }
  const cert = await issueCertificate({ serial: a.serial, subject: distinguishedName(a.subject), key, issuer, hash: profile.hash, notBefore, notAfter, extensions });
  return {
    name: a.name,
    kind: a.kind,
    issuerName: issuer ? issuer.name : a.name,
    igc: a.igc ?? true,
    subject: a.subject,
    cert,
    key,
    hash: profile.hash,
    notBefore,
    notAfter,
    serial: a.serial,
    issuers: issuer ? [issuer, ...issuer.issuers] : [],
    crl: { file: a.crl, url: `${a.crlBase ?? spec.urls.crlBase}${a.crl}` },
  };
}

async function buildEndEntity(
  spec: PkiSpec,
  epoch: Date,
  c: CertificateSpec,
  byName: Map<string, BuiltItem>,
  keyFor: (name: string, bits: number) => TestKey,
): Promise<BuiltItem> {
  const profile: ProfileSpec = spec.profiles[c.profile];
  const keyBits = c.keyBits ?? profile.keyBits;
  const hash: HashName = c.hash ?? profile.hash;
  const validity = c.validity ?? profile.validity;
  const key = keyFor(c.name, keyBits);
  const issuer = c.issuer ? byName.get(c.issuer)! : undefined;
  const { notBefore, notAfter } = validityWindow(epoch, validity);
  const publicKey = new x509.PublicKey(key.spki);
  const subject = distinguishedName(c.subject);

  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(keyUsageFlags(c.keyUsage ?? profile.keyUsage), true),
  ];
  const eku = c.extKeyUsage ?? profile.extKeyUsage;
  if (eku && eku.length > 0) extensions.push(new x509.ExtendedKeyUsageExtension(eku.map((u) => EKU_OIDS[u] ?? u), false));
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(publicKey));
  if (issuer) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(new x509.PublicKey(issuer.key.spki)));
  if (c.san && c.san.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(c.san.map(generalName), false));
  if (profile.policies && profile.policies.length > 0) extensions.push(new x509.CertificatePolicyExtension(profile.policies, false));
  if (issuer && profile.crlDistributionPoint) extensions.push(new x509.CRLDistributionPointsExtension([issuer.crl!.url]));
  if (issuer && profile.ocsp) extensions.push(new x509.AuthorityInfoAccessExtension({ ocsp: [spec.urls.ocsp] }));

  const cert = await issueCertificate({ serial: c.serial, subject, key, issuer, hash, notBefore, notAfter, extensions });
  return {
    name: c.name,
    kind: c.kind,
    issuerName: issuer ? issuer.name : c.name,
    igc: issuer ? issuer.igc : false,
    subject: c.subject,
    cert,
    key,
    hash,
    notBefore,
    notAfter,
    serial: c.serial,
    issuers: issuer ? [issuer, ...issuer.issuers] : [],
    defect: c.defect,
    p12: c.p12,
    revoked: c.revoked ? { date: addOffset(epoch, c.revoked.date), reason: c.revoked.reason } : undefined,
  };
}

/** Validity of an item: it starts `start` after the epoch and lasts `length` (date offsets). */
function validityWindow(epoch: Date, validity: ValiditySpec): { notBefore: Date; notAfter: Date } {
  const notBefore = addOffset(epoch, validity.start);
  return { notBefore, notAfter: addOffset(notBefore, validity.length) };
}

/** A certificate for `key`, signed (RSASSA-PKCS1-v1_5, `hash`) by its issuer, or by `key` itself when it has none. */
async function issueCertificate(o: {
  serial: string;
  subject: x509.Name;
  key: TestKey;
  issuer: BuiltItem | undefined;
  hash: HashName;
  notBefore: Date;
  notAfter: Date;
  extensions: x509.Extension[];
}): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.create({
    serialNumber: o.serial,
    subject: o.subject,
    issuer: o.issuer ? o.issuer.cert.subjectName : o.subject,
    notBefore: o.notBefore,
    notAfter: o.notAfter,
    publicKey: o.key.spki,
    signingKey: await signingKey(o.issuer ? o.issuer.key : o.key, o.hash),
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5' },
    extensions: o.extensions,
  });
}

async function buildCrl(spec: PkiSpec, epoch: Date, ca: BuiltItem, revoked: BuiltItem[]): Promise<BuiltCrl> {
  const thisUpdate = addOffset(epoch, spec.crl.thisUpdate);
  const nextUpdate = addOffset(epoch, spec.crl.nextUpdate);
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.cert.subjectName,
    thisUpdate,
    nextUpdate,
    entries: revoked.map((r) => ({
      serialNumber: r.serial,
      revocationDate: r.revoked!.date,
      reason: r.revoked!.reason ? REASONS[r.revoked!.reason] : undefined,
    })),
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(new x509.PublicKey(ca.key.spki)), crlNumberExtension(1)],
    signingKey: await signingKey(ca.key, 'SHA-256'),
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5' },
  });
  return {
    issuer: ca.name,
    file: ca.crl!.file,
    url: ca.crl!.url,
    thisUpdate,
    nextUpdate,
    revokedSerials: revoked.map((r) => r.serial),
    crl,
  };
}

/** The JSON form of a DN, attributes in the order the spec gives them (DER order). */
export function distinguishedName(subject: SubjectSpec): x509.Name {
  return new x509.Name(
    Object.entries(subject).map(([type, value]) => ({ [ATTRIBUTE_OIDS[type as keyof SubjectSpec]]: [value as string] })),
  );
}

function keyUsageFlags(usages: KeyUsageName[]): number {
  return usages.reduce((acc, u) => acc | KEY_USAGE_FLAGS[u], 0);
}

function generalName(entry: string): { type: 'dns' | 'ip' | 'email' | 'upn' | 'url'; value: string } {
  const i = entry.indexOf(':');
  const kind = entry.slice(0, i);
  const value = entry.slice(i + 1);
  const type = ({ dns: 'dns', ip: 'ip', email: 'email', upn: 'upn', uri: 'url' } as const)[kind as 'dns' | 'ip' | 'email' | 'upn' | 'uri'];
  return { type, value };
}

/** cRLNumber (2.5.29.20), a small positive INTEGER. */
function crlNumberExtension(n: number): x509.Extension {
  if (!Number.isInteger(n) || n < 0 || n > 127) throw new RangeError('CRL number must be 0..127 here');
  return new x509.Extension('2.5.29.20', false, new Uint8Array([0x02, 0x01, n]));
}
