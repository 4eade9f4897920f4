import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAddresses, resolveMx, resolveSrv } from '../../src/net/dns.js';
import { startDnsServer, type RunningDnsServer } from '../../src/sandbox/dns/server.js';
import { ProbeError } from '../../src/probes/types.js';

let server: RunningDnsServer;
beforeAll(async () => {
  server = await startDnsServer({
    host: '127.0.0.1',
    records: [
      { name: 'op.test', type: 'MX', priority: 20, exchange: 'mx2.op.test' },
      { name: 'op.test', type: 'MX', priority: 10, exchange: 'mx1.op.test' },
      { name: 'mx1.op.test', type: 'A', address: '127.0.0.1' },
      { name: 'mx1.op.test', type: 'AAAA', address: '::1' },
      { name: '_submission._tcp.op.test', type: 'SRV', priority: 0, weight: 1, port: 587, target: 'smtp.op.test' },
      { name: '_imaps._tcp.op.test', type: 'SRV', priority: 0, weight: 0, port: 0, target: '.' },
    ],
    failNames: ['broken.op.test'],
    silentNames: ['slow.op.test'],
  });
});
afterAll(() => server.close());

const opts = () => ({ servers: [server.address], timeoutMs: 300 });

describe('DNS client against the loopback DNS server', () => {
  it('reads SRV records, "." as an empty target (service not available)', async () => {
    expect(await resolveSrv('_submission._tcp.op.test', opts())).toEqual([{ priority: 0, weight: 1, port: 587, target: 'smtp.op.test' }]);
    expect(await resolveSrv('_IMAPS._tcp.OP.test', opts())).toEqual([{ priority: 0, weight: 0, port: 0, target: '' }]);
    expect(server.queries).toContain('_imaps._tcp.op.test SRV');
  });

  it('reads MX records by preference and A/AAAA addresses', async () => {
    expect(await resolveMx('op.test', opts())).toEqual([{ priority: 10, exchange: 'mx1.op.test' }, { priority: 20, exchange: 'mx2.op.test' }]);
    expect(await resolveAddresses('mx1.op.test', opts())).toEqual(['127.0.0.1', '::1']);
  });

  it('an unknown name and a known name without the asked type are empty answers', async () => {
    expect(await resolveSrv('_imap._tcp.op.test', opts())).toEqual([]);
    expect(await resolveMx('mx1.op.test', opts())).toEqual([]);
  });

  it('a server failure is EPROTOCOL, silence is an idle timeout, an abort is the overall timeout: never an empty answer', async () => {
    await expect(resolveSrv('broken.op.test', opts())).rejects.toMatchObject({ code: 'EPROTOCOL' });
    const slow = resolveSrv('slow.op.test', { ...opts(), timeoutMs: 100 });
    await expect(slow).rejects.toBeInstanceOf(ProbeError);
    await expect(slow).rejects.toMatchObject({ code: 'ETIMEDOUT_IDLE' });
    const controller = new AbortController();
    const aborted = resolveSrv('slow.op.test', { ...opts(), timeoutMs: 5_000, signal: controller.signal, overallMs: 50 });
    setTimeout(() => controller.abort(), 50);
    await expect(aborted).rejects.toMatchObject({ code: 'ETIMEDOUT_OVERALL' });
  });
});
