import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../../src/net/self-signed.js';
import { cipherSuitesProbe } from '../../src/probes/tls/cipher-suites.js';
import { tlsVersionsProbe } from '../../src/probes/tls/versions.js';
import { makeTestContext } from '../helpers/probe-context.js';
import { runInstances } from '../../src/engine/run.js';
import { catalogueInstances } from '../auth/helpers.js';

/** The cipher suites (2-byte ids) of a TLS ClientHello record, or null when `data` is not one yet. */
function offeredSuites(data: Buffer): number[] | null {
  if (data.length < 5 + 4 + 2 + 32 + 1 || data[0] !== 0x16 || data[5] !== 0x01) return null;
  let i = 5 + 4 + 2 + 32;
  i += 1 + data[i]!;
  if (data.length < i + 2) return null;
  const len = data.readUInt16BE(i);
  if (data.length < i + 2 + len) return null;
  const out: number[] = [];
  for (let j = i + 2; j < i + 2 + len; j += 2) out.push(data.readUInt16BE(j));
  return out;
}

const DHE_RSA_AES128_GCM_SHA256 = 0x009e;

/**
 * A TLS 1.2 endpoint whose preferred suite is one it cannot complete: any ClientHello that offers
 * DHE-RSA-AES128-GCM-SHA256 gets a fatal internal_error alert (as a server without DH parameters
 * that picked it would give); any other goes to a TLS server accepting a forbidden CBC suite
 * (ECDHE-RSA-AES128-SHA) and a good GCM one.
 */
async function uncompletableFirst(onPoison: 'internal-error' | 'reset' = 'internal-error'): Promise<{ port: number; close(): Promise<void> }> {
  const id = await selfSignedCertificate({ commonName: 'localhost', keyType: 'rsa-1024', notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 86_400_000) });
  const backend = tls.createServer({ key: id.key, cert: id.cert, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0', honorCipherOrder: true }, (s) => s.end());
  backend.on('tlsClientError', () => undefined);
  const front = net.createServer((sock) => {
    sock.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d]);
      const suites = offeredSuites(buf);
      if (!suites) return;
      sock.off('data', onData);
      if (suites.includes(DHE_RSA_AES128_GCM_SHA256)) {
        if (onPoison === 'reset') return void sock.resetAndDestroy();
        sock.end(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x50])); // fatal internal_error
        return;
      }
      const up = net.connect((backend.address() as AddressInfo).port, '127.0.0.1', () => {
        up.write(buf);
        sock.pipe(up).pipe(sock);
      });
      up.on('error', () => sock.destroy());
    };
    sock.on('data', onData);
  });
  await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
  return {
    port: (front.address() as AddressInfo).port,
    close: async () => {
      await new Promise((r) => front.close(r));
      await new Promise((r) => backend.close(r));
    },
  };
}

describe('TLS battery: a failed handshake never ends the enumeration', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof uncompletableFirst>>;
  beforeAll(async () => {
    server = await uncompletableFirst();
  });
  afterAll(() => server.close());
  const profile = () => ({ endpoints: { smtpSubmission: { host: '127.0.0.1', port: server.port, security: 'tls' as const, serverName: 'localhost' } } });

  it('the forbidden CBC suite listed after an uncompletable one is found, and the aborted suite says why', async () => {
    const t = makeTestContext({ profile: profile(), asOf: new Date('2026-01-15T00:00:00Z'), timeouts: { connectMs: 2_000, idleMs: 3_000, overallMs: 50_000 } });
    const facts = await cipherSuitesProbe.run({ endpoint: 'smtpSubmission', versions: ['TLSv1.2'] }, t.ctx);
    expect(facts.accepted.map((a) => a.openssl).sort()).toEqual(['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-SHA']);
    expect(facts.acceptedForbidden).toContain('TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA');
    const table = t.evidence.find((e) => e.kind === 'tls-table')!.data as { rows: { cipher: string; note?: string }[] };
    expect(table.rows.find((r) => r.cipher === 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256')?.note).toMatch(/aborted when offered alone: .*INTERNAL_ERROR/);
    expect(facts.notTestedByPolicy.length).toBe(facts.notTested.length);
  });

  it('TLS-CIPHER-SUITES finds the forbidden suite on that endpoint (a review: the cipher list is an unconfirmed rule)', async () => {
    const instances = catalogueInstances(['tls/TLS-CIPHER-SUITES.yaml']).filter((i) => i.id === 'TLS-CIPHER-SUITES/submission');
    const target = { source: 'test', baseDir: process.cwd(), profile: { operator: { name: 'test' }, domains: ['op.test'], ...profile() } };
    const [r] = await runInstances(instances, { target, asOf: new Date('2026-01-15T00:00:00Z'), timeouts: { connectMs: 2_000, idleMs: 3_000, overallMs: 50_000 } });
    // The accepted suite list is msscheck's assumption (confidence ?): the finding asks for review,
    // and the assertion says it would have failed.
    expect(r!.status).toBe('review');
    const finding = r!.assertions.find((a) => a.status === 'review')!;
    expect(finding.downgrade).toMatchObject({ from: 'fail', to: 'review' });
    expect(JSON.stringify(finding.found)).toContain('TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA');
  });
});

describe('TLS battery: a reset is not a refusal', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof uncompletableFirst>>;
  beforeAll(async () => {
    server = await uncompletableFirst('reset');
  });
  afterAll(() => server.close());

  it('a suite whose handshakes are reset without an alert makes the enumeration an error (EINCONCLUSIVE), naming it, never "refused"', async () => {
    const t = makeTestContext({
      profile: { endpoints: { smtpSubmission: { host: '127.0.0.1', port: server.port, security: 'tls' as const, serverName: 'localhost' } } },
      asOf: new Date('2026-01-15T00:00:00Z'),
      timeouts: { connectMs: 2_000, idleMs: 3_000, overallMs: 50_000 },
    });
    await expect(cipherSuitesProbe.run({ endpoint: 'smtpSubmission', versions: ['TLSv1.2'] }, t.ctx)).rejects.toMatchObject({ code: 'EINCONCLUSIVE', message: expect.stringContaining('TLSv1.2 DHE-RSA-AES128-GCM-SHA256') });
    const table = t.evidence.find((e) => e.kind === 'tls-table')!.data as { rows: { cipher: string; accepted: boolean; note?: string }[] };
    expect(table.rows.find((r) => r.cipher === 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256')?.note).toMatch(/^inconclusive/);
    // The suites the server does answer are still found.
    expect(table.rows.filter((r) => r.accepted).map((r) => r.cipher).sort()).toEqual(['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256']);
  });
});

describe('TLS versions: a reset is not a refusal', { timeout: 60_000 }, () => {
  // Resets every ClientHello whose legacy_version is TLS 1.0 (0x0301), closes (EOF, no alert) on TLS 1.1
  // (0x0302); passes the others to a TLS 1.2-1.3 server.
  let front: net.Server;
  let backend: tls.Server;
  /** ClientHellos received, by legacy_version. */
  const hellos = new Map<number, number>();
  beforeAll(async () => {
    const id = await selfSignedCertificate({ commonName: 'localhost', keyType: 'rsa-1024', notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 86_400_000) });
    backend = tls.createServer({ key: id.key, cert: id.cert, minVersion: 'TLSv1.2' }, (s) => s.end());
    backend.on('tlsClientError', () => undefined);
    front = net.createServer((sock) => {
      sock.on('error', () => undefined);
      sock.once('data', (hello: Buffer) => {
        hellos.set(hello.readUInt16BE(9), (hellos.get(hello.readUInt16BE(9)) ?? 0) + 1);
        if (hello[9] === 0x03 && hello[10] === 0x01) return void sock.resetAndDestroy();
        if (hello[9] === 0x03 && hello[10] === 0x02) return void sock.end(); // as Dovecot refuses a version it does not allow
        const up = net.connect((backend.address() as AddressInfo).port, '127.0.0.1', () => {
          up.write(hello);
          sock.pipe(up).pipe(sock);
        });
        up.on('error', () => sock.destroy());
      });
    });
    await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await new Promise((r) => front.close(r));
    await new Promise((r) => backend.close(r));
  });

  it('a version whose handshakes are reset twice makes the step an error (EINCONCLUSIVE), never "refused"; the others are judged', async () => {
    const t = makeTestContext({
      profile: { endpoints: { smtpSubmission: { host: '127.0.0.1', port: (front.address() as AddressInfo).port, security: 'tls' as const, serverName: 'localhost' } } },
      asOf: new Date('2026-01-15T00:00:00Z'),
      timeouts: { connectMs: 2_000, idleMs: 3_000, overallMs: 20_000 },
    });
    await expect(tlsVersionsProbe.run({ endpoint: 'smtpSubmission' }, t.ctx)).rejects.toMatchObject({ code: 'EINCONCLUSIVE', message: expect.stringContaining('TLSv1 ') });
    const rows = (t.evidence.find((e) => e.kind === 'tls-table')!.data as { rows: { protocol: string; accepted: boolean; note?: string }[] }).rows;
    expect(rows.find((r) => r.protocol === 'TLSv1')?.note).toMatch(/^inconclusive/);
    // Closed without an alert, twice, while other versions complete: Dovecot's way of refusing a version.
    expect(rows.find((r) => r.protocol === 'TLSv1.1')).toMatchObject({ accepted: false, note: expect.stringMatching(/closed without an alert, twice, while TLSv1.2, TLSv1.3 completes: refused/) });
    expect(rows.filter((r) => r.accepted).map((r) => r.protocol)).toEqual(['TLSv1.2', 'TLSv1.3']);
  });

  it('the versions probe and the cipher enumeration share a version\'s first offer and its retry: a close twice costs two handshakes between them', async () => {
    const t = makeTestContext({
      profile: { endpoints: { smtpSubmission: { host: '127.0.0.1', port: (front.address() as AddressInfo).port, security: 'tls' as const, serverName: 'localhost' } } },
      asOf: new Date('2026-01-15T00:00:00Z'),
      timeouts: { connectMs: 2_000, idleMs: 3_000, overallMs: 20_000 },
    });
    hellos.clear();
    const versions = await tlsVersionsProbe.run({ endpoint: 'smtpSubmission', versions: ['TLSv1.1', 'TLSv1.2'] }, t.ctx);
    expect(versions.refused).toEqual(['TLSv1.1']);
    const suites = await cipherSuitesProbe.run({ endpoint: 'smtpSubmission', versions: ['TLSv1.1', 'TLSv1.2'] }, t.ctx);
    expect(suites.versionsAccepted).toEqual(['TLSv1.2']);
    expect(hellos.get(0x0302)).toBe(2);
  });

  it('the cipher enumeration takes a version closed without an alert, twice, as refused when another version completes', async () => {
    const t = makeTestContext({
      profile: { endpoints: { smtpSubmission: { host: '127.0.0.1', port: (front.address() as AddressInfo).port, security: 'tls' as const, serverName: 'localhost' } } },
      asOf: new Date('2026-01-15T00:00:00Z'),
      timeouts: { connectMs: 2_000, idleMs: 3_000, overallMs: 20_000 },
    });
    const facts = await cipherSuitesProbe.run({ endpoint: 'smtpSubmission', versions: ['TLSv1.1', 'TLSv1.2'] }, t.ctx);
    expect(facts.versionsAccepted).toEqual(['TLSv1.2']);
    const rows = (t.evidence.find((e) => e.kind === 'tls-table')!.data as { rows: { protocol: string; accepted: boolean; note?: string }[] }).rows.filter((r) => r.protocol === 'TLSv1.1');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.note).toMatch(/closed without an alert when offered TLSv1.1, twice, while TLSv1.2 completes/);
    // Two handshakes for the closed version (the offer and its retry), not one per suite; TLS 1.2
    // within 1.5 times its minimum (halves enumerated side by side, each with its own refusal).
    expect(facts.handshakes).toBeLessThanOrEqual(2 + Math.floor(1.5 * (facts.accepted.length + 1)));
  });
});
