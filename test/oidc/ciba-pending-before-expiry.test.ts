import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cibaProbe } from '../../src/probes/oidc/ciba.js';
import { startStubOidcProvider, stubProviderContext } from '../helpers/stub-oidc-provider.js';

/**
 * OIDC-CIBA-EXPIRED's "pending before it expires" (CIBA §11) is judged only when our first poll came
 * early in the request's life: a provider that answers expired_token to an early poll is wrong
 * (false); one whose first answer comes after our late first poll cannot be judged, so the person is
 * asked again once our client is quiet, up to three asks; after three late asks the fact is absent
 * (our client's limit, an error, never a verdict). "Pending after expiry" needs a poll SENT after
 * the request's life: a pending answer read late to a poll sent in time is no proof.
 */
const asOf = new Date('2025-06-01T00:00:00Z');
let provider: Awaited<ReturnType<typeof startStubOidcProvider>>;
let base = '';
let ciba: { expires_in: number; interval: number } = { expires_in: 30, interval: 0.05 };
/** When set, the CIBA requests' lives and intervals in turn (the last one stays). */
let cibaInTurn: { expires_in: number; interval: number }[] = [];
let answers: object[] = [];
let cibaRequests = 0;
/** The token endpoint's answer waits this long, blocking this thread (our client's loop is busy meanwhile). */
let blockFirstAnswerMs = 0;

beforeAll(async () => {
  provider = await startStubOidcProvider({
    '/realm/ciba': () => {
      cibaRequests++;
      const life = cibaInTurn.length > 1 ? cibaInTurn.shift()! : (cibaInTurn[0] ?? ciba);
      return [200, { auth_req_id: 'req-123456', ...life }];
    },
    '/realm/token': () => {
      if (blockFirstAnswerMs) {
        const until = Date.now() + blockFirstAnswerMs;
        blockFirstAnswerMs = 0;
        while (Date.now() < until);
      }
      return [400, answers.length > 1 ? answers.shift() : answers[0]];
    },
  });
  base = provider.base;
});
afterAll(() => provider.close());

const PENDING = { error: 'authorization_pending' };
const EXPIRED = { error: 'expired_token' };

async function runCiba(evidence: string[] = [], idleMs?: number) {
  cibaRequests = 0;
  const t = stubProviderContext(`${base}/realm`, asOf, { pscTestRole: 'ignore' });
  if (idleMs) t.ctx.timeouts = { ...t.ctx.timeouts, idleMs };
  try {
    return await cibaProbe.run({ role: 'ignore', intent: 'ignore', reuse: false }, t.ctx);
  } finally {
    evidence.push(...t.evidence.map((e) => e.title));
    cibaInTurn = [];
  }
}

describe('oidc.ciba: pending before expiry', () => {
  it('pending, then expired_token: true', async () => {
    ciba = { expires_in: 30, interval: 0.05 };
    answers = [PENDING, EXPIRED];
    expect(await runCiba()).toMatchObject({ outcome: 'expired', pendingBeforeExpiry: true });
  });

  it('expired_token to a poll sent early in the request\'s life: false (the provider is wrong)', async () => {
    ciba = { expires_in: 30, interval: 0.05 };
    answers = [EXPIRED];
    expect(await runCiba()).toMatchObject({ outcome: 'expired', pendingBeforeExpiry: false });
  });

  it('expired_token to our first poll sent late in the request\'s life, three asks in a row: absent (cannot be judged)', async () => {
    ciba = { expires_in: 1, interval: 0.7 };
    answers = [EXPIRED];
    const titles: string[] = [];
    const facts = await runCiba(titles);
    expect(facts).toMatchObject({ outcome: 'expired' });
    expect(facts).not.toHaveProperty('pendingBeforeExpiry');
    expect(cibaRequests).toBe(3);
    expect(titles.filter((t) => /asked again/.test(t))).toHaveLength(2);
  });

  it('a late first ask, then an early one: the second ask is judged (pending, then expired_token: true)', async () => {
    cibaInTurn = [{ expires_in: 1, interval: 0.7 }, { expires_in: 30, interval: 0.05 }];
    answers = [EXPIRED, PENDING, EXPIRED];
    const titles: string[] = [];
    expect(await runCiba(titles)).toMatchObject({ outcome: 'expired', pendingBeforeExpiry: true });
    expect(cibaRequests).toBe(2);
    expect(titles.filter((t) => /asked again/.test(t))).toHaveLength(1);
  });

  it('a provider that says expired_token early is judged at the second ask: false, not asked a third time', async () => {
    cibaInTurn = [{ expires_in: 1, interval: 0.7 }, { expires_in: 30, interval: 0.05 }];
    answers = [EXPIRED];
    expect(await runCiba()).toMatchObject({ outcome: 'expired', pendingBeforeExpiry: false });
    expect(cibaRequests).toBe(2);
  });
});

describe('oidc.ciba: pending after expiry', () => {
  it('a pending answer read after the request\'s life, to a poll sent in time, is not "pending after expiry": the next poll decides', async () => {
    // Life 0.3 s + msscheck's 2 s grace: the first poll goes at 0.05 s and its answer is read 2.6 s later.
    ciba = { expires_in: 0.3, interval: 0.05 };
    answers = [PENDING, EXPIRED];
    blockFirstAnswerMs = 2_600;
    expect(await runCiba([], 10_000)).toMatchObject({ outcome: 'expired', pendingBeforeExpiry: true, pollCount: 2 });
  });

  it('pending to a poll sent after the request\'s life and the grace: pending-after-expiry', async () => {
    ciba = { expires_in: 0.3, interval: 0.05 };
    answers = [PENDING];
    const facts = await runCiba();
    expect(facts).toMatchObject({ outcome: 'pending-after-expiry', pendingBeforeExpiry: true });
    expect(facts.pollCount).toBeGreaterThan(10);
  });
});
