import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTP_DEFECTS } from '../../src/sandbox/smtp/defects.js';
import type { SandboxServices } from '../../src/sandbox/types.js';
import type { MailEndpoint } from '../../src/target/profile.js';
import { startSmtpSandbox } from './sandbox.js';

const services: SandboxServices = {
  tokenVerifier: { verify: async (token) => (token === 'good-token' ? { ok: true, claims: { sub: 'u1' } } : { ok: false, reason: 'inactive' }) },
};

function transport(ep: MailEndpoint, auth?: { user: string; accessToken: string }) {
  return nodemailer.createTransport({
    host: ep.host,
    port: ep.port,
    secure: false,
    requireTLS: true,
    tls: { rejectUnauthorized: false },
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

  it('the MTA accepts mail for its domains over TLS and refuses relaying', async () => {
    const mta = sb.target.profile.endpoints.smtpMta!;
    const before = sb.services.messageStore!.length;
    await transport(mta).sendMail(message('dr.b@sandbox.mssante.test'));
    expect(sb.services.messageStore!.slice(before)).toMatchObject([{ endpoint: 'smtpMta', to: ['dr.b@sandbox.mssante.test'] }]);
    await expect(transport(mta).sendMail(message('x@elsewhere.test'))).rejects.toMatchObject({ responseCode: 550 });
  });

  it('every defect has a unique name, a description and instances to fail', () => {
    expect(new Set(SMTP_DEFECTS.map((d) => d.name)).size).toBe(SMTP_DEFECTS.length);
    for (const d of SMTP_DEFECTS) {
      expect(d.description.length).toBeGreaterThan(10);
      expect(d.fails.length).toBeGreaterThan(0);
    }
  });
});
