import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deal, eliminate, failureOf, SplitBudget, type HandshakeOutcome } from '../../src/probes/tls/cipher-capability.js';
import { loadCipherPolicy } from '../../src/probes/tls/cipher-policy.js';
import { loadHandshakeFailures } from '../../src/probes/tls/handshake-failures.js';
import { InputError } from '../../src/util/input-error.js';

describe('the default (ANSSI-based) cipher policy', () => {
  const policy = loadCipherPolicy();
  const cases: [string, string][] = [
    ['TLS_AES_128_GCM_SHA256', 'ok'],
    ['TLS_CHACHA20_POLY1305_SHA256', 'ok'],
    ['TLS_AES_128_CCM_8_SHA256', 'weak'],
    ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'ok'],
    ['TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 'ok'],
    ['TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 'ok'],
    ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', 'weak'],
    ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'forbidden'],
    ['TLS_RSA_WITH_AES_128_GCM_SHA256', 'forbidden'],
    ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'forbidden'],
    ['TLS_ECDHE_RSA_WITH_RC4_128_SHA', 'forbidden'],
    ['TLS_RSA_EXPORT_WITH_RC4_40_MD5', 'forbidden'],
    ['TLS_ECDHE_RSA_WITH_NULL_SHA', 'forbidden'],
    ['TLS_DH_anon_WITH_AES_128_GCM_SHA256', 'forbidden'],
    ['TLS_SOMETHING_NEW', 'forbidden'],
  ];
  for (const [suite, verdict] of cases) it(`${suite} is ${verdict}`, () => expect(policy.judgeSuite(suite).verdict).toBe(verdict));
  it('a good suite on a forbidden protocol is forbidden', () => {
    expect(policy.judge('TLSv1.1', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256').verdict).toBe('forbidden');
    expect(policy.judge('TLSv1.2', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256').verdict).toBe('ok');
  });
  it('carries the assumption shown in the report', () => expect(policy.assumption).toMatch(/not public/));
  it('a bad regular expression is an input error naming line and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'msscheck-policy-'));
    const p = join(dir, 'p.yaml');
    writeFileSync(p, 'id: p\ntitle: t\nsource: s\nprotocols: { TLSv1: forbidden, TLSv1.1: forbidden, TLSv1.2: ok, TLSv1.3: ok }\nsuites:\n  - { match: "(", verdict: ok, why: x }\ndefault: forbidden\n');
    try {
      loadCipherPolicy(p);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).problems[0]).toMatchObject({ file: p, line: 6, field: '/suites/0/match' });
    }
  });
});

describe('suite enumeration by elimination, never stopping early', () => {
  const NO_SHARED = { failed: 'refused-by-alert' as const, why: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' };
  /** A server that accepts `accepts`, and aborts any handshake whose offer contains `poison` (it picks it and cannot complete it). */
  const server = (accepts: string[], poison?: string) => {
    const offers: string[][] = [];
    return {
      offers,
      handshake: async (suites: string[]): Promise<HandshakeOutcome> => {
        offers.push([...suites]);
        if (poison && suites.includes(poison)) return { failed: 'aborted', why: 'ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR' };
        const pick = suites.find((s) => accepts.includes(s));
        return pick ? { openssl: pick, iana: `IANA_${pick}` } : NO_SHARED;
      },
    };
  };
  it('finds every accepted suite, then one refusal of the whole remaining group covers each of its suites', async () => {
    const s = server(['B', 'D']);
    const found = await eliminate('TLSv1.2', ['A', 'B', 'C', 'D'], s.handshake);
    expect(found.accepted.map((f) => f.openssl)).toEqual(['B', 'D']);
    expect(found.refused).toEqual([
      { openssl: 'A', why: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', kind: 'refused-by-alert' },
      { openssl: 'C', why: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', kind: 'refused-by-alert' },
    ]);
    // The minimum: one handshake per accepted suite, plus one refusal.
    expect(s.offers).toEqual([['A', 'B', 'C', 'D'], ['A', 'C', 'D'], ['A', 'C']]);
  });
  it('parallel: the same verdicts in a shorter chain of handshakes, within 1.5 times the minimum, each half ending with its own refusal', async () => {
    const suites = Array.from({ length: 40 }, (_, i) => `S${i}`);
    const accepts = ['S0', 'S1', 'S2', 'S3', 'S4', 'S5'];
    const seq = server(accepts);
    const one = await eliminate('TLSv1.2', suites, seq.handshake);
    // Handshakes in flight at once: the halves go side by side.
    let inFlight = 0;
    let most = 0;
    const par = server(accepts);
    const two = await eliminate('TLSv1.2', suites, async (list) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setImmediate(r));
      const r = await par.handshake(list);
      inFlight--;
      return r;
    }, { parallel: true });
    expect(most).toBeGreaterThan(1);
    // The chain of handshakes each waiting for the one before: 7 in sequence, fewer side by side.
    expect(one.inSequence).toBe(accepts.length + 1);
    expect(two.inSequence).toBeLessThan(one.inSequence!);
    expect(two.accepted.map((f) => f.openssl).sort()).toEqual(one.accepted.map((f) => f.openssl).sort());
    expect(two.refused.map((r) => r.openssl).sort()).toEqual(one.refused.map((r) => r.openssl).sort());
    expect(two.refused.every((r) => r.kind === 'refused-by-alert')).toBe(true);
    expect(seq.offers).toHaveLength(accepts.length + 1);
    expect(par.offers.length).toBeGreaterThan(seq.offers.length);
    expect(par.offers.length).toBeLessThanOrEqual(1.5 * (accepts.length + 1));
    // Each refusal covers the suites of its own half only, and the halves together cover the rest.
    const refusals = par.offers.filter((o) => !o.some((x) => accepts.includes(x)));
    expect(refusals.length).toBe(par.offers.length - accepts.length);
    expect(refusals.flat().sort()).toEqual(suites.filter((x) => !accepts.includes(x)).sort());
    expect(inFlight).toBe(0);
  });
  it('parallel: one accepted suite costs one refusal more (1.5 times the minimum of 2), a second split waits for a third accepted suite; an aborted half is split as before', async () => {
    const single = server(['S9']);
    await eliminate('TLSv1.2', Array.from({ length: 20 }, (_, i) => `S${i}`), single.handshake, { parallel: true });
    expect(single.offers).toHaveLength(3);
    const two = server(['S0', 'S1']);
    await eliminate('TLSv1.2', Array.from({ length: 20 }, (_, i) => `S${i}`), two.handshake, { parallel: true });
    expect(two.offers).toHaveLength(4);
    const suites = Array.from({ length: 16 }, (_, i) => `S${i}`);
    const s = server(['S0', 'S1', 'S2', 'S14'], 'S5');
    const found = await eliminate('TLSv1.2', suites, s.handshake, { parallel: true });
    expect(found.accepted.map((f) => f.openssl).sort()).toEqual(['S0', 'S1', 'S14', 'S2']);
    expect(found.refused.find((r) => r.openssl === 'S5')).toMatchObject({ kind: 'aborted' });
    expect(found.refused).toHaveLength(12);
  });
  it('versions sharing one budget: a version splits into more than two parts on the others\' known minimum, a small group not at all, the same verdicts, within 1.5 times the joint minimum', async () => {
    // A Postfix-like endpoint: TLS 1 and 1.1 refused, 6 of 34 suites at TLS 1.2, 3 of 5 at TLS 1.3.
    const v12 = Array.from({ length: 34 }, (_, i) => `S${i}`);
    const v13 = ['T0', 'T1', 'T2', 'T3', 'T4'];
    const refusedVersion = async (): Promise<HandshakeOutcome> => ({ failed: 'version-refused', why: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' });
    const s12 = server(['S5', 'S9', 'S12', 'S20', 'S23', 'S26']);
    const s13 = server(['T2', 'T3', 'T4']);
    const later = (h: (l: string[]) => Promise<HandshakeOutcome>, turns: number) => async (l: string[]) => {
      for (let k = 0; k < turns; k++) await new Promise((r) => setImmediate(r));
      return h(l);
    };
    const budget = new SplitBudget();
    const [e10, e11, e12, e13] = await Promise.all([
      eliminate('TLSv1', v12.slice(0, 11), refusedVersion, { parallel: true, budget }),
      eliminate('TLSv1.1', v12.slice(0, 11), refusedVersion, { parallel: true, budget }),
      eliminate('TLSv1.2', v12, later(s12.handshake, 3), { parallel: true, budget }),
      eliminate('TLSv1.3', v13, later(s13.handshake, 2), { parallel: true, budget }),
    ]);
    expect(e12.accepted.map((a) => a.openssl).sort()).toEqual(['S12', 'S20', 'S23', 'S26', 'S5', 'S9']);
    expect(e13.accepted.map((a) => a.openssl).sort()).toEqual(['T2', 'T3', 'T4']);
    expect(e12.refused).toHaveLength(28);
    expect(e10.refused).toHaveLength(11);
    // TLS 1.3's four remaining suites, too few for parts, go on as one group and leave the budget to
    // TLS 1.2, whose 33 remaining suites go on in four parts after its first acceptance.
    expect(s13.offers.map((o) => o.length)).toEqual([5, 4, 3, 2]);
    expect(s12.offers.slice(1, 5).map((o) => o.length).sort()).toEqual([8, 8, 8, 9]);
    const minimum = 1 + 1 + (6 + 1) + (3 + 1);
    const handshakes = 2 + s12.offers.length + s13.offers.length;
    expect(handshakes).toBeLessThanOrEqual(1.5 * minimum);
    void e11;
    // Alone (its own budget), TLS 1.2 would go on in two halves after its first acceptance.
    const alone = server(['S5', 'S9', 'S12', 'S20', 'S23', 'S26']);
    const e12alone = await eliminate('TLSv1.2', v12, alone.handshake, { parallel: true });
    expect(alone.offers.slice(1, 3).map((o) => o.length).sort()).toEqual([16, 17]);
    expect(e12.inSequence).toBeLessThanOrEqual(e12alone.inSequence!);
  });
  it('a shared budget keeps any endpoint within 1.5 times its minimum, whatever each version accepts and whenever answers come', async () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    let closest = 0;
    for (let trial = 0; trial < 200; trial++) {
      const budget = new SplitBudget();
      const versions = Array.from({ length: 1 + rnd(4) }, (_, v) => {
        const suites = Array.from({ length: 1 + rnd(40) }, (_, i) => `V${v}S${i}`);
        const odds = 1 + rnd(6);
        const accepts = suites.filter(() => rnd(odds) === 0);
        return { suites, accepts, s: server(accepts) };
      });
      const found = await Promise.all(
        versions.map((v) =>
          eliminate('TLSv1.2', v.suites, async (l) => {
            for (let k = rnd(4); k > 0; k--) await new Promise((r) => setImmediate(r));
            return v.s.handshake(l);
          }, { parallel: true, budget }),
        ),
      );
      const minimum = versions.reduce((n, v) => n + v.accepts.length + (v.accepts.length < v.suites.length ? 1 : 0), 0);
      const handshakes = versions.reduce((n, v) => n + v.s.offers.length, 0);
      expect(handshakes).toBeLessThanOrEqual(1.5 * minimum);
      closest = Math.max(closest, handshakes / minimum);
      versions.forEach((v, k) => {
        expect(found[k]!.accepted.map((a) => a.openssl).sort()).toEqual([...v.accepts].sort());
        expect(found[k]!.refused.map((r) => r.openssl).sort()).toEqual(v.suites.filter((x) => !v.accepts.includes(x)).sort());
      });
    }
    // The bound is reached: the budget is spent, not left unused.
    expect(closest).toBeGreaterThan(1.4);
  });
  it('parts are dealt from the suites a server most likely accepts (forward secret, AEAD) first, so that one family spreads over the parts', () => {
    const suites = ['AES128-SHA', 'DHE-RSA-AES128-GCM-SHA256', 'DHE-RSA-AES256-GCM-SHA384', 'DHE-RSA-CHACHA20-POLY1305', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-SHA', 'NULL-SHA'];
    const parts = deal(suites, 3);
    expect(parts).toEqual([
      ['DHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'NULL-SHA'],
      ['DHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES128-SHA'],
      ['DHE-RSA-CHACHA20-POLY1305', 'AES128-SHA'],
    ]);
    expect(parts.flat().sort()).toEqual([...suites].sort());
  });
  it('a suite after an aborted handshake is still tried (an uncompletable suite listed first): the group is split', async () => {
    const s = server(['C'], 'A');
    const found = await eliminate('TLSv1.2', ['A', 'B', 'C'], s.handshake);
    expect(found.accepted.map((f) => f.openssl)).toEqual(['C']);
    expect(found.refused).toEqual([
      { openssl: 'A', why: 'ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR', kind: 'aborted' },
      { openssl: 'B', why: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', kind: 'refused-by-alert' },
    ]);
    expect(s.offers).toEqual([['A', 'B', 'C'], ['A', 'B'], ['A'], ['B'], ['C']]);
  });
  it('a forbidden suite hidden behind an uncompletable one in a large group is found in a few more handshakes, not one per suite', async () => {
    const suites = Array.from({ length: 32 }, (_, i) => `S${i}`);
    const s = server(['S7', 'S30'], 'S3');
    const found = await eliminate('TLSv1.2', suites, s.handshake);
    expect(found.accepted.map((f) => f.openssl).sort()).toEqual(['S30', 'S7']);
    expect(found.refused.find((r) => r.openssl === 'S3')).toMatchObject({ kind: 'aborted' });
    expect(found.refused).toHaveLength(30);
    expect(s.offers.length).toBeLessThanOrEqual(2 * Math.log2(32) + 3);
  });
  it('a reset is tried again; a suite reset twice is inconclusive, never refused', async () => {
    const offers: string[][] = [];
    const found = await eliminate('TLSv1.2', ['A', 'B'], async (suites) => {
      offers.push([...suites]);
      if (suites.includes('A')) return { failed: 'inconclusive', why: 'ECONNRESET' };
      return NO_SHARED;
    });
    expect(found.inconclusive).toEqual([{ openssl: 'A', why: 'ECONNRESET' }]);
    expect(found.refused.map((r) => r.openssl)).toEqual(['B']);
    expect(offers).toEqual([['A', 'B'], ['A', 'B'], ['A'], ['A'], ['B']]);
  });
  it('the first offer of a version closed without an alert, twice, is left to the caller (no split, no per-suite offers)', async () => {
    let n = 0;
    const found = await eliminate('TLSv1', ['A', 'B', 'C'], async () => (n++, { failed: 'closed', why: 'closed without an alert' }));
    expect(n).toBe(2);
    expect(found.closedAtFirstOffer).toBe('closed without an alert');
    expect([...found.refused, ...found.inconclusive, ...found.accepted]).toEqual([]);
  });
  it('a server that closes instead of alerting (Dovecot): after the accepted suites, each remaining one is offered alone, and its close is its refusal', async () => {
    const offers: string[][] = [];
    const found = await eliminate('TLSv1.2', ['A', 'B', 'C', 'D'], async (suites) => {
      offers.push([...suites]);
      const pick = suites.find((x) => x === 'B' || x === 'D');
      return pick ? { openssl: pick, iana: `IANA_${pick}` } : { failed: 'closed', why: 'closed without an alert' };
    });
    expect(found.accepted.map((f) => f.openssl)).toEqual(['B', 'D']);
    expect(found.refused).toEqual([
      { openssl: 'A', why: 'closed without an alert', kind: 'closed' },
      { openssl: 'C', why: 'closed without an alert', kind: 'closed' },
    ]);
    expect(offers).toEqual([['A', 'B', 'C', 'D'], ['A', 'C', 'D'], ['A', 'C'], ['A'], ['C']]);
  });
  it('a reset once, then an answer: the answer counts', async () => {
    let n = 0;
    const found = await eliminate('TLSv1.2', ['A', 'B'], async (suites) => (n++ === 0 ? { failed: 'inconclusive', why: 'closed' } : suites.includes('B') ? { openssl: 'B', iana: 'IANA_B' } : NO_SHARED));
    expect(found.accepted.map((f) => f.openssl)).toEqual(['B']);
    expect(found.refused.map((r) => r.openssl)).toEqual(['A']);
    expect(found.inconclusive).toEqual([]);
  });
  it('a refused protocol version refuses every suite in one handshake', async () => {
    let n = 0;
    const found = await eliminate('TLSv1', ['A', 'B', 'C'], async () => (n++, { failed: 'version-refused', why: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' }));
    expect(n).toBe(1);
    expect(found.refused.map((r) => r.kind)).toEqual(['version-refused', 'version-refused', 'version-refused']);
  });
  it('a suite our client cannot offer is never counted as refused', async () => {
    const found = await eliminate('TLSv1.2', ['A', 'B'], async (suites) => (suites.includes('B') ? { failed: 'client-cannot-offer', why: 'ERR_SSL_NO_CIPHERS_AVAILABLE' } : NO_SHARED));
    expect(found.clientCannotOffer.map((c) => c.openssl)).toEqual(['B']);
    expect(found.refused.map((r) => r.openssl)).toEqual(['A']);
  });
  it('a server choosing a suite we did not offer: nothing accepted, nothing refused by the server', async () => {
    const found = await eliminate('TLSv1.2', ['A'], async () => ({ openssl: 'Z', iana: 'Z' }));
    expect(found.accepted).toEqual([]);
    expect(found.refused[0]).toMatchObject({ openssl: 'A', kind: 'aborted' });
  });
  it('the classification is data (protocol/tls-handshake-failures.yaml); a bad pattern there is an input error naming line and field', () => {
    expect(loadHandshakeFailures()('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE')).toBe('refused-by-alert');
    const dir = mkdtempSync(join(tmpdir(), 'msscheck-tls-failures-'));
    const p = join(dir, 'f.yaml');
    writeFileSync(p, 'rules:\n  - { match: "(", kind: closed, ref: r, meaning: m }\notherwise: { kind: aborted, ref: r, meaning: m }\n');
    try {
      loadHandshakeFailures(p);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).problems[0]).toMatchObject({ file: p, line: 2, field: '/rules/0/match' });
    }
  });
  it('OpenSSL errors are classified by what they say about the offer', () => {
    expect(failureOf('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION').failed).toBe('version-refused');
    expect(failureOf('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE').failed).toBe('refused-by-alert');
    expect(failureOf('ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR').failed).toBe('aborted');
    expect(failureOf('ERR_SSL_TLSV1_ALERT_INSUFFICIENT_SECURITY').failed).toBe('refused-by-alert');
    expect(failureOf('ERR_SSL_SSLV3_ALERT_ILLEGAL_PARAMETER').failed).toBe('aborted');
    expect(failureOf('ERR_SSL_NOT_SUITABLE_GENERATOR').failed).toBe('aborted');
    expect(failureOf('ECONNRESET').failed).toBe('inconclusive');
    // A lost connection (kernel timeout, unreachable host or network, an error without code) is no refusal either.
    for (const lost of ['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'error']) expect(failureOf(lost).failed, lost).toBe('inconclusive');
    expect(failureOf('closed').failed).toBe('closed');
    expect(failureOf('ERR_SSL_NO_CIPHERS_AVAILABLE').failed).toBe('client-cannot-offer');
  });
});
