import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { certView } from './cert-view.js';
import type { Confidence } from '../model/result.js';
import { YamlFile } from '../util/yaml-file.js';
import { InputError } from '../util/input-error.js';
import { describeCertificate, type CertificateDescription } from '../probes/x509/describe.js';
import { distributionPoints } from './revocation.js';
import { phrase, renderPhrase, type Phrase } from '../i18n/phrase.js';

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
  /** The same violations as phrases (same order), said in the reader's language in readable reports. */
  violationPhrases: Phrase[];
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

function list(v: string[]): string | Phrase {
  return v.length ? v.join(', ') : phrase('prof-none');
}

/** `; missing a, b` (or nothing). */
function missingPart(v: string[]): string | Phrase {
  return v.length ? phrase('prof-missing', { list: v.join(', ') }) : '';
}

function forbiddenPart(v: string[]): string | Phrase {
  return v.length ? phrase('prof-forbidden', { list: v.join(', ') }) : '';
}

/** Checks one certificate (DER) against a profile, judging validity on the as-of date. */
export function checkCertProfile(der: Buffer, profile: CertProfile, asOf: Date): ProfileCheck {
  const d: CertificateDescription = describeCertificate(der);
  const cert = certView(der);
  const findings: ProfileFinding[] = [];
  const details: Phrase[] = [];
  const add = (rule: ProfileFinding['rule'], ok: boolean, detail: Phrase): void => {
    findings.push({ rule, ok, detail: renderPhrase(detail) });
    details.push(detail);
  };
  if (profile.keyUsage) {
    const missing = (profile.keyUsage.required ?? []).filter((u) => !d.keyUsage.includes(u));
    const extra = (profile.keyUsage.forbidden ?? []).filter((u) => d.keyUsage.includes(u));
    add('keyUsage', !missing.length && !extra.length, phrase('prof-key-usage', { list: list(d.keyUsage), missing: missingPart(missing), forbidden: forbiddenPart(extra) }));
  }
  if (profile.extKeyUsage) {
    const have = [...d.extKeyUsage].map(String);
    const missing = (profile.extKeyUsage.required ?? []).filter((u) => !have.includes(u));
    const extra = (profile.extKeyUsage.forbidden ?? []).filter((u) => have.includes(u));
    add('extKeyUsage', !missing.length && !extra.length, phrase('prof-ext-key-usage', { list: list(have), missing: missingPart(missing), forbidden: forbiddenPart(extra) }));
  }
  if (profile.key) {
    const fam = keyFamily(d.keyAlgorithm);
    const algOk = !profile.key.algorithms || profile.key.algorithms.includes(fam as 'RSA' | 'EC');
    const min = fam === 'RSA' ? profile.key.rsaMinBits : fam === 'EC' ? profile.key.ecMinBits : undefined;
    const sizeOk = min === undefined || (d.keyBits ?? 0) >= min;
    add('key', algOk && sizeOk, phrase('prof-key', { family: fam, bits: `${d.keyBits ?? '?'}`, alg: algOk ? '' : phrase('prof-alg-not-allowed'), size: sizeOk ? '' : phrase('prof-under-bits', { min: `${min}` }) }));
  }
  if (profile.signature) {
    const hash = /SHA-\d+/.exec(d.signatureAlgorithm)?.[0] ?? d.signatureAlgorithm;
    add('signature', profile.signature.hashes.includes(hash), phrase('prof-signed-with', { algorithm: d.signatureAlgorithm }));
  }
  if (profile.validity) {
    const from = new Date(d.notBefore).getTime();
    const to = new Date(d.notAfter).getTime();
    const t = asOf.getTime();
    const problems: Phrase[] = [];
    if (profile.validity.onAsOf && t < from) problems.push(phrase('prof-not-yet-valid-on', { date: asOf.toISOString().slice(0, 10) }));
    if (profile.validity.onAsOf && t > to) problems.push(phrase('prof-expired-on', { date: asOf.toISOString().slice(0, 10) }));
    const days = Math.round((to - from) / DAY);
    if (profile.validity.maxDays !== undefined && days > profile.validity.maxDays) problems.push(phrase('prof-valid-days', { days: `${days}`, max: `${profile.validity.maxDays}` }));
    const joined = problems.reduce<Phrase | undefined>((all, p) => (all ? phrase('prof-and', { first: all, next: p }) : p), undefined);
    add('validity', !problems.length, phrase('prof-validity', { from: d.notBefore.slice(0, 10), to: d.notAfter.slice(0, 10), problems: joined ? phrase('prof-validity-problems', { list: joined }) : '' }));
  }
  if (profile.subject?.requiredAttributes) {
    const present = new Set(cert.subjectTypes);
    const missing = profile.subject.requiredAttributes.filter((a) => !present.has(a));
    add('subject', !missing.length, phrase('prof-subject', { subject: d.subject, missing: missingPart(missing) }));
  }
  if (profile.san?.requiredTypes) {
    const types = new Set(d.san.map((s) => s.split(':')[0]));
    const missing = profile.san.requiredTypes.filter((t) => !types.has(t));
    add('san', !missing.length, phrase('prof-san', { list: list(d.san), missing: missing.length ? phrase('prof-san-missing', { types: missing.join(', ') }) : '' }));
  }
  if (profile.policies) {
    const ok = d.policies.some((p) => profile.policies!.anyOf.includes(p));
    add('policies', ok, phrase('prof-policies', { list: list(d.policies), expected: ok ? '' : phrase('prof-policies-expected', { values: profile.policies.anyOf.join(', ') }) }));
  }
  if (profile.issuer?.commonNames) {
    const cns = cert.issuerCommonNames;
    const ok = cns.some((cn) => profile.issuer!.commonNames!.includes(cn));
    add('issuer', ok, phrase('prof-issuer-cn', { list: list(cns) }));
  }
  if (profile.basicConstraints?.ca !== undefined) {
    const isCa = cert.isCa;
    add('basicConstraints', isCa === profile.basicConstraints.ca, phrase('prof-ca', { value: `${isCa}` }));
  }
  if (profile.crlDistributionPoints) {
    const urls = distributionPoints(der);
    const schemes = new Set(urls.map((u) => u.split(':')[0]!.toLowerCase()));
    const missing = profile.crlDistributionPoints.requiredSchemes.filter((s) => !schemes.has(s.toLowerCase()));
    add('crlDistributionPoints', urls.length > 0 && !missing.length, urls.length ? phrase('prof-crl-dp', { list: list(urls), missing: missing.length ? phrase('prof-crl-dp-missing', { schemes: missing.join(', ') }) : '' }) : phrase('prof-no-crl-dp'));
  }
  const failed = findings.flatMap((f, i) => (f.ok ? [] : [{ ...f, phrase: details[i]! }]));
  return {
    profile: profile.id,
    findings,
    violations: failed.map((f) => `${f.rule}: ${f.detail}`),
    violationPhrases: failed.map((f) => phrase('prof-violation', { rule: f.rule, detail: f.phrase })),
    failedRules: failed.map((f) => f.rule),
  };
}
