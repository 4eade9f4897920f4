import { describe, expect, it } from 'vitest';
import { withinLineLimit } from '../../src/probes/smtp/auth.js';
import { SmtpClient } from '../../src/net/smtp-client.js';
import { startSandbox } from '../../src/sandbox/operator.js';

describe('AUTH line length (RFC 4954 §4)', () => {
  it('the client keeps a short initial response on the AUTH line and moves a long one after 334', () => {
    expect(withinLineLimit('AUTH PLAIN AGEAYg==', [])).toEqual({ command: 'AUTH PLAIN AGEAYg==', answers: [] });
    const long = 'A'.repeat(600);
    expect(withinLineLimit(`AUTH XOAUTH2 ${long}`, ['x'])).toEqual({ command: 'AUTH XOAUTH2', answers: [long, 'x'] });
    expect(withinLineLimit('AUTH LOGIN', ['u', 'p'])).toEqual({ command: 'AUTH LOGIN', answers: ['u', 'p'] });
  });

  it('the sandbox submission endpoint refuses an AUTH line over 512 octets, as Dovecot does', async () => {
    const sandbox = await startSandbox();
    const ep = sandbox.target.profile.endpoints.smtpSubmission!;
    const { client } = await SmtpClient.connect({ host: ep.host, port: ep.port, timeouts: { connectMs: 2000, idleMs: 3000, overallMs: 10000 }, label: 'test' });
    try {
      await client.ehlo('t.test');
      await client.starttls({ servername: 'localhost' });
      await client.ehlo('t.test');
      const reply = await client.command(`AUTH XOAUTH2 ${'A'.repeat(600)}`);
      expect(reply.code).toBe(500);
      expect((await client.command('AUTH XOAUTH2')).code).toBe(334);
    } finally {
      await client.quit();
      await sandbox.stop();
    }
  });
});
