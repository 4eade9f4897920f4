/**
 * `dns.srv`: the RFC 6186 SRV records that let a mail client find the operator's submission and
 * IMAP servers, for each of the target's domains, and whether they point to the endpoint the
 * target declares (same port; target host that is the endpoint's name or resolves to its address).
 */
import { phrase } from '../../i18n/phrase.js';
import type { MailEndpoint } from '../../target/profile.js';
import { resolveAddresses, resolveSrv, type SrvAnswer } from '../../net/dns.js';
import { precondition, ProbeError, type Facts, type Probe, type ProbeContext } from '../types.js';
import { srvFacts } from './facts-schemas.js';
import { dnsOptionsFor } from './options.js';

export interface SrvInput {
  /** The declared endpoint the records must lead to. */
  endpoint: 'smtpSubmission' | 'imap';
}

export interface SrvRecordFacts extends SrvAnswer {
  addresses: string[];
}

export interface SrvDomainFacts {
  domain: string;
  name: string;
  records: SrvRecordFacts[];
  /** RFC 2782: a single record whose target is "." says the service is decidedly not offered. */
  declaredUnavailable: boolean;
  pointsToEndpoint: boolean;
}

export interface SrvFacts extends Facts {
  /** The service label looked up, e.g. `_submission._tcp`. */
  service: string;
  domains: SrvDomainFacts[];
  /** Domains with no usable record for the service. */
  unpublished: string[];
  /** Domains whose records lead elsewhere than the declared endpoint. */
  mismatched: string[];
}

/** RFC 6186 §3.1 (submission), §3.2 (IMAP); RFC 8314 §5.1 for the implicit-TLS names. */
export function srvService(endpoint: SrvInput['endpoint'], security: MailEndpoint['security']): string {
  const implicitTls = security === 'tls';
  if (endpoint === 'smtpSubmission') return implicitTls ? '_submissions._tcp' : '_submission._tcp';
  return implicitTls ? '_imaps._tcp' : '_imap._tcp';
}

function leadsTo(record: SrvRecordFacts, endpoint: MailEndpoint): boolean {
  if (record.port !== endpoint.port) return false;
  const names = [endpoint.serverName, endpoint.host].filter((n): n is string => !!n).map((n) => n.toLowerCase());
  return names.includes(record.target.toLowerCase()) || record.addresses.includes(endpoint.host);
}

async function lookupDomain(domain: string, service: string, endpoint: MailEndpoint, ctx: ProbeContext, log: (line: string) => void): Promise<SrvDomainFacts> {
  const options = dnsOptionsFor(ctx);
  const name = `${service}.${domain}`;
  const answers = await resolveSrv(name, options);
  const records: SrvRecordFacts[] = [];
  for (const a of answers) records.push({ ...a, addresses: a.target ? await resolveAddresses(a.target, options) : [] });
  log(`SRV ${name}: ${records.length ? records.map((r) => `${r.priority} ${r.weight} ${r.port} ${r.target || '.'}${r.addresses.length ? ` (${r.addresses.join(', ')})` : ''}`).join('; ') : 'no record'}`);
  const declaredUnavailable = records.length === 1 && records[0]!.target === '';
  const usable = records.filter((r) => r.target !== '');
  return { domain, name, records, declaredUnavailable, pointsToEndpoint: usable.length > 0 && usable.every((r) => leadsTo(r, endpoint)) };
}

export const srvProbe: Probe<SrvInput, SrvFacts> = {
  name: 'dns.srv',
  facts: srvFacts,
  summary: "RFC 6186 SRV records of the target's domains for submission or IMAP, and whether they lead to the declared endpoint",
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['endpoint'],
    properties: { endpoint: { enum: ['smtpSubmission', 'imap'] } },
  },
  async run(input, ctx) {
    const endpoint = ctx.target.profile.endpoints[input.endpoint];
    if (!endpoint) throw precondition(phrase('pe-no-endpoint-declared', { endpoint: input.endpoint }));
    const service = srvService(input.endpoint, endpoint.security);
    const transcript = ctx.transcript(phrase('ev-dns', { service }));
    const domains: SrvDomainFacts[] = [];
    for (const domain of ctx.target.profile.domains) {
      try {
        domains.push(await lookupDomain(domain, service, endpoint, ctx, (l) => transcript.note(l)));
      } catch (err) {
        if (err instanceof ProbeError) transcript.note(`${service}.${domain}: ${err.code}: ${err.message}`);
        throw err;
      }
    }
    return {
      service,
      domains,
      unpublished: domains.filter((d) => d.records.every((r) => r.target === '')).map((d) => d.domain),
      mismatched: domains.filter((d) => d.records.some((r) => r.target !== '') && !d.pointsToEndpoint).map((d) => d.domain),
    };
  },
};
