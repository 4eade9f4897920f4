import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eliminate, type HandshakeOutcome } from '../../src/probes/tls/cipher-capability.js';
import { loadCipherPolicy } from '../../src/probes/tls/cipher-policy.js';
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

describe('suite enumeration by elimination', () => {
  const server = (accepts: string[]) => {
    const offers: string[][] = [];
    return {
      offers,
      handshake: async (suites: string[]): Promise<HandshakeOutcome> => {
        offers.push([...suites]);
        const pick = suites.find((s) => accepts.includes(s));
        return pick ? { openssl: pick, iana: `IANA_${pick}` } : null;
      },
    };
  };
  it('finds every accepted suite in N+1 handshakes and stops at the refusal', async () => {
    const s = server(['B', 'D']);
    const found = await eliminate('TLSv1.2', ['A', 'B', 'C', 'D'], s.handshake);
    expect(found.map((f) => f.openssl)).toEqual(['B', 'D']);
    expect(s.offers).toEqual([['A', 'B', 'C', 'D'], ['A', 'C', 'D'], ['A', 'C']]);
  });
  it('a server choosing a suite we did not offer stops the loop', async () => {
    const found = await eliminate('TLSv1.2', ['A'], async () => ({ openssl: 'Z', iana: 'Z' }));
    expect(found).toEqual([]);
  });
});
