import { dirname, isAbsolute, resolve } from 'node:path';
import { YamlFile } from '../util/yaml-file.js';
import { InputError } from '../util/input-error.js';
import { loadPolicy } from '../policy/load-policy.js';
import type { Policy } from '../policy/types.js';
import { policyReferenceProblems } from './policy-references.js';
import type { Limits } from '../limits/limits.js';
import type { TargetSummary } from '../model/result.js';
import type { SandboxLink } from '../sandbox/types.js';

export interface MailEndpoint {
  host: string;
  port: number;
  security?: 'starttls' | 'tls' | 'plain';
  serverName?: string;
  /**
   * The identification means (policy ids: psc, cpx-card, org-certificate, password...) this endpoint
   * offers. A positive scenario for a means the endpoint neither declares nor advertises is
   * `not-applicable` (e.g. a Postfix submission does not do SASL EXTERNAL).
   */
  means?: string[];
}
export interface OidcEndpoint {
  issuer: string;
  discoveryUrl?: string;
  trustAnchors?: string[];
  /** The IGC-Santé CA bundle (ANS .p7b or PEM) msscheck checks ECO.1.1.10 against, whatever trustAnchors say. */
  igcSanteBundle?: string;
}
export interface HttpEndpoint {
  url: string;
}
export interface ClientCertificate {
  cert?: string;
  key?: string;
  pkcs12?: string;
  passphrase?: string;
}
/**
 * What a Pro Santé Connect test identity does when a CIBA request arrives: `approve`s it, `deny`s
 * it, `ignore`s it (lets it expire), approves with a `short-lived` token, or approves at a `low-acr`
 * level (below eidas1). Probes select the identity by this role (`role: deny`).
 */
export type PscTestRole = 'approve' | 'deny' | 'ignore' | 'short-lived' | 'low-acr';

export interface Mailbox {
  address: string;
  type: 'PER' | 'ORG' | 'APP' | 'CAB';
  login?: string;
  password?: string;
  totpSeed?: string;
  nationalId?: string;
  /** The PSC test identity's role in the CIBA scenarios (needs `nationalId`). */
  pscTestRole?: PscTestRole;
  clientCertificate?: ClientCertificate;
  otpCodeSource?: { command?: string; env?: string; prompt?: boolean };
}

/** A target profile as written in YAML (see schemas/target.schema.json). */
export interface TargetProfile {
  profileVersion?: 1;
  operator: { name: string; id?: string };
  platform?: { name: string; operator?: string };
  domains: string[];
  sensitiveService?: boolean;
  /** Verdict strength: rules resting on secondary sources (S) fail instead of warning (like --strict). */
  strict?: boolean;
  endpoints: {
    smtpMta?: MailEndpoint;
    smtpSubmission?: MailEndpoint;
    imap?: MailEndpoint;
    oidc?: OidcEndpoint;
    /** An HTTP OTP login; `context`: the policy context it serves when not the target's (e.g. patient-access). */
    otpWeb?: HttpEndpoint & { context?: string };
    crl?: HttpEndpoint;
    /** OCSP responder mirror: requests go here instead of the AIA URL. */
    ocsp?: HttpEndpoint;
  };
  auth?: {
    declared?: string[];
    tokenValidation?: 'introspection' | 'jwt';
    expectedAudience?: string;
    /** Means homologated by the health structure for a use (EXI 03), each with its homologation reference. */
    homologated?: { means: string; context?: string; reference: string }[];
  };
  mailboxes?: Mailbox[];
  trustAnchors?: string[];
  /** The IGC-Santé CA bundle (ANS .p7b or PEM) msscheck checks ECO.1.1.10 against, whatever trustAnchors say. */
  igcSanteBundle?: string;
  peerCertificates?: Record<string, ClientCertificate>;
  whitelist?: string;
  /** The checksum file ANS publishes beside the whitelist (hex SHA-256 of its bytes). */
  whitelistChecksum?: string;
  /** DNS resolver(s) for DNS scenarios (`IP` or `IP:PORT`); the `--dns-server` flag overrides; default: the system's. */
  dns?: { servers?: string[] };
  cipherPolicy?: string;
  oidcClient?: { clientId: string; clientSecret?: string; clientCertificate?: ClientCertificate; channel?: 'CARD' | 'MOBILE' };
  otpFlow?: Record<string, unknown>;
  credentials?: Record<string, string>;
  /** Bounds on what msscheck accepts from this target (src/limits); `--limit` flags win. */
  limits?: Partial<Limits>;
}

/** A profile plus where it came from; relative paths are resolved against `baseDir`. */
export interface ResolvedTarget {
  profile: TargetProfile;
  /** `sandbox` or the profile's file path. */
  source: string;
  baseDir: string;
  sandboxDefects?: string[];
  /** Set when the target is the built-in sandbox (in this thread or in a worker): what a run may ask it (its message store). */
  sandboxServices?: SandboxLink;
}

/**
 * Reads (or takes the already parsed `parsed`: `validate` reads each file once) and validates a
 * profile: its schema, then its means and context ids against `policy` (default: the built-in one).
 */
export function loadTargetFile(path: string, parsed?: YamlFile, policy?: Policy): ResolvedTarget {
  const file = (parsed as YamlFile<TargetProfile> | undefined) ?? YamlFile.read<TargetProfile>(path, 'target profile');
  const profile = file.validate('target');
  const problems = policyReferenceProblems(file, profile, policy ?? loadPolicy());
  if (problems.length) throw new InputError(problems);
  return { profile, source: path, baseDir: dirname(resolve(path)) };
}

/** Resolves a path written in the profile (trust anchor, whitelist, certificate) against its folder. */
export function targetPath(target: ResolvedTarget, p: string): string {
  return isAbsolute(p) ? p : resolve(target.baseDir, p);
}

/** What a report says about the target: public fields only, never a credential reference's value. */
export function summariseTarget(target: ResolvedTarget): TargetSummary {
  const { profile } = target;
  return {
    source: target.source,
    operator: profile.operator,
    platform: profile.platform,
    domains: profile.domains,
    endpoints: profile.endpoints as Record<string, unknown>,
    sandboxDefects: target.sandboxDefects,
  };
}
