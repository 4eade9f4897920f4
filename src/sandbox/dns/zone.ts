/**
 * The sandbox operator's DNS zone: for each of its domains, an MX record for the operator-to-operator
 * MTA and the RFC 6186 SRV records for mail submission and IMAP (`_imaps._tcp` published with
 * target "." since the sandbox offers IMAP with STARTTLS only: RFC 2782, service not available).
 * Host names resolve to the loopback address the endpoints listen on.
 */
import { isIPv6 } from 'node:net';
import type { TargetProfile } from '../../target/profile.js';
import type { DnsRecord } from './wire.js';

export const SANDBOX_HOSTS = { mx: 'mx', submission: 'smtp', imap: 'imap' } as const;

export function sandboxZone(profile: TargetProfile, defects: ReadonlySet<string>, host: string): DnsRecord[] {
  const { smtpMta, smtpSubmission, imap } = profile.endpoints;
  const records: DnsRecord[] = [];
  for (const domain of profile.domains.map((d) => d.toLowerCase())) {
    const name = (label: string): string => `${label}.${domain}`;
    const address = (label: string): DnsRecord => (isIPv6(host) ? { name: name(label), type: 'AAAA', address: host } : { name: name(label), type: 'A', address: host });
    if (smtpMta) records.push({ name: domain, type: 'MX', priority: 10, exchange: name(SANDBOX_HOSTS.mx) }, address(SANDBOX_HOSTS.mx));
    if (smtpSubmission && !defects.has('dns-no-submission-srv')) {
      records.push({ name: `_submission._tcp.${domain}`, type: 'SRV', priority: 0, weight: 1, port: smtpSubmission.port, target: name(SANDBOX_HOSTS.submission) }, address(SANDBOX_HOSTS.submission));
    }
    if (imap) {
      const port = defects.has('dns-imap-srv-wrong-port') ? 1 : imap.port;
      const starttls = (imap.security ?? 'starttls') === 'starttls';
      records.push(
        { name: `_imap._tcp.${domain}`, type: 'SRV', priority: 0, weight: 1, port: starttls ? port : 0, target: starttls ? name(SANDBOX_HOSTS.imap) : '.' },
        { name: `_imaps._tcp.${domain}`, type: 'SRV', priority: 0, weight: 1, port: starttls ? 0 : port, target: starttls ? '.' : name(SANDBOX_HOSTS.imap) },
        address(SANDBOX_HOSTS.imap),
      );
    }
  }
  return records;
}
