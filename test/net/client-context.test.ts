import { describe, expect, it } from 'vitest';
import { clientContext } from '../../src/net/client-context.js';
import { pkiItem } from '../../src/pki/fixtures.js';

describe('shared client TLS contexts', () => {
  it('one context per offer and client identity; another identity or offer gets its own; an unusable key throws as tls.connect would', () => {
    const a = pkiItem('serv-ssl-peer');
    const b = pkiItem('serv-ssl-expired');
    const offer = { minVersion: 'TLSv1.2' as const, maxVersion: 'TLSv1.3' as const };
    const withA = clientContext({ ...offer, cert: a.chain, key: a.key });
    expect(withA).toBeDefined();
    expect(clientContext({ ...offer, cert: a.chain, key: a.key })).toBe(withA);
    expect(clientContext({ ...offer, cert: b.chain, key: b.key })).not.toBe(withA);
    expect(clientContext({ ...offer, maxVersion: 'TLSv1.2', cert: a.chain, key: a.key })).not.toBe(withA);
    expect(clientContext(offer)).not.toBe(withA);
    expect(clientContext(offer)).toBe(clientContext({ ...offer }));
    expect(() => clientContext({ ...offer, cert: a.chain, key: b.key })).toThrow();
  });
});
