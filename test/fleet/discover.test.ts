import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { discoverTargets } from '../../src/fleet/discover.js';
import { startDnsServer, type RunningDnsServer } from '../../src/sandbox/dns/server.js';
import { runCli } from '../helpers/cli.js';

const WHITELIST = resolve('fixtures/whitelist/liste-blanche-fleet.xml');

describe('discover: one minimal target per operator of the liste blanche', () => {
  let dns: RunningDnsServer;
  beforeAll(async () => {
    dns = await startDnsServer({
      host: '127.0.0.1',
      records: [
        { name: 'ght-nord.mssante.test', type: 'MX', priority: 10, exchange: 'mx.plateforme-nord.test' },
        { name: 'ght-nord.mssante.test', type: 'MX', priority: 20, exchange: 'backup.plateforme-nord.test' },
        { name: 'chu-lille.mssante.test', type: 'MX', priority: 5, exchange: 'mx.plateforme-nord.test' },
        { name: 'clinique-sud.mssante.test', type: 'MX', priority: 10, exchange: 'mx.clinique-sud.test' },
        { name: '_submission._tcp.clinique-sud.mssante.test', type: 'SRV', priority: 0, weight: 1, port: 587, target: 'smtp.clinique-sud.test' },
        { name: '_imap._tcp.clinique-sud.mssante.test', type: 'SRV', priority: 0, weight: 1, port: 143, target: 'imap.clinique-sud.test' },
        { name: 'xn--hpital-est-rbb.mssante.test', type: 'A', address: '127.0.0.1' },
        { name: '_imaps._tcp.xn--hpital-est-rbb.mssante.test', type: 'SRV', priority: 0, weight: 1, port: 993, target: 'imaps.hopital-est.test' },
        { name: '_submission._tcp.xn--hpital-est-rbb.mssante.test', type: 'SRV', priority: 0, weight: 0, port: 0, target: '.' },
      ],
      failNames: ['panne.mssante.test'],
    });
  });
  afterAll(() => dns.close());

  it('groups domains by operator certificate, takes the MTA from MX and submission/IMAP from SRV', async () => {
    const targets = await discoverTargets(WHITELIST, { dns: { servers: [dns.address], timeoutMs: 2000 } });
    const byId = Object.fromEntries(targets.map((t) => [t.id, t]));
    expect(Object.keys(byId).sort()).toEqual(['mx-clinique-sud-test', 'mx-panne-test', 'mx-plateforme-nord-test', 'xn-hpital-est-rbb-mssante-test']);

    const nord = byId['mx-plateforme-nord-test']!;
    expect(nord.profile.operator.name).toBe('PLATEFORME NORD');
    expect(nord.profile.domains).toEqual(['ght-nord.mssante.test', 'chu-lille.mssante.test']);
    expect(nord.profile.endpoints).toEqual({ smtpMta: { host: 'mx.plateforme-nord.test', port: 25, security: 'starttls', serverName: 'mx.plateforme-nord.test' } });
    expect(nord.profile.whitelist).toBe(WHITELIST);

    expect(byId['mx-clinique-sud-test']!.profile.endpoints).toEqual({
      smtpMta: { host: 'mx.clinique-sud.test', port: 25, security: 'starttls', serverName: 'mx.clinique-sud.test' },
      smtpSubmission: { host: 'smtp.clinique-sud.test', port: 587, security: 'starttls', serverName: 'smtp.clinique-sud.test' },
      imap: { host: 'imap.clinique-sud.test', port: 143, security: 'starttls', serverName: 'imap.clinique-sud.test' },
    });

    const est = byId['xn-hpital-est-rbb-mssante-test']!;
    // No MX: the domain itself (RFC 5321 §5.1); SRV target "." means no submission (RFC 2782).
    expect(est.profile.endpoints.smtpMta?.host).toBe('xn--hpital-est-rbb.mssante.test');
    expect(est.profile.endpoints.smtpSubmission).toBeUndefined();
    expect(est.profile.endpoints.imap).toEqual({ host: 'imaps.hopital-est.test', port: 993, security: 'tls', serverName: 'imaps.hopital-est.test' });
    expect(est.notes.join('\n')).toContain('no MX record');

    // A failing DNS server is said, not fatal, and gives no endpoint rather than a guess.
    const panne = byId['mx-panne-test']!;
    expect(panne.profile.endpoints.smtpMta).toBeUndefined();
    expect(panne.notes.join('\n')).toMatch(/MX panne\.mssante\.test: .*ESERVFAIL|SERVFAIL/);
    expect(dns.queries).toContain('ght-nord.mssante.test MX');
  });

  it('the command writes one valid target profile per operator', async () => {
    const r = await runCli(['discover', '--whitelist', WHITELIST, '--dns-server', dns.address, '--out', 'targets']);
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(join(r.cwd, 'targets')).sort();
    expect(files).toEqual(['mx-clinique-sud-test.yaml', 'mx-panne-test.yaml', 'mx-plateforme-nord-test.yaml', 'xn-hpital-est-rbb-mssante-test.yaml']);
    const v = await runCli(['validate', '--no-preflight', ...files.map((f) => join('targets', f))], { cwd: r.cwd });
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(parse(readFileSync(join(r.cwd, 'targets', 'mx-plateforme-nord-test.yaml'), 'utf8')).domains).toHaveLength(2);
    expect(r.stderr).toContain('discover: mx-panne-test:');
  });

  it('run --whitelist judges the discovered operators; an endpoint that does not answer is an error, never a pass', async () => {
    // MX answers that are loopback literals, so that no host name is ever looked up outside the test.
    const loopback = await startDnsServer({
      host: '127.0.0.1',
      records: ['ght-nord', 'chu-lille', 'clinique-sud', 'xn--hpital-est-rbb'].map((d) => ({ name: `${d}.mssante.test`, type: 'MX' as const, priority: 10, exchange: '127.0.0.1' })),
      failNames: ['panne.mssante.test'],
    });
    try {
      const r = await runCli(['run', '--whitelist', WHITELIST, '--dns-server', loopback.address, '--only', 'SMTP-STARTTLS-OFFERED', '--connect-timeout', '1s', '--timeout', '3s', '--out', 'fleet', '-q', '--as-of', '2026-01-15']);
      const fleet = JSON.parse(readFileSync(join(r.cwd, 'fleet', 'fleet.json'), 'utf8'));
      expect(fleet.targets).toHaveLength(4);
      const statuses = fleet.targets.flatMap((t: { scenarios?: { status: string }[] }) => t.scenarios?.map((s) => s.status) ?? []);
      expect(statuses).toContain('error');
      expect(statuses).not.toContain('pass');
      expect(r.code).toBe(3);
    } finally {
      await loopback.close();
    }
  }, 60_000);
});
