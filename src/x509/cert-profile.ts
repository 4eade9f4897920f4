import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { x509 } from '../pki/x509-lib.js';
import type { Confidence } from '../model/result.js';
import { YamlFile } from '../util/yaml-file.js';
import { InputError } from '../util/input-error.js';
import { describeCertificate, type CertificateDescription } from '../probes/x509/describe.js';
import { distributionPoints } from './revocation.js';

/** Built-in certificate profiles: `profiles/certificates/<id>.yaml`. */
export const BUILTIN_CERT_PROFILE_DIR = fileURLToPath(new URL('../../profiles/certificates/', import.meta.url));

/** A certificate profile as data (schemas/cert-profile.schema.json). Only the rules present are checked. */
export interface CertProfile {
  id: string;
  title: string;
  source: string;
  confidence?: Confidence;
  keyUsage?: { required?: string[]; forbidden?: string[] };
  extKeyUsage?: { required?: string[]; forbidden?: string[] };
  key?: { algorithms?: ('RSA' | 'EC')[]; rsaMinBits?: number; ecMinBits?: number };
  signature?: { hashes: string[] };
  validity?: { onAsOf?: boolean; maxDays?: number };
  subject?: { requiredAttributes?: string[] };
  san?: { requiredTypes?: string[] };
  policies?: { anyOf: string[]; confidence?: Confidence; note?: string };
  issuer?: { commonNames?: string[] };
  basicConstraints?: { ca?: boolean };
  /** RFC 5280 §4.2.1.13: the certificate names where its CRL is published, with at least one URI of each scheme. */
  crlDistributionPoints?: { requiredSchemes: string[] };
}

/** One rule of a profile applied to one certificate. */
export interface ProfileFinding {
  rule: 'keyUsage' | 'extKeyUsage' | 'key' | 'signature' | 'validity' | 'subject' | 'san' | 'policies' | 'issuer' | 'basicConstraints' | 'crlDistributionPoints';
  ok: boolean;
  detail: string;
}

export interface ProfileCheck {
  profile: string;
  findings: ProfileFinding[];
  /** Rules that do not hold (`rule: detail`), empty when the certificate matches the profile. */
  violations: string[];
  /** Names of the rules that do not hold. */
  failedRules: string[];
}

/**
 * Loads a certificate profile: a built-in id (`serv-ssl`, `org-client`) or a YAML file path.
 * A malformed file is an InputError naming file, line and field.
 */
export function loadCertProfile(idOrPath: string): CertProfile {
  const builtin = join(BUILTIN_CERT_PROFILE_DIR, `${idOrPath}.yaml`);
  const path = /^[a-z0-9][a-z0-9-]*$/.test(idOrPath) && existsSync(builtin) ? builtin : idOrPath;
  if (path === idOrPath && !existsSync(path)) {
    throw new InputError({ field: 'profile', message: `no certificate profile "${idOrPath}"`, fix: `use a built-in id (serv-ssl, org-client) or a YAML file path` });
  }
  return YamlFile.read<CertProfile>(path, 'certificate profile').validate('cert-profile');
}

const DAY = 86_400_000;

function keyFamily(alg: string): 'RSA' | 'EC' | string {
  if (/^RSA/i.test(alg)) return 'RSA';
  if (/^(ECDSA|ECDH|EC)\b/i.test(alg)) return 'EC';
  return alg;
}

function list(v: string[]): string {
  return v.length ? v.join(', ') : 'none';
}

/** Checks one certificate (DER) against a profile, judging validity on the as-of date. */
export function checkCertProfile(der: Buffer, profile: CertProfile, asOf: Date): ProfileCheck {
  const d: CertificateDescription = describeCertificate(der);
  const cert = new x509.X509Certificate(der);
  const findings: ProfileFinding[] = [];
  const add = (rule: ProfileFinding['rule'], ok: boolean, detail: string): void => {
    findings.push({ rule, ok, detail });
  };
  if (profile.keyUsage) {
    const missing = (profile.keyUsage.required ?? []).filter((u) => !d.keyUsage.includes(u));
    const extra = (profile.keyUsage.forbidden ?? []).filter((u) => d.keyUsage.includes(u));
    add('keyUsage', !missing.length && !extra.length, `key usage ${list(d.keyUsage)}${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; forbidden ${extra.join(', ')}` : ''}`);
  }
  if (profile.extKeyUsage) {
    const have = [...d.extKeyUsage].map(String);
    const missing = (profile.extKeyUsage.required ?? []).filter((u) => !have.includes(u));
    const extra = (profile.extKeyUsage.forbidden ?? []).filter((u) => have.includes(u));
    add('extKeyUsage', !missing.length && !extra.length, `extended key usage ${list(have)}${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; forbidden ${extra.join(', ')}` : ''}`);
  }
  if (profile.key) {
    const fam = keyFamily(d.keyAlgorithm);
    const algOk = !profile.key.algorithms || profile.key.algorithms.includes(fam as 'RSA' | 'EC');
    const min = fam === 'RSA' ? profile.key.rsaMinBits : fam === 'EC' ? profile.key.ecMinBits : undefined;
    const sizeOk = min === undefined || (d.keyBits ?? 0) >= min;
    add('key', algOk && sizeOk, `${fam} ${d.keyBits ?? '?'} bits${algOk ? '' : ' (algorithm not allowed)'}${sizeOk ? '' : ` (under ${min} bits)`}`);
  }
  if (profile.signature) {
    const hash = /SHA-\d+/.exec(d.signatureAlgorithm)?.[0] ?? d.signatureAlgorithm;
    add('signature', profile.signature.hashes.includes(hash), `signed with ${d.signatureAlgorithm}`);
  }
  if (profile.validity) {
    const from = new Date(d.notBefore).getTime();
    const to = new Date(d.notAfter).getTime();
    const t = asOf.getTime();
    const problems: string[] = [];
    if (profile.validity.onAsOf && t < from) problems.push(`not yet valid on ${asOf.toISOString().slice(0, 10)}`);
    if (profile.validity.onAsOf && t > to) problems.push(`expired on ${asOf.toISOString().slice(0, 10)}`);
    const days = Math.round((to - from) / DAY);
    if (profile.validity.maxDays !== undefined && days > profile.validity.maxDays) problems.push(`valid ${days} days, more than ${profile.validity.maxDays}`);
    add('validity', !problems.length, `${d.notBefore.slice(0, 10)} to ${d.notAfter.slice(0, 10)}${problems.length ? `: ${problems.join('; ')}` : ''}`);
  }
  if (profile.subject?.requiredAttributes) {
    const present = new Set(cert.subjectName.toJSON().flatMap((rdn) => Object.keys(rdn)));
    const missing = profile.subject.requiredAttributes.filter((a) => !present.has(a));
    add('subject', !missing.length, `subject ${d.subject}${missing.length ? `; missing ${missing.join(', ')}` : ''}`);
  }
  if (profile.san?.requiredTypes) {
    const types = new Set(d.san.map((s) => s.split(':')[0]));
    const missing = profile.san.requiredTypes.filter((t) => !types.has(t));
    add('san', !missing.length, `subjectAltName ${list(d.san)}${missing.length ? `; no ${missing.join(', ')} name` : ''}`);
  }
  if (profile.policies) {
    const ok = d.policies.some((p) => profile.policies!.anyOf.includes(p));
    add('policies', ok, `policies ${list(d.policies)}${ok ? '' : `; expected one of ${profile.policies.anyOf.join(', ')}`}`);
  }
  if (profile.issuer?.commonNames) {
    const cns = cert.issuerName.getField('CN');
    const ok = cns.some((cn) => profile.issuer!.commonNames!.includes(cn));
    add('issuer', ok, `issuer CN ${list(cns)}`);
  }
  if (profile.basicConstraints?.ca !== undefined) {
    const isCa = cert.getExtension(x509.BasicConstraintsExtension)?.ca ?? false;
    add('basicConstraints', isCa === profile.basicConstraints.ca, `CA ${isCa}`);
  }
  if (profile.crlDistributionPoints) {
    const urls = distributionPoints(cert);
    const schemes = new Set(urls.map((u) => u.split(':')[0]!.toLowerCase()));
    const missing = profile.crlDistributionPoints.requiredSchemes.filter((s) => !schemes.has(s.toLowerCase()));
    add('crlDistributionPoints', urls.length > 0 && !missing.length, urls.length ? `CRL distribution points ${list(urls)}${missing.length ? `; no ${missing.join(', ')} URI` : ''}` : 'no CRL distribution points extension');
  }
  const failed = findings.filter((f) => !f.ok);
  return { profile: profile.id, findings, violations: failed.map((f) => `${f.rule}: ${f.detail}`), failedRules: failed.map((f) => f.rule) };
}
