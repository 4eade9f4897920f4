/**
 * The test PKI specification (`fixtures/pki/pki.yaml`, schema `schemas/pki.schema.json`): which
 * CAs and end-entity certificates to produce, with their profile and deliberate defects.
 */
import { InputError, type InputProblem } from '../util/input-error.js';
import { YamlFile } from '../util/yaml-file.js';
import { parseEpoch } from './dates.js';

export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
export type KeyUsageName =
  | 'digitalSignature' | 'nonRepudiation' | 'keyEncipherment' | 'dataEncipherment' | 'keyAgreement'
  | 'keyCertSign' | 'cRLSign' | 'encipherOnly' | 'decipherOnly';
export type ItemKind = 'root' | 'ca' | 'server' | 'client' | 'person';
export type RevocationReason = 'unspecified' | 'keyCompromise' | 'affiliationChanged' | 'superseded' | 'cessationOfOperation';

export interface ValiditySpec {
  /** Offset from the epoch, e.g. `0d`, `-4y`. */
  start: string;
  /** Length, e.g. `3y`. */
  length: string;
}

export interface ProfileSpec {
  keyBits: number;
  hash: HashName;
  validity: ValiditySpec;
  keyUsage: KeyUsageName[];
  extKeyUsage?: string[];
  policies?: string[];
  crlDistributionPoint?: boolean;
  ocsp?: boolean;
}

/** Distinguished name attributes in DER order (C first, CN last). */
export type SubjectSpec = Partial<Record<'C' | 'ST' | 'L' | 'O' | 'OU' | 'title' | 'SN' | 'GN' | 'CN' | 'E', string>>;

export interface AuthoritySpec {
  name: string;
  kind: 'root' | 'ca';
  profile: string;
  issuer?: string;
  serial: string;
  subject: SubjectSpec;
  crl: string;
  crlBase?: string;
  /** false for the hierarchy outside IGC-Santé. Default true. */
  igc?: boolean;
}

export interface CertificateSpec {
  name: string;
  kind: 'server' | 'client' | 'person';
  profile: string;
  issuer?: string;
  selfSigned?: boolean;
  serial: string;
  subject: SubjectSpec;
  san?: string[];
  keyBits?: number;
  hash?: HashName;
  validity?: ValiditySpec;
  keyUsage?: KeyUsageName[];
  extKeyUsage?: string[];
  revoked?: { date: string; reason?: RevocationReason };
  p12?: string;
  defect?: string;
}

export interface PkiSpec {
  epoch: string;
  referenceAsOf?: string;
  urls: { crlBase: string; ocsp: string };
  crl: { thisUpdate: string; nextUpdate: string };
  profiles: Record<string, ProfileSpec>;
  authorities: AuthoritySpec[];
  certificates: CertificateSpec[];
}

/** Reads and validates pki.yaml; `epoch` (YYYY-MM-DD) replaces the file's epoch when given. */
export function loadPkiSpec(path: string, epoch?: string): PkiSpec {
  const file = YamlFile.read<PkiSpec>(path, 'test PKI specification');
  const spec = file.validate('pki');
  const problems: InputProblem[] = [];
  const authorities = new Map<string, number>();
  const names = new Set<string>();
  const serials = new Set<string>();
  const crlFiles = new Set<string>();

  const checkCommon = (base: string, name: string, profile: string, issuer: string | undefined, serial: string): void => {
    if (names.has(name)) problems.push(file.problem(`${base}/name`, `duplicate name "${name}"`, 'give every item a unique name'));
    names.add(name);
    if (!spec.profiles[profile]) {
      problems.push(file.problem(`${base}/profile`, `unknown profile "${profile}"`, `use one of: ${Object.keys(spec.profiles).join(', ')}`));
    }
    if (issuer !== undefined && !authorities.has(issuer)) {
      problems.push(file.problem(`${base}/issuer`, `unknown issuer "${issuer}"`, 'name an authority listed earlier in `authorities`'));
    }
    const serialKey = `${issuer ?? name}/${serial}`;
    if (serials.has(serialKey)) problems.push(file.problem(`${base}/serial`, `serial ${serial} is already used by this issuer`, 'choose another serial'));
    serials.add(serialKey);
  };

  spec.authorities.forEach((a, i) => {
    const base = `/authorities/${i}`;
    checkCommon(base, a.name, a.profile, a.issuer, a.serial);
    if (a.kind === 'root' && a.issuer !== undefined) problems.push(file.problem(`${base}/issuer`, 'a root has no issuer', 'remove `issuer` or set kind: ca'));
    if (a.kind === 'ca' && a.issuer === undefined) problems.push(file.problem(base, 'a CA needs an issuer', 'add `issuer: <authority name>`', 'kind'));
    if (crlFiles.has(a.crl)) problems.push(file.problem(`${base}/crl`, `CRL file name ${a.crl} is already used`, 'give every authority its own CRL file'));
    crlFiles.add(a.crl);
    authorities.set(a.name, i);
  });
  const p12Names = new Set<string>();
  spec.certificates.forEach((c, i) => {
    const base = `/certificates/${i}`;
    checkCommon(base, c.name, c.profile, c.issuer, c.serial);
    if ((c.issuer === undefined) === (c.selfSigned !== true)) {
      problems.push(file.problem(base, 'give exactly one of `issuer` and `selfSigned: true`', 'name the issuing authority, or mark the certificate self-signed', 'name'));
    }
    if (c.revoked && c.selfSigned) problems.push(file.problem(`${base}/revoked`, 'a self-signed certificate is in no CRL', 'remove `revoked`'));
    if (c.p12 !== undefined) {
      if (p12Names.has(c.p12)) problems.push(file.problem(`${base}/p12`, `PKCS#12 name ${c.p12} is already used`, 'choose another name'));
      p12Names.add(c.p12);
    }
  });
  if (problems.length > 0) throw new InputError(problems);

  if (epoch !== undefined) {
    parseEpoch(epoch, '--epoch');
    spec.epoch = epoch;
  } else {
    parseEpoch(spec.epoch, `${path}: epoch`);
  }
  return spec;
}
