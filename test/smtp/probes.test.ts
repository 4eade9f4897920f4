import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpSessionProbe } from '../../src/probes/smtp/session.js';
import { tlsVersionsProbe } from '../../src/probes/tls/versions.js';
import { serverChainProbe } from '../../src/probes/x509/server-chain.js';
import type { ProbeContext } from '../../src/probes/types.js';
import type { ResolvedTarget } from '../../src/target/profile.js';
import { makeTestContext } from '../helpers/probe-context.js';
import { probeErrorCode } from '../helpers/probe-error.js';
import { REFERENCE_AS_OF, startSmtpSandbox } from './sandbox.js';

const timeouts = { connectMs: 2_000, idleMs: 2_000, overallMs: 10_000 };

describe('probes against the clean sandbox', () => {
  let sandbox: Awaited<ReturnType<typeof startSmtpSandbox>>;
  beforeAll(async () => {
    sandbox = await startSmtpSandbox();
  });
  afterAll(() => sandbox.stop());
  const ctxFor = (asOf = REFERENCE_AS_OF) => makeTestContext({ target: sandbox.target, asOf, timeouts });

  it('smtp.session on the MTA: STARTTLS advertised and working, no AUTH anywhere', async () => {
    const t = ctxFor();
    const facts = await smtpSessionProbe.run({ endpoint: 'smtpMta', tryAuthBeforeTls: true, tryMailFromBeforeTls: true }, t.ctx);
    expect(facts).toMatchObject({ bannerCode: 220, starttlsAdvertised: true, starttlsCode: 220, tlsEstablished: true, authAdvertisedBeforeTls: false, mailFromBeforeTlsCode: 530 });
    expect(['TLSv1.2', 'TLSv1.3']).toContain(facts.tlsProtocol);
    expect(facts.extensionsAfterTls).not.toContain('STARTTLS');
    expect([500, 502, 503, 504, 530, 538]).toContain(facts.authBeforeTls?.code);
    expect(t.transcriptText()).toMatch(/^C: STARTTLS$/m);
  });

  it('smtp.session on submission: AUTH (XOAUTH2, OAUTHBEARER, EXTERNAL) only after TLS', async () => {
    const facts = await smtpSessionProbe.run({ endpoint: 'smtpSubmission', tryAuthBeforeTls: true }, ctxFor().ctx);
    expect(facts.authAdvertisedBeforeTls).toBe(false);
    expect(facts.authMechanismsAfterTls).toEqual(['XOAUTH2', 'OAUTHBEARER', 'EXTERNAL']);
    expect([235, 334, 535, 454]).not.toContain(facts.authBeforeTls?.code);
  });

  it('tls.versions: TLS 1.2 and 1.3 accepted, 1.0 and 1.1 refused, with a tls-table', async () => {
    const t = ctxFor();
    const facts = await tlsVersionsProbe.run({ endpoint: 'smtpSubmission' }, t.ctx);
    expect(facts.accepted).toEqual(['TLSv1.2', 'TLSv1.3']);
    expect(facts.refused).toEqual(['TLSv1', 'TLSv1.1']);
    expect(facts.clientUnsupported).toEqual([]);
    const table = t.evidence.find((e) => e.kind === 'tls-table')?.data as { rows: { protocol: string; accepted: boolean }[] };
    expect(table.rows.map((r) => [r.protocol, r.accepted])).toEqual([['TLSv1', false], ['TLSv1.1', false], ['TLSv1.2', true], ['TLSv1.3', true]]);
  });

  it('x509.server-chain: trusted, valid on the as-of date, names localhost, with certificate-chain evidence', async () => {
    const t = ctxFor();
    const facts = await serverChainProbe.run({ endpoint: 'smtpMta' }, t.ctx);
    expect(facts).toMatchObject({ trusted: true, validOnAsOf: true, hostName: 'localhost', hostMatches: true, presentedCount: 2 });
    expect(facts.anchorSubject).toContain('TEST AC RACINE IGC-SANTE ELEMENTAIRE');
    const ev = t.evidence.find((e) => e.kind === 'certificate-chain')?.data as { certificates: { subject: string; keyBits: number; extKeyUsage: string[]; san: string[] }[]; trusted: boolean };
    expect(ev.trusted).toBe(true);
    expect(ev.certificates).toHaveLength(3);
    expect(ev.certificates[0]).toMatchObject({ keyAlgorithm: 'RSA', keyBits: 2048, extKeyUsage: ['serverAuth', 'clientAuth'] });
    expect(ev.certificates[0]!.san).toContain('dns:localhost');
  });

  it('x509.server-chain judges validity on the as-of date, not on the clock', async () => {
    const facts = await serverChainProbe.run({ endpoint: 'smtpMta' }, ctxFor(new Date('2031-06-01T00:00:00Z')).ctx);
    expect(facts.validOnAsOf).toBe(false);
    expect(facts.expiredOnAsOf.length).toBeGreaterThan(0);
    const before = await serverChainProbe.run({ endpoint: 'smtpMta' }, ctxFor(new Date('2024-06-01T00:00:00Z')).ctx);
    expect(before.notYetValidOnAsOf.length).toBeGreaterThan(0);
  });

  it('x509.server-chain: another expected name does not match', async () => {
    const facts = await serverChainProbe.run({ endpoint: 'smtpMta', serverName: 'mx.other-operator.test' }, ctxFor().ctx);
    expect(facts.hostMatches).toBe(false);
  });

  it('x509.server-chain without trust anchors is skip (precondition)', async () => {
    const target: ResolvedTarget = { ...sandbox.target, profile: { ...sandbox.target.profile, trustAnchors: [] } };
    const err = await serverChainProbe.run({ endpoint: 'smtpMta' }, makeTestContext({ target, asOf: REFERENCE_AS_OF, timeouts }).ctx).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PRECONDITION', outcome: 'skip' });
  });
});

describe('probes against defective sandboxes', () => {
  it('mta-no-starttls: session reports it, TLS probes are skip (NOT_OFFERED)', async () => {
    const sb = await startSmtpSandbox(['mta-no-starttls']);
    try {
      const t = makeTestContext({ target: sb.target, asOf: REFERENCE_AS_OF, timeouts });
      const facts = await smtpSessionProbe.run({ endpoint: 'smtpMta' }, t.ctx);
      expect(facts).toMatchObject({ starttlsAdvertised: false, starttlsAccepted: false, tlsEstablished: false });
      expect(facts.starttlsCode).toBeGreaterThanOrEqual(500);
      for (const p of [() => tlsVersionsProbe.run({ endpoint: 'smtpMta' }, t.ctx), () => serverChainProbe.run({ endpoint: 'smtpMta' }, t.ctx)]) {
        expect(await p().catch((e: unknown) => e)).toMatchObject({ code: 'NOT_OFFERED', outcome: 'skip' });
      }
    } finally {
      await sb.stop();
    }
  });

  it('mta-accepts-tls10 and submission-accepts-tls11 are seen as accepted versions', async () => {
    const sb = await startSmtpSandbox(['mta-accepts-tls10', 'submission-accepts-tls11']);
    try {
      const ctx = makeTestContext({ target: sb.target, asOf: REFERENCE_AS_OF, timeouts }).ctx;
      expect((await tlsVersionsProbe.run({ endpoint: 'smtpMta' }, ctx)).accepted).toEqual(['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']);
      expect((await tlsVersionsProbe.run({ endpoint: 'smtpSubmission' }, ctx)).accepted).toEqual(['TLSv1.1', 'TLSv1.2', 'TLSv1.3']);
    } finally {
      await sb.stop();
    }
  });

  it('submission-auth-before-tls: AUTH advertised and a SASL exchange runs in plaintext; the dummy payload never reaches the transcript', async () => {
    const sb = await startSmtpSandbox(['submission-auth-before-tls']);
    try {
      const t = makeTestContext({ target: sb.target, asOf: REFERENCE_AS_OF, timeouts });
      const facts = await smtpSessionProbe.run({ endpoint: 'smtpSubmission', tryAuthBeforeTls: true }, t.ctx);
      expect(facts.authAdvertisedBeforeTls).toBe(true);
      expect([235, 334, 535, 454]).toContain(facts.authBeforeTls?.code);
      const text = t.transcriptText();
      expect(text).toMatch(/^C: AUTH XOAUTH2 \[REDACTED\]/m);
      expect(text).not.toContain(Buffer.from('user=msscheck-probe\x01auth=Bearer msscheck-not-a-token\x01\x01').toString('base64'));
      expect(text).not.toContain('msscheck-not-a-token');
    } finally {
      await sb.stop();
    }
  });

  it('the certificate defects present the expected certificates', async () => {
    const sb = await startSmtpSandbox(['smtp-cert-untrusted']);
    try {
      const facts = await serverChainProbe.run({ endpoint: 'smtpSubmission' }, makeTestContext({ target: sb.target, asOf: REFERENCE_AS_OF, timeouts }).ctx);
      expect(facts).toMatchObject({ trusted: false, validOnAsOf: true, hostMatches: true });
      expect(facts.chainProblems.join(' ')).toMatch(/issuer not found/);
    } finally {
      await sb.stop();
    }
  });
});

describe('unreachable or silent endpoints are errors, never passes', () => {
  const targetOn = (port: number): ResolvedTarget => ({
    source: 'test',
    baseDir: process.cwd(),
    profile: { operator: { name: 'x' }, domains: ['x.test'], endpoints: { smtpMta: { host: '127.0.0.1', port, security: 'starttls' } }, trustAnchors: [] },
  });

  /** Runs `use` with a context whose MTA is `server` (listening on a loopback port), short timeouts; closes the server after. */
  const against = async (server: net.Server, use: (ctx: ProbeContext) => Promise<void>): Promise<void> => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      await use(makeTestContext({ target: targetOn(port), asOf: REFERENCE_AS_OF, timeouts: { connectMs: 1_000, idleMs: 300, overallMs: 5_000 } }).ctx);
    } finally {
      server.close();
    }
  };

  it('an endpoint that accepts TCP and never answers gives ETIMEDOUT_IDLE', async () => {
    await against(net.createServer(() => undefined), async (ctx) => {
      expect(await probeErrorCode(smtpSessionProbe.run({ endpoint: 'smtpMta' }, ctx))).toBe('ETIMEDOUT_IDLE');
      expect(await probeErrorCode(tlsVersionsProbe.run({ endpoint: 'smtpMta' }, ctx))).toBe('ETIMEDOUT_IDLE');
    });
  });

  it('a server that says 220 to STARTTLS and then stays silent is ETIMEDOUT_IDLE, never a refused version', async () => {
    const fake = net.createServer((s) => {
      s.write('220 fake ESMTP\r\n');
      s.on('data', (d) => {
        const line = String(d);
        if (line.startsWith('EHLO')) s.write('250-fake\r\n250 STARTTLS\r\n');
        else if (line.startsWith('STARTTLS')) s.write('220 go ahead\r\n');
        // then nothing: the TLS ClientHello is never answered
      });
    });
    await against(fake, async (ctx) => {
      expect(await probeErrorCode(tlsVersionsProbe.run({ endpoint: 'smtpMta' }, ctx))).toBe('ETIMEDOUT_IDLE');
      expect(await probeErrorCode(smtpSessionProbe.run({ endpoint: 'smtpMta' }, ctx))).toBe('ETIMEDOUT_IDLE');
    });
  });

  it('a refused port gives ECONNREFUSED', async () => {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const { port } = s.address() as AddressInfo;
    await new Promise<void>((r) => s.close(() => r()));
    const ctx = makeTestContext({ target: targetOn(port), asOf: REFERENCE_AS_OF, timeouts }).ctx;
    expect(await probeErrorCode(smtpSessionProbe.run({ endpoint: 'smtpMta' }, ctx))).toBe('ECONNREFUSED');
  });
});
