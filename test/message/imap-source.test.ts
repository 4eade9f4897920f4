import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMessage, plainMessage } from '../../src/message/fixtures/generate.js';
import { pkiItem, pkiTrust } from '../../src/pki/fixtures.js';
import { findProbe } from '../../src/probes/registry.js';
import { ProbeError } from '../../src/probes/types.js';
import type { MessageLintFacts } from '../../src/probes/message/facts.js';
import { igcTrustMaterial } from '../../src/sandbox/imap/component.js';
import { seedFor } from '../../src/sandbox/imap/seed-messages.js';
import { type ImapBehaviour, type RunningImapServer, startImapServer } from '../../src/sandbox/imap/server.js';
import type { AccessTokenVerifier, StoredMessage } from '../../src/sandbox/types.js';
import type { TargetProfile } from '../../src/target/profile.js';
import { makeTestContext } from '../helpers/probe-context.js';
import { AS_OF } from './helpers.js';

/**
 * The IMAP source of message.lint against the sandbox IMAP server: XOAUTH2 with a vault token
 * (never OAUTHBEARER, never a password unless asked), STARTTLS required, the target's trust
 * anchors, timeouts, and the skip/error split. Real sockets on 127.0.0.1, port 0.
 */
const probe = findProbe('message.lint')!;
const GOOD = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJlLWdvb2QtdG9rZW4';
const PASSWORD = 'pw-correct-horse-42';
const verifier: AccessTokenVerifier = { verify: async (t) => (t === GOOD ? { ok: true, claims: { acr: 'eidas1' } } : { ok: false, reason: 'signature' }) };
const DR = 'dr.first@op.test';
const OTHER = 'dr.second@op.test';
const store: StoredMessage[] = [
  { endpoint: 'smtpMta', from: 'x@y.test', to: [OTHER], receivedAt: '2025-01-11T10:00:00Z', raw: renderMessage({ ...plainMessage(), headers: [] }) },
];
const behaviour = (o: Partial<ImapBehaviour> = {}): ImapBehaviour => ({
  starttls: true,
  passwordLogin: false,
  oauthbearer: true,
  xoauth2ErrorFormat: true,
  clientCertChecks: { trust: true, validity: true, revocation: true },
  ...o,
});

async function imapServer(b: ImapBehaviour): Promise<RunningImapServer> {
  const item = pkiItem('serv-ssl-sandbox');
  return startImapServer({
    host: '127.0.0.1',
    tls: { key: item.key, cert: item.chain },
    trust: igcTrustMaterial(),
    accounts: () => [
      { address: DR, nationalId: '899700000010', password: PASSWORD },
      { address: OTHER, nationalId: '899700000011', password: PASSWORD },
    ],
    tokenVerifier: () => verifier,
    messages: () => store,
    seed: seedFor(new Set()),
    now: () => new Date('2025-01-31T00:00:00Z'),
    behaviour: b,
    idleMs: 5000,
  });
}

function profile(port: number, extra: Partial<TargetProfile> = {}): Partial<TargetProfile> {
  return {
    endpoints: { imap: { host: '127.0.0.1', port, security: 'starttls', serverName: 'localhost' } },
    trustAnchors: [pkiTrust().igcChain],
    mailboxes: [
      { address: DR, type: 'PER', nationalId: '899700000010', password: 'env:BOX_PW' },
      { address: OTHER, type: 'PER', nationalId: '899700000011', password: 'env:BOX_PW' },
    ],
    ...extra,
  };
}

function context(port: number, extra: Partial<TargetProfile> = {}) {
  const t = makeTestContext({ asOf: AS_OF, profile: profile(port, extra), env: { BOX_PW: PASSWORD }, timeouts: { connectMs: 2000, idleMs: 2000, overallMs: 8000 } });
  return { ...t, handle: t.ctx.oidc.vault.deposit(GOOD, { acr: 'eidas1' }, t.redactor) };
}

async function failure(p: Promise<unknown>): Promise<ProbeError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ProbeError);
  return err as ProbeError;
}

let server: RunningImapServer;
let noStarttls: RunningImapServer;
let withPassword: RunningImapServer;
beforeAll(async () => {
  [server, noStarttls, withPassword] = await Promise.all([imapServer(behaviour()), imapServer(behaviour({ starttls: false })), imapServer(behaviour({ passwordLogin: true }))]);
});
afterAll(() => Promise.all([server, noStarttls, withPassword].map((s) => s?.close())));

describe('message.lint over IMAP', () => {
  it('logs in with XOAUTH2 (not the OAUTHBEARER the server also offers) to the identity-0 mailbox after STARTTLS, and lints its seed message', async () => {
    const t = context(server.port);
    const facts = (await probe.run({ source: 'imap', token: t.handle }, t.ctx)) as MessageLintFacts;
    expect(facts.imap).toEqual({ mailbox: DR, mechanism: 'XOAUTH2', xoauth2Advertised: true, folder: 'INBOX', inFolder: 1, fetched: 1 });
    expect(facts.messages).toBe(1);
    expect(facts.failingRules).toEqual([]);
    expect(facts.rules['MSG-XDM-PACKAGE']).toMatchObject({ pass: 1 });
    const transcript = t.transcriptText();
    expect(transcript).toMatch(/STARTTLS/);
    expect(transcript).toMatch(/AUTHENTICATE XOAUTH2/);
    expect(transcript).not.toMatch(/AUTHENTICATE OAUTHBEARER/);
    const everything = JSON.stringify({ facts, evidence: t.evidence });
    expect(everything).not.toContain(GOOD);
    expect(everything).not.toContain(Buffer.from(`user=${DR}\x01auth=Bearer ${GOOD}\x01\x01`).toString('base64'));
  }, 15_000);

  it('reads the mailbox of another identity rank, or the one named by `mailbox`', async () => {
    for (const input of [{ identity: 1 }, { mailbox: OTHER }]) {
      const t = context(server.port);
      const facts = (await probe.run({ source: 'imap', token: t.handle, ...input }, t.ctx)) as MessageLintFacts;
      expect(facts.imap?.mailbox).toBe(OTHER);
      // The seed plus the stored message without X-MSS-NIL addressed to that mailbox.
      expect(facts.messages).toBe(2);
      // X-MSS-NIL rests on implementer's notes (S): a finding at warning strength by default.
      expect(facts.findings.map((f) => [f.rule, f.status])).toEqual([['MSG-X-MSS-NIL', 'warn']]);
    }
  }, 15_000);

  it('a refused token is a skip that names no secret; no token at all is a skip', async () => {
    const t = context(server.port);
    const bad = t.ctx.oidc.vault.deposit('not-the-good-token-9f8e7d', {}, t.redactor);
    const refused = await failure(probe.run({ source: 'imap', token: bad }, t.ctx));
    expect([refused.code, refused.outcome]).toEqual(['PRECONDITION', 'skip']);
    expect(refused.message).toMatch(/refused the XOAUTH2 login/);
    expect(refused.message + t.transcriptText()).not.toContain('not-the-good-token-9f8e7d');
    const none = await failure(probe.run({ source: 'imap' }, context(server.port).ctx));
    expect([none.code, none.outcome]).toEqual(['PRECONDITION', 'skip']);
    const unknown = await failure(probe.run({ source: 'imap', token: 'vault:nope' }, context(server.port).ctx));
    expect(unknown.code).toBe('EINPUT');
  }, 15_000);

  it('uses the password only when asked: refused by a conformant server (skip), accepted by one that allows it', async () => {
    const refused = await failure(probe.run({ source: 'imap', auth: 'password' }, context(server.port).ctx));
    expect(refused.outcome).toBe('skip');
    const t = context(withPassword.port);
    const facts = (await probe.run({ source: 'imap', auth: 'password', mailbox: DR }, t.ctx)) as MessageLintFacts;
    expect(facts.imap).toMatchObject({ mailbox: DR, mechanism: 'PASSWORD', fetched: 1 });
    expect(JSON.stringify(t.evidence)).not.toContain(PASSWORD);
  }, 15_000);

  it('never sends the token in the clear: no STARTTLS is a skip (NOT_OFFERED), before any AUTHENTICATE', async () => {
    const t = context(noStarttls.port);
    const err = await failure(probe.run({ source: 'imap', token: t.handle }, t.ctx));
    expect([err.code, err.outcome]).toEqual(['NOT_OFFERED', 'skip']);
    expect(t.transcriptText()).not.toMatch(/AUTHENTICATE/);
  }, 15_000);

  it('checks the server certificate against the target trust anchors: another CA means no token is sent (skip: X509-* judge the certificate)', async () => {
    const t = context(server.port, { trustAnchors: [pkiTrust().otherChain] });
    const err = await failure(probe.run({ source: 'imap', token: t.handle }, t.ctx));
    expect([err.code, err.outcome]).toEqual(['PRECONDITION', 'skip']);
    expect(err.message).toMatch(/does not verify \((UNABLE_TO|SELF_SIGNED|CERT_)/);
    expect(t.transcriptText()).not.toMatch(/AUTHENTICATE/);
  }, 15_000);

  describe('a server that accepts the connection and never greets', () => {
    let silent: Server;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      silent = createServer((s) => sockets.push(s)).listen(0, '127.0.0.1');
      await new Promise((r) => silent.once('listening', r));
    });
    afterAll(() => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => silent.close(r));
    });

    it('is an idle timeout error, not a pass', async () => {
      const port = (silent.address() as { port: number }).port;
      const t = makeTestContext({ asOf: AS_OF, profile: profile(port), timeouts: { connectMs: 1000, idleMs: 500, overallMs: 5000 } });
      const handle = t.ctx.oidc.vault.deposit(GOOD, {}, t.redactor);
      const err = await failure(probe.run({ source: 'imap', token: handle }, t.ctx));
      expect([err.code, err.outcome]).toEqual(['ETIMEDOUT_IDLE', 'error']);
    }, 10_000);

    it('is an overall timeout error when the step is aborted', async () => {
      const port = (silent.address() as { port: number }).port;
      const t = makeTestContext({ asOf: AS_OF, profile: profile(port), timeouts: { connectMs: 1000, idleMs: 4000, overallMs: 5000 } });
      const handle = t.ctx.oidc.vault.deposit(GOOD, {}, t.redactor);
      setTimeout(() => t.abort(new Error('overall')), 200);
      const err = await failure(probe.run({ source: 'imap', token: handle }, t.ctx));
      expect(err.code).toBe('ETIMEDOUT_OVERALL');
    }, 10_000);
  });
});
