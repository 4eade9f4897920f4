import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpClient } from '../../src/net/smtp-client.js';
import { authMechanisms } from '../../src/net/smtp-reply.js';
import { pkiItem } from '../../src/pki/fixtures.js';
import { igcTrustMaterial } from '../../src/sandbox/client-certificates.js';
import { behaviourFor } from '../../src/sandbox/smtp/behaviour.js';
import { decodeExternalResponse, submissionExternal } from '../../src/sandbox/smtp/external.js';
import { type RunningSmtpEndpoint, startSmtpEndpoint } from '../../src/sandbox/smtp/server.js';

/** SASL EXTERNAL on the sandbox submission endpoint, exchange by exchange (the scenarios cover the verdicts). */
const APP = 'app@sandbox.mssante.test';
const PERSON = 'dr.cps@sandbox.mssante.test';
const timeouts = { connectMs: 2000, idleMs: 3000, overallMs: 10000 };
const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('decodeExternalResponse', () => {
  it('reads no authorization identity from "=" or nothing, the identity from base64, and refuses the rest', () => {
    expect(decodeExternalResponse('=')).toBe('');
    expect(decodeExternalResponse('')).toBe('');
    expect(decodeExternalResponse(b64(APP))).toBe(APP);
    expect(decodeExternalResponse('not base64!')).toBeUndefined();
    expect(decodeExternalResponse(b64('a\r\nb'))).toBeUndefined();
  });
});

describe('AUTH EXTERNAL on the sandbox submission endpoint', () => {
  let endpoint: RunningSmtpEndpoint;
  let mta: RunningSmtpEndpoint;
  beforeAll(async () => {
    const server = pkiItem('serv-ssl-sandbox');
    const common = { host: '127.0.0.1', key: server.key, cert: server.chain, localDomains: ['sandbox.mssante.test'], services: {}, store: [] };
    const external = submissionExternal({
      trust: igcTrustMaterial(),
      checks: { trust: true, validity: true, revocation: true },
      accounts: () => [{ address: APP }, { address: PERSON, nationalId: '899700000001' }],
      now: () => new Date(),
    });
    endpoint = await startSmtpEndpoint({ ...common, behaviour: behaviourFor('submission', new Set()), external });
    mta = await startSmtpEndpoint({ ...common, behaviour: behaviourFor('mta', new Set()) });
  });
  afterAll(async () => {
    await endpoint?.close();
    await mta?.close();
  });

  /** Connects, STARTTLS (with the test PKI item's certificate, if named), EHLO; runs `body`. */
  async function withSession<T>(port: number, certItem: string | undefined, body: (c: SmtpClient, before: string[], after: string[]) => Promise<T>): Promise<T> {
    const { client } = await SmtpClient.connect({ host: '127.0.0.1', port, timeouts, label: 'test' });
    try {
      const before = authMechanisms(await client.ehlo('t.test'));
      const item = certItem ? pkiItem(certItem) : undefined;
      const { reply } = await client.starttls({ servername: 'localhost', ...(item ? { cert: item.cert, key: item.key } : {}) });
      expect(reply.code).toBe(220);
      const after = authMechanisms(await client.ehlo('t.test'));
      return await body(client, before, after);
    } finally {
      await client.quit();
    }
  }

  it('advertises EXTERNAL after STARTTLS only, and accepts "=" with the organisation certificate', async () => {
    await withSession(endpoint.port, 'app-client', async (c, before, after) => {
      expect(before).not.toContain('EXTERNAL');
      expect(after).toContain('EXTERNAL');
      expect((await c.command('AUTH EXTERNAL =')).code).toBe(235);
      // The session is authenticated: a recipient is accepted.
      expect((await c.command(`MAIL FROM:<${APP}>`)).code).toBe(250);
      expect((await c.command('RCPT TO:<someone@sandbox.mssante.test>')).code).toBe(250);
    });
  });

  it('accepts an empty response after 334, and the authorization identity the certificate names', async () => {
    await withSession(endpoint.port, 'app-client', async (c) => {
      expect((await c.command('AUTH EXTERNAL')).code).toBe(334);
      expect((await c.command('')).code).toBe(235);
    });
    await withSession(endpoint.port, 'cps-person', async (c) => {
      expect((await c.command(`AUTH EXTERNAL ${b64(PERSON)}`)).code).toBe(235);
    });
  });

  it('refuses another mailbox as authorization identity, a missing certificate, and honours "*"', async () => {
    await withSession(endpoint.port, 'app-client', async (c) => {
      const reply = await c.command(`AUTH EXTERNAL ${b64(PERSON)}`);
      expect(reply.code).toBe(535);
      expect(reply.lines.join(' ')).toMatch(/maps to no mailbox/);
    });
    await withSession(endpoint.port, undefined, async (c) => {
      const reply = await c.command('AUTH EXTERNAL =');
      expect(reply.code).toBe(535);
      expect(reply.lines.join(' ')).toMatch(/no-certificate/);
      expect((await c.command(`RCPT TO:<${APP}>`)).code).not.toBe(250);
    });
    await withSession(endpoint.port, 'app-client', async (c) => {
      expect((await c.command('AUTH EXTERNAL')).code).toBe(334);
      expect((await c.command('*')).code).toBe(501);
    });
  });

  it('refuses an expired certificate with the reason', async () => {
    await withSession(endpoint.port, 'app-client-expired', async (c) => {
      const reply = await c.command('AUTH EXTERNAL =');
      expect(reply.code).toBe(535);
      expect(reply.lines.join(' ')).toMatch(/expired/);
    });
  });

  it('the MTA offers no EXTERNAL', async () => {
    await withSession(mta.port, 'app-client', async (c, _before, after) => {
      expect(after).not.toContain('EXTERNAL');
    });
  });
});
