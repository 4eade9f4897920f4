import { describe, expect, it } from 'vitest';
import { clientTlsCapability } from '../../src/net/tls-capability.js';

describe('client TLS capability', () => {
  it('knows which versions our client can offer, once (cached)', async () => {
    const first = clientTlsCapability();
    expect(clientTlsCapability()).toBe(first);
    const cap = await first;
    expect(cap.supported).toEqual(expect.arrayContaining(['TLSv1.2', 'TLSv1.3']));
    // every version is either supported or unsupported with a reason
    expect([...cap.supported, ...cap.unsupported.map((u) => u.version)].sort()).toEqual(['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']);
    for (const u of cap.unsupported) expect(u.reason).not.toBe('');
  });
});
