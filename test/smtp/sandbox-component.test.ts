import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpClient } from '../../src/net/smtp-client.js';
import { pkiItem } from '../../src/pki/fixtures.js';
import { SMTP_DEFECTS } from '../../src/sandbox/smtp/defects.js';
import { oauthbearerToXoauth2 } from '../../src/sandbox/smtp/oauthbearer.js';
import type { SandboxServices } from '../../src/sandbox/types.js';
import type { MailEndpoint } from '../../src/target/profile.js';
import { startSmtpSandbox } from './sandbox.js';

const services: SandboxServices = {
  tokenVerifier: { verify: async (token) => (token === 'good-token' ? { ok: true, claims: { sub: 'u1' } } : { ok: false, reason: 'inactive' }) },
};

function transport(ep: MailEndpoint, auth?: { user: string; accessToken: string }, clientCert?: { cert: string; key: string }) {
  return nodemailer.createTransport({
    host: ep.host,
    port: ep.port,
    secure: false,
    requireTLS: true,
    tls: { rejectUnauthorized: false, ...clientCert },
    ...(auth ? { auth: { type: 'OAuth2', user: auth.user, accessToken: auth.accessToken } } : {}),
    connectionTimeout: 2_000,
    greetingTimeout: 2_000,
    socketTimeout: 2_000,
  });
}

const message = (to: string) => ({ from: 'dr.a@sandbox.mssante.test', to, subject: 'test', text: 'hello' });

describe('sandbox SMTP component', () => {
  let sb: Awaited<ReturnType<typeof startSmtpSandbox>>;
  beforeAll(async () => {
    sb = await startSmtpSandbox([], services);
  });
  afterAll(() => sb.stop());

  it('contributes both endpoints, the IGC TEST trust chain and the domain', () => {
    const { endpoints, trustAnchors, domains } = sb.target.profile;
    expect(endpoints.smtpMta).toMatchObject({ host: '127.0.0.1', security: 'starttls', serverName: 'localhost' });
    expect(endpoints.smtpSubmission).toMatchObject({ host: '127.0.0.1', security: 'starttls', serverName: 'localhost' });
    expect(endpoints.smtpMta!.port).not.toBe(endpoints.smtpSubmission!.port);
    expect(trustAnchors).toHaveLength(1);
    expect(trustAnchors![0]).toMatch(/igc-sante-test-chain\.pem$/);
    expect(domains).toContain('sandbox.mssante.test');
  });

  it('submission accepts XOAUTH2 with a token the verifier accepts, after STARTTLS, and stores the message', async () => {
    const before = sb.services.messageStore!.length;
    await transport(sb.target.profile.endpoints.smtpSubmission!, { user: 'dr.a@sandbox.mssante.test', accessToken: 'good-token' }).sendMail(message('someone@peer.mssante.test'));
    const stored = sb.services.messageStore!.slice(before);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ endpoint: 'smtpSubmission', from: 'dr.a@sandbox.mssante.test', to: ['someone@peer.mssante.test'] });
    expect(stored[0]!.raw.toString()).toContain('hello');
  });

  it('submission refuses a token the verifier refuses', async () => {
    await expect(
      transport(sb.target.profile.endpoints.smtpSubmission!, { user: 'dr.a@sandbox.mssante.test', accessToken: 'bad-token' }).sendMail(message('x@peer.mssante.test')),
    ).rejects.toMatchObject({ code: 'EAUTH' });
  });

  it('submission accepts OAUTHBEARER (RFC 7628) with a good token and runs the failure exchange with a bad one', async () => {
    const ep = sb.target.profile.endpoints.smtpSubmission!;
    const attempt = async (token: string) => {
      const { client } = await SmtpClient.connect({ host: ep.host, port: ep.port, timeouts: { connectMs: 2_000, idleMs: 2_000, overallMs: 5_000 } });
      try {
        await client.ehlo('client.test');
        await client.starttls({ servername: 'localhost' });
        await client.ehlo('client.test');
        const payload = Buffer.from(`n,a=dr.a@sandbox.mssante.test,\x01host=localhost\x01port=${ep.port}\x01auth=Bearer ${token}\x01\x01`).toString('base64');
        const first = await client.command(`AUTH OAUTHBEARER ${payload}`);
        if (first.code !== 334) return [first.code];
        expect(JSON.parse(Buffer.from(first.lines[0]!, 'base64').toString())).toMatchObject({ status: '401', schemes: 'bearer' });
        return [first.code, (await client.command('AQ==')).code];
      } finally {
        await client.quit();
      }
    };
    expect(await attempt('good-token')).toEqual([235]);
    expect(await attempt('bad-token')).toEqual([334, 535]);
  });

  it('translates OAUTHBEARER initial responses to the XOAUTH2 form, refusing malformed ones', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect(Buffer.from(oauthbearerToXoauth2(b64('n,a=u=2Cx@d,\x01auth=Bearer T\x01\x01'))!, 'base64').toString()).toBe('user=u,x@d\x01auth=Bearer T\x01\x01');
    expect(oauthbearerToXoauth2(b64('user=u\x01auth=Bearer T\x01\x01'))).toBeUndefined();
    expect(oauthbearerToXoauth2(b64('n,,\x01host=h\x01\x01'))).toBeUndefined();
  });

  it('the MTA accepts mail for its domains over TLS from a peer operator and refuses relaying', async () => {
    const mta = sb.target.profile.endpoints.smtpMta!;
    const peer = pkiItem('serv-ssl-peer');
    const fromPeer = (to: string) => ({ ...message(to), from: 'dr.p@peer.mssante.test' });
    const before = sb.services.messageStore!.length;
    await transport(mta, undefined, { cert: peer.chain, key: peer.key }).sendMail(fromPeer('dr.b@sandbox.mssante.test'));
    expect(sb.services.messageStore!.slice(before)).toMatchObject([{ endpoint: 'smtpMta', to: ['dr.b@sandbox.mssante.test'] }]);
    await expect(transport(mta, undefined, { cert: peer.chain, key: peer.key }).sendMail(fromPeer('x@elsewhere.test'))).rejects.toMatchObject({ responseCode: 550 });
  });

  it('every defect has a unique name, a description and instances it changes (fail, warn, review, or inconclusive)', () => {
    expect(new Set(SMTP_DEFECTS.map((d) => d.name)).size).toBe(SMTP_DEFECTS.length);
    for (const d of SMTP_DEFECTS) {
      expect(d.description.length).toBeGreaterThan(10);
      // Verdict strength: a defect breaking only S or ? rules makes its instances warn or review; one
      // that msscheck cannot tell from a slow server within its wait (a DSN never sent) makes them error.
      expect(d.fails.length + (d.warns?.length ?? 0) + (d.reviews?.length ?? 0) + (d.inconclusive?.length ?? 0)).toBeGreaterThan(0);
    }
  });
});
