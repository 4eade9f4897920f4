/**
 * The sandbox operator's DNS: a loopback authoritative server for the sandbox's domains (MX and
 * RFC 6186 SRV records), contributed to the target profile as `dns.servers`, so that DNS scenarios
 * query it instead of the internet.
 */
import type { DefectSpec, SandboxComponent, SandboxComponentFactory } from '../types.js';
import { startDnsServer } from './server.js';
import { sandboxZone } from './zone.js';

export const DNS_DEFECTS: DefectSpec[] = [
  {
    name: 'dns-no-submission-srv',
    description: 'The sandbox domain publishes no _submission._tcp SRV record (RFC 6186), so clients cannot find the submission server.',
    fails: [], reviews: ['DNS-SRV-AUTOCONFIG/submission'],
  },
  {
    name: 'dns-imap-srv-wrong-port',
    description: 'The _imap._tcp SRV record of the sandbox domain points to port 1, where no IMAP server listens.',
    fails: [], reviews: ['DNS-SRV-AUTOCONFIG/imap'],
  },
];

export const dnsComponent: SandboxComponentFactory = {
  name: 'dns',
  defects: DNS_DEFECTS,
  async start(ctx): Promise<SandboxComponent> {
    const server = await startDnsServer({ host: ctx.host, records: sandboxZone(ctx.profile, ctx.defects, ctx.host) });
    return {
      name: 'dns',
      contribute(profile) {
        profile.dns = { ...(profile.dns ?? {}), servers: [server.address] };
      },
      stop: () => server.close(),
    };
  },
};
