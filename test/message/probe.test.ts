import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentMessage, renderMessage, plainMessage } from '../../src/message/fixtures/generate.js';
import { findProbe } from '../../src/probes/registry.js';
import { ProbeError } from '../../src/probes/types.js';
import type { MessageLintFacts } from '../../src/probes/message/facts.js';
import { makeTestContext } from '../helpers/probe-context.js';
import { AS_OF, FIXTURES } from './helpers.js';

const probe = findProbe('message.lint')!;

describe('message.lint probe', () => {
  it('is registered and lints files: counts per rule, failing rules, evidence of the bad messages', async () => {
    const t = makeTestContext({ asOf: AS_OF });
    const facts = (await probe.run({ source: 'files', paths: [join(FIXTURES, 'ok-documents.eml'), join(FIXTURES, 'defect-codecda-missing.eml'), join(FIXTURES, 'defect-not-mime.eml')] }, t.ctx)) as MessageLintFacts;
    expect(facts.messages).toBe(3);
    expect(facts.linted).toBe(2);
    expect(facts.unreadable).toBe(1);
    expect(facts.rules['MSG-X-MSS-CODECDA']).toMatchObject({ status: 'fail', pass: 1, fail: 1 });
    expect(facts.failingRules).toEqual(['MSG-X-MSS-CODECDA']);
    expect(facts.errors[0].code).toBe('NOT_MIME');
    expect(t.evidence.filter((e) => e.kind === 'message')).toHaveLength(1);
  });

  it('lints the sandbox store of accepted submissions when the context has it', async () => {
    const t = makeTestContext({ asOf: AS_OF });
    const store = [
      { endpoint: 'smtpSubmission' as const, from: 'a@x.fr', to: ['b@y.fr'], receivedAt: '2024-01-15T12:00:00Z', raw: renderMessage(documentMessage()) },
      { endpoint: 'smtpMta' as const, from: 'a@x.fr', to: ['b@y.fr'], receivedAt: '2024-01-15T12:00:00Z', raw: Buffer.from('junk') },
      { endpoint: 'smtpSubmission' as const, from: 'a@x.fr', to: ['b@y.fr'], receivedAt: '2024-01-15T12:00:00Z', raw: renderMessage({ ...plainMessage(), headers: [] }) },
    ];
    const facts = (await probe.run({ source: 'sandbox-store' }, Object.assign(t.ctx, { sandbox: { messages: async () => store } }))) as MessageLintFacts;
    expect(facts.messages).toBe(2);
    // X-MSS-NIL on every message rests on implementer's notes (S): a warning, a failure with --strict.
    expect(facts.rules['MSG-X-MSS-NIL']).toMatchObject({ status: 'warn', pass: 1, warn: 1 });
    const strict = (await probe.run({ source: 'sandbox-store' }, Object.assign(makeTestContext({ asOf: AS_OF }).ctx, { sandbox: { messages: async () => store }, strength: { strict: true } }))) as MessageLintFacts;
    expect(strict.rules['MSG-X-MSS-NIL']).toMatchObject({ status: 'fail', pass: 1, fail: 1 });
  });

  it('sets aside the messages the client did not write (a bounce), says which it judged and why', async () => {
    const t = makeTestContext({ asOf: AS_OF });
    const facts = (await probe.run({ source: 'files', paths: [join(FIXTURES, 'ok-documents.eml'), join(FIXTURES, 'ok-bounce.eml')] }, t.ctx)) as MessageLintFacts;
    expect(facts.clientWritten).toBe(1);
    expect(facts.failingRules).toEqual([]);
    expect(facts.findings).toEqual([]);
    expect(facts.selection).toEqual([
      { message: expect.stringMatching(/ok-documents/), judged: true, reason: expect.stringMatching(/written by the client/) },
      { message: expect.stringMatching(/ok-bounce/), judged: false, reason: expect.stringMatching(/delivery-status/) },
    ]);
    expect(t.evidence.find((e) => e.title.startsWith('message selection: 1 of 2'))).toBeDefined();
  });

  it('counts the messages some rule judged: a mailbox of DSNs only judges none (MSG-MAILBOX-CONFORMANT then skips, never passes), an MDN is judged by the MDN rules', async () => {
    const t = makeTestContext({ asOf: AS_OF });
    const run = async (names: string[]) => ((await probe.run({ source: 'files', paths: names.map((n) => join(FIXTURES, n)) }, t.ctx)) as MessageLintFacts).messagesJudged;
    expect(await run(['ok-bounce.eml', 'software/dsn-postfix-delivered-captured.eml'])).toBe(0);
    expect(await run(['ok-bounce.eml', 'ok-mdn.eml'])).toBe(1);
    expect(await run(['ok-bounce.eml', 'ok-documents.eml'])).toBe(1);
    expect(await run(['defect-not-mime.eml'])).toBe(1);
  });

  it('skips the sandbox store outside the sandbox, and IMAP without an endpoint or credentials', async () => {
    const cases: [object, object][] = [
      [{ source: 'sandbox-store' }, {}],
      [{ source: 'imap' }, {}],
      [{ source: 'imap' }, { endpoints: { imap: { host: '127.0.0.1', port: 1 } } }],
      [{ source: 'imap' }, { endpoints: { imap: { host: '127.0.0.1', port: 1 } }, mailboxes: [{ address: 'a@op.test', type: 'PER', password: 'env:UNSET_PASSWORD' }] }],
    ];
    for (const [input, profile] of cases) {
      const t = makeTestContext({ asOf: AS_OF, profile });
      const err = await probe.run(input, t.ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProbeError);
      expect((err as ProbeError).outcome).toBe('skip');
    }
  });

  it('an unreachable IMAP endpoint is an error, never a pass', async () => {
    // A port that was just free on 127.0.0.1 (bound on port 0, then closed): the connection is refused.
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    await new Promise((r) => server.close(r));
    const t = makeTestContext({
      asOf: AS_OF,
      env: { BOX_PW: 'correct horse battery' },
      timeouts: { connectMs: 1000, idleMs: 1000, overallMs: 3000 },
      profile: { endpoints: { imap: { host: '127.0.0.1', port, security: 'starttls' } }, mailboxes: [{ address: 'a@op.test', type: 'PER', password: 'env:BOX_PW' }] },
    });
    const err = await probe.run({ source: 'imap', auth: 'password' }, t.ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProbeError);
    expect((err as ProbeError).outcome).toBe('error');
    expect((err as ProbeError).code).toBe('ECONNREFUSED');
    expect(String((err as Error).message)).not.toContain('correct horse');
  });
});
