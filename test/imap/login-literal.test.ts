import { afterEach, describe, expect, it } from 'vitest';
import { imapAuthenticateProbe } from '../../src/probes/imap/authenticate.js';
import type { TargetProfile } from '../../src/target/profile.js';
import { makeTestContext } from '../helpers/probe-context.js';
import { startScriptedServer, type ScriptedConnection } from '../helpers/scripted-server.js';

/**
 * A password that is not printable ASCII travels as an IMAP literal (RFC 3501 §4.3, RFC 9051 §4.3:
 * its UTF-8 octets), so that "refused" means the server refused it: `{n}` then the server's `+`, or
 * `{n+}` at once when the server announces LITERAL+ (RFC 7888). Never ECLIENT_UNSUPPORTED.
 */
const PASSWORD = 'mot-de-passe-é€ü';
const timeouts = { connectMs: 2_000, idleMs: 2_000, overallMs: 15_000 };
const mailboxes: TargetProfile['mailboxes'] = [{ address: 'alice@op.test', type: 'PER', password: 'env:MSSCHECK_TEST_PASSWORD' }];

let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** An IMAP server over implicit TLS that checks LOGIN's literal and answers OK when the octets are the password. */
async function imap(capabilities: string, seen: string[]) {
  const s = await startScriptedServer(async (c: ScriptedConnection) => {
    c.write(`* OK [CAPABILITY IMAP4rev1 ${capabilities}] ready\r\n`);
    for (;;) {
      const line = await c.readLine();
      if (line === null) return;
      seen.push(line);
      const [tag, cmd] = line.split(' ');
      if (/^CAPABILITY$/i.test(cmd ?? '')) c.write(`* CAPABILITY IMAP4rev1 ${capabilities}\r\n${tag} OK done\r\n`);
      else if (/^LOGIN$/i.test(cmd ?? '')) {
        const m = /\{(\d+)(\+?)\}$/.exec(line);
        if (!m) {
          c.write(`${tag} NO [AUTHENTICATIONFAILED] no literal\r\n`);
          continue;
        }
        if (!m[2]) c.write('+ Ready for literal data\r\n');
        const literal = await c.readLine(); // the literal's octets, then the command's final CRLF
        const octets = Buffer.from(literal ?? '', 'latin1');
        seen.push(`literal ${octets.length} octets`);
        const ok = octets.length === Number(m[1]) && octets.toString('utf8') === PASSWORD;
        c.write(ok ? `${tag} OK [CAPABILITY IMAP4rev1] Logged in\r\n` : `${tag} NO [AUTHENTICATIONFAILED] Authentication failed.\r\n`);
      } else if (/^LOGOUT$/i.test(cmd ?? '')) return c.write(`* BYE\r\n${tag} OK bye\r\n`);
      else c.write(`${tag} BAD what\r\n`);
    }
  }, { implicitTls: true });
  servers.push(s);
  return s;
}

const login = async (port: number, password = PASSWORD) => {
  const t = makeTestContext({ profile: { endpoints: { imap: { host: '127.0.0.1', port, security: 'tls' } }, mailboxes }, asOf: new Date('2026-01-15T00:00:00Z'), timeouts, env: { MSSCHECK_TEST_PASSWORD: password } });
  return { facts: await imapAuthenticateProbe.run({ endpoint: 'imap', mechanism: 'LOGIN', mailbox: 'alice@op.test' }, t.ctx).catch((e: unknown) => e), t };
};

describe('IMAP LOGIN with a non-ASCII password', { timeout: 20_000 }, () => {
  it('without LITERAL+: a synchronizing literal ({n}, then the server\'s +) carries the UTF-8 octets; the server accepts', async () => {
    const seen: string[] = [];
    const s = await imap('AUTH=PLAIN', seen);
    const { facts, t } = await login(s.port);
    expect(facts).toMatchObject({ outcome: 'accepted' });
    const n = Buffer.byteLength(PASSWORD, 'utf8');
    expect(seen).toContain(`A2 LOGIN "alice@op.test" {${n}}`);
    expect(seen).toContain(`literal ${n} octets`);
    // The password never reaches the transcript or the evidence.
    expect(t.transcriptText()).toContain("LOGIN");
    expect(JSON.stringify(t.evidence)).not.toContain(PASSWORD);
  });

  it('a password too short for the redactor (3 characters) never reaches the transcript: masked at capture', async () => {
    const s = await imap('AUTH=PLAIN', []);
    const { facts, t } = await login(s.port, 'äöü');
    expect(facts).toMatchObject({ outcome: 'refused' });
    expect(t.transcriptText()).toContain('[REDACTED]');
    expect(t.transcriptText()).not.toContain('äöü');
    expect(JSON.stringify(t.evidence)).not.toContain('äöü');
  });

  it('with LITERAL+: a non-synchronizing literal ({n+}) goes at once', async () => {
    const seen: string[] = [];
    const s = await imap('AUTH=PLAIN LITERAL+', seen);
    expect((await login(s.port)).facts).toMatchObject({ outcome: 'accepted' });
    expect(seen).toContain(`A2 LOGIN "alice@op.test" {${Buffer.byteLength(PASSWORD, 'utf8')}+}`);
  });

  it('a wrong non-ASCII password is refused by the server (not ECLIENT_UNSUPPORTED)', async () => {
    const s = await imap('AUTH=PLAIN', []);
    expect((await login(s.port, 'autre-mot-dé-passe')).facts).toMatchObject({ outcome: 'refused', responseCode: 'AUTHENTICATIONFAILED' });
  });
});
