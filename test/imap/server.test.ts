import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { pkiItem, pkiTrust } from '../../src/pki/fixtures.js';
import { igcTrustMaterial } from '../../src/sandbox/imap/component.js';
import { type ImapBehaviour, type RunningImapServer, startImapServer } from '../../src/sandbox/imap/server.js';
import type { AccessTokenVerifier, StoredMessage } from '../../src/sandbox/types.js';
import { readFileSync } from 'node:fs';

const GOOD = 'good-token-0123456789';
const verifier: AccessTokenVerifier = { verify: async (t) => (t === GOOD ? { ok: true, claims: { acr: 'eidas1' } } : { ok: false, reason: 'signature' }) };
const store: StoredMessage[] = [
  { endpoint: 'smtpSubmission', from: 'a@x.test', to: ['other@sandbox.mssante.test'], receivedAt: '2025-01-10T10:00:00Z', raw: Buffer.from('Subject: not yours\r\n\r\nno\r\n') },
  { endpoint: 'smtpMta', from: 'b@x.test', to: ['dr@sandbox.mssante.test'], receivedAt: '2025-01-11T10:00:00Z', raw: Buffer.from('From: B <b@x.test>\r\nTo: dr@sandbox.mssante.test\r\nSubject: Compte rendu\r\nMessage-ID: <m1@x.test>\r\n\r\nHello\r\n') },
];
const behaviour: ImapBehaviour = { starttls: true, passwordLogin: false, oauthbearer: false, xoauth2ErrorFormat: true, clientCertChecks: { trust: true, validity: true, revocation: true } };
const ca = readFileSync(pkiTrust().igcChain, 'utf8');

let server: RunningImapServer;
beforeAll(async () => {
  const item = pkiItem('serv-ssl-sandbox');
  server = await startImapServer({
    host: '127.0.0.1',
    tls: { key: item.key, cert: item.chain },
    trust: igcTrustMaterial(),
    accounts: () => [{ address: 'dr@sandbox.mssante.test', password: 'pw-secret-123' }],
    tokenVerifier: () => verifier,
    messages: () => store,
    now: () => new Date('2025-01-31T00:00:00Z'),
    behaviour,
    idleMs: 5000,
  });
});
afterAll(() => server.close());

function client(accessToken: string): ImapFlow {
  return new ImapFlow({
    host: '127.0.0.1',
    port: server.port,
    secure: false,
    doSTARTTLS: true,
    tls: { ca, servername: 'localhost' },
    auth: { user: 'dr@sandbox.mssante.test', accessToken },
    logger: false,
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 5000,
  });
}

describe('sandbox IMAP server with imapflow', () => {
  it('reads the mailbox after XOAUTH2 with a good token: seed message plus the stored message for that user', async () => {
    const c = client(GOOD);
    await c.connect();
    const lock = await c.getMailboxLock('INBOX');
    try {
      const uids = await c.search({ all: true }, { uid: true });
      expect(uids).toEqual([1, 3]);
      const msg = await c.fetchOne('3', { source: true, envelope: true }, { uid: true });
      expect(msg && msg.envelope?.subject).toBe('Compte rendu');
      expect(msg && msg.source?.toString()).toContain('Hello');
      const all = [];
      for await (const m of c.fetch('1:*', { envelope: true, uid: true })) all.push(m.envelope?.subject);
      expect(all).toEqual(['Bienvenue dans la messagerie sandbox', 'Compte rendu']);
    } finally {
      lock.release();
    }
    await c.logout();
  }, 15_000);

  it('refuses a bad token in the XOAUTH2 error format', async () => {
    const c = client('bad-token-0123456789');
    const err = (await c.connect().then(
      () => undefined,
      (e: unknown) => e,
    )) as { authenticationFailed?: boolean; oauthError?: unknown } | undefined;
    expect(err?.authenticationFailed).toBe(true);
    expect(err?.oauthError).toEqual({ status: '401', schemes: 'bearer', scope: 'mail' });
    c.close();
  }, 15_000);
});
