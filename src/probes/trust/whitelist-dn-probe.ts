/**
 * `trust.whitelist-dn`: the subject DN of the certificate the target's MTA presents is listed in
 * the whitelist for each of the target's domains that the whitelist lists (DNCertificatOperateur,
 * compared attribute by attribute in any order), so that peer operators accept its mail.
 * Domains missing from the list altogether are TRUST-WHITELIST-DOMAINS's finding, not this one's.
 */
import { phrase } from '../../i18n/phrase.js';
import { endpointChain } from '../x509/presented-chain.js';
import { precondition, type Facts, type Probe } from '../types.js';
import { findDomain, listsDomainWithDn } from './whitelist.js';
import { readTargetWhitelist } from './whitelist-probe.js';
import { whitelistDnFacts } from './facts-schemas.js';

export interface WhitelistDnInput {
  /** The endpoint whose certificate peers see (default smtpMta). */
  endpoint?: string;
}

export interface WhitelistDnFacts extends Facts {
  /** Subject DN of the presented certificate, as the whitelist writes it (CN first). */
  certificateDn: string;
  listedDomains: string[];
  /** Listed domains whose DNCertificatOperateur entries do not include the certificate's DN. */
  dnMissingFor: string[];
}

export const whitelistDnProbe: Probe<WhitelistDnInput, WhitelistDnFacts> = {
  name: 'trust.whitelist-dn',
  facts: whitelistDnFacts,
  summary: "The MTA certificate's subject DN listed in the whitelist for each of the target's listed domains",
  inputSchema: { type: 'object', additionalProperties: false, properties: { endpoint: { type: 'string', minLength: 1 } } },
  async run(input, ctx) {
    const { list } = readTargetWhitelist(ctx);
    if (!ctx.target.profile.domains.some((d) => findDomain(list, d))) throw precondition(phrase('pe-no-domain-in-whitelist'));
    const chain = await endpointChain(input.endpoint ?? 'smtpMta', ctx);
    // node:crypto writes the subject one attribute a line, most significant first (C=FR ... CN=...).
    const certificateDn = chain.presented[0]!.subject.split('\n').reverse().join(',');
    const listedDomains = ctx.target.profile.domains.filter((d) => findDomain(list, d));
    const dnMissingFor = listedDomains.filter((d) => !listsDomainWithDn(list, d, certificateDn));
    ctx.evidence('json', phrase('ev-whitelist-dn'), {
      certificateDn,
      domains: listedDomains.map((d) => ({ domain: d, listedDns: findDomain(list, d)!.certificateDns, includesCertificateDn: !dnMissingFor.includes(d) })),
    });
    return { certificateDn, listedDomains, dnMissingFor };
  },
};
