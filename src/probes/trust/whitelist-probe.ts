import { targetPath } from '../../target/profile.js';
import { phrase } from '../../i18n/phrase.js';
import { precondition, ProbeError, type Facts, type Probe, type ProbeContext } from '../types.js';
import { findDomain, readWhitelist, type Whitelist, WhitelistError } from './whitelist.js';
import { whitelistFacts } from './facts-schemas.js';

export interface WhitelistInput {
  /** Whitelist file; default: the target profile's `whitelist`. */
  whitelist?: string;
  /** Domains to look up; default: the target profile's `domains`. */
  domains?: string[];
}

export interface WhitelistFacts extends Facts {
  generatedOn: string | null;
  domainCount: number;
  listed: string[];
  unlisted: string[];
  /** Subject DNs of the operator certificates listed for each of the target's domains. */
  certificateDns: Record<string, string[]>;
}

/** Whether the target's domains are in the ANS whitelist (Unicode and punycode forms are equivalent). */
export const whitelistProbe: Probe<WhitelistInput, WhitelistFacts> = {
  name: 'trust.whitelist',
  facts: whitelistFacts,
  summary: "The target's domains in the ANS whitelist (ListeBlancheMSSante XML, read safely; IDN/punycode equivalent)",
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { whitelist: { type: 'string', minLength: 1 }, domains: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } } },
  },
  async run(input, ctx) {
    const { file, list } = readTargetWhitelist(ctx, input.whitelist);
    const domains = input.domains ?? ctx.target.profile.domains;
    const listed = domains.filter((d) => findDomain(list, d));
    ctx.evidence('json', phrase('ev-whitelist-lookup'), { file, generatedOn: list.generatedOn ?? null, domains: domains.map((d) => ({ domain: d, listed: listed.includes(d), dns: findDomain(list, d)?.certificateDns ?? [] })) });
    return {
      generatedOn: list.generatedOn ?? null,
      domainCount: list.domains.length,
      listed,
      unlisted: domains.filter((d) => !listed.includes(d)),
      certificateDns: Object.fromEntries(domains.map((d) => [d, findDomain(list, d)?.certificateDns ?? []])),
    };
  },
};

/** The whitelist a probe reads: `override` or the profile's `whitelist`; none is a skip, a bad file EINPUT. */
export function readTargetWhitelist(ctx: ProbeContext, override?: string): { file: string; list: Whitelist } {
  const file = override ?? ctx.target.profile.whitelist;
  if (!file) throw precondition(phrase('pe-no-whitelist-path'));
  try {
    return { file, list: readWhitelist(targetPath(ctx.target, file)) };
  } catch (err) {
    if (err instanceof WhitelistError) throw new ProbeError('EINPUT', phrase('pe-whitelist-error', { message: err.message }));
    throw err;
  }
}
