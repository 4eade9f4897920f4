import { InputError } from '../../util/input-error.js';
import { checkCertProfile, loadCertProfile, type ProfileFinding } from '../../x509/cert-profile.js';
import { ProbeError, type Facts, type Probe } from '../types.js';
import { endpointChain, recordChainEvidence } from './presented-chain.js';
import { certProfileFacts } from './facts-schemas.js';
import { phrase } from '../../i18n/phrase.js';

export interface CertProfileInput {
  endpoint: string;
  /** Built-in profile id (`serv-ssl`, `org-client`) or a profile YAML path (default `serv-ssl`). */
  profile?: string;
}

export interface CertProfileFacts extends Facts {
  endpoint: string;
  profile: string;
  leafSubject: string;
  findings: ProfileFinding[];
  violations: string[];
  failedRules: string[];
  trusted: boolean;
}

/** The endpoint's certificate checked against a certificate profile given as data (key usage, EKU, key, signature, validity on the as-of date, names, policies, issuer). */
export const certProfileProbe: Probe<CertProfileInput, CertProfileFacts> = {
  name: 'x509.profile',
  facts: certProfileFacts,
  summary: 'Server certificate against a certificate profile (data): key usages, EKU, key size, signature, validity on the as-of date, SAN, policies, issuer',
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['endpoint'],
    properties: { endpoint: { type: 'string', minLength: 1 }, profile: { type: 'string', minLength: 1 } },
  },
  async run(input, ctx) {
    let profile;
    try {
      profile = loadCertProfile(input.profile ?? 'serv-ssl');
    } catch (err) {
      if (err instanceof InputError) throw new ProbeError('EINPUT', phrase('pe-cert-profile', { message: err.message }));
      throw err;
    }
    const chain = await endpointChain(input.endpoint, ctx);
    const leaf = chain.presented[0]!;
    const check = checkCertProfile(leaf.raw, profile, ctx.asOf);
    recordChainEvidence(ctx, chain, check.violationPhrases.map((v) => phrase('prof-of-profile', { profile: profile.id, violation: v })));
    return {
      endpoint: chain.ep.name,
      profile: profile.id,
      leafSubject: leaf.subject.split('\n').join(', '),
      findings: check.findings,
      violations: check.violations,
      failedRules: check.failedRules,
      trusted: chain.built.trusted,
    };
  },
};
