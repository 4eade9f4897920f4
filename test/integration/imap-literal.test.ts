import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mailStackAvailability } from '../../src/mailstack/availability.js';
import { startMailStack } from '../../src/mailstack/stack.js';
import { imapAuthenticateProbe } from '../../src/probes/imap/authenticate.js';
import { makeTestContext } from '../helpers/probe-context.js';

/**
 * The real server is the truth: a non-ASCII password sent to Dovecot as an IMAP literal (it
 * announces LITERAL+, so `{n+}`) logs in when it is right and is refused (AUTHENTICATIONFAILED) when
 * it is wrong; never ECLIENT_UNSUPPORTED. The stack's password mailbox gets a non-ASCII password.
 */
const availability = mailStackAvailability();
const PASSWORD = 'pässwörd-€-ü';

describe.skipIf(!availability.ok && process.env.CI !== 'true')('IMAP LOGIN with a non-ASCII password against Dovecot', () => {
  it('the right one is accepted, a wrong one refused by the server', { timeout: 120_000 }, async () => {
    const stack = await startMailStack({ variant: 'plaintext-auth' });
    try {
      const accounts = join(stack.dir, 'dovecot', 'password-accounts');
      const line = readFileSync(accounts, 'utf8');
      const address = line.split(':')[0]!;
      writeFileSync(accounts, line.replace(/\{PLAIN\}[^:]*/, `{PLAIN}${PASSWORD}`));
      const login = async (password: string) => {
        const t = makeTestContext({ target: { ...stack.target, profile: { ...stack.target.profile, mailboxes: [{ address, type: 'PER', password: 'env:MSSCHECK_PW' }] } }, asOf: new Date(), env: { MSSCHECK_PW: password }, timeouts: { idleMs: 10_000, overallMs: 30_000 } });
        const facts = await imapAuthenticateProbe.run({ endpoint: 'imap', mechanism: 'LOGIN', mailbox: address }, t.ctx);
        expect(JSON.stringify(t.evidence)).not.toContain(password);
        return facts;
      };
      expect(await login(PASSWORD)).toMatchObject({ outcome: 'accepted', reply: expect.stringMatching(/^OK/) });
      expect(await login('pässwörd-faux')).toMatchObject({ outcome: 'refused', responseCode: 'AUTHENTICATIONFAILED' });
    } finally {
      await stack.stop();
    }
  });
});
