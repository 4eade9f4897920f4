import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadReplyMeanings, replyMeanings } from '../../src/probes/outcomes/reply-meanings.js';
import { imapAuthenticateProbe } from '../../src/probes/imap/authenticate.js';
import { smtpAuthenticateProbe } from '../../src/probes/smtp/auth.js';
import { smtpSessionProbe } from '../../src/probes/smtp/session.js';
import { peerSessionProbe } from '../../src/probes/trust/peer-session-probe.js';
import type { TargetProfile } from '../../src/target/profile.js';
import { InputError } from '../../src/util/input-error.js';
import { runInstances } from '../../src/engine/run.js';
import { loadScenarios } from '../../src/scenarios/loader.js';
import { makeTestContext } from '../helpers/probe-context.js';
import { startScriptedServer, type ScriptedConnection } from '../helpers/scripted-server.js';

const asOf = new Date('2026-01-15T00:00:00Z');
const SCENARIOS_DIR = new URL('../../scenarios/', import.meta.url).pathname;
const timeouts = { connectMs: 2_000, idleMs: 2_000, overallMs: 15_000 };
const env = { MSSCHECK_TEST_PASSWORD: 'not-a-real-password' };
const mailboxes: TargetProfile['mailboxes'] = [{ address: 'alice@op.test', type: 'PER', password: 'env:MSSCHECK_TEST_PASSWORD' }];

let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(script: (c: ScriptedConnection) => Promise<void>, implicitTls = false): Promise<{ port: number; connections(): number }> {
  const s = await startScriptedServer(script, { implicitTls });
  servers.push(s);
  return s;
}

const ctxFor = (endpoints: TargetProfile['endpoints']) => makeTestContext({ profile: { endpoints, mailboxes }, asOf, timeouts, env });

/**
 * An SMTP dialogue: greeting, EHLO answered with `ehlo` keywords, QUIT, and each other command to
 * the handler named by its verb (502 when none); a handler returning true ends the session.
 */
function smtpDialogue(host: string, ehlo: string[], on: Record<string, (c: ScriptedConnection, line: string) => Promise<boolean | void> | boolean | void>) {
  return async (c: ScriptedConnection): Promise<void> => {
    c.write(`220 ${host} ESMTP\r\n`);
    for (;;) {
      const line = await c.readLine();
      if (line === null) return;
      const verb = line.split(' ')[0]!.toUpperCase();
      if (verb === 'EHLO') c.write([host, ...ehlo].map((k, i, all) => `250${i === all.length - 1 ? ' ' : '-'}${k}\r\n`).join(''));
      else if (verb === 'QUIT') return c.write('221 bye\r\n');
      else if (!on[verb]) c.write('502 5.5.1 not implemented\r\n');
      else if (await on[verb]!(c, line)) return;
    }
  };
}

/** A submission over implicit TLS that answers AUTH with `answers[connection]` (the last one repeats). */
async function submission(answers: string[]) {
  return serve(
    smtpDialogue('sub.op.test', ['AUTH PLAIN'], {
      AUTH: (c) => {
        const answer = answers[Math.min(c.index, answers.length - 1)]!;
        c.write(`${answer}\r\n`);
        if (answer.startsWith('421')) return (c.end(), true);
      },
    }),
    true,
  );
}

describe('reply meanings are data', () => {
  it('the built-in file loads and gives each answer its RFC meaning', () => {
    const m = replyMeanings();
    expect(m.smtp('smtp-auth', { code: 235, lines: ['2.7.0 ok'] }, false).outcome).toBe('accepted');
    expect(m.smtp('smtp-auth', { code: 454, lines: ['4.7.0 Temporary authentication failure'] }, false)).toMatchObject({ outcome: 'inconclusive', ref: 'RFC 4954 §6' });
    expect(m.smtp('smtp-auth', { code: 535, lines: ['5.7.8 no'] }, false).outcome).toBe('refused');
    expect(m.smtp('smtp-peer', { code: 421, lines: ['4.7.1 mx.op.test Error: No client certificate presented'] }, true)).toMatchObject({ outcome: 'refused', ref: expect.stringContaining('RFC 5321 §3.8') });
    expect(m.smtp('smtp-peer', { code: 450, lines: ['4.7.1 try later'] }, false).outcome).toBe('deferred');
    expect(m.smtp('smtp-auth-before-tls', { code: 250, lines: ['ok?'] }, false).outcome).toBe('inconclusive');
    expect(m.imap({ status: 'NO', text: 'NO [UNAVAILABLE] Temporary authentication failure' })).toMatchObject({ outcome: 'inconclusive', ref: 'RFC 5530 §3' });
    expect(m.imap({ status: 'NO', text: 'NO [AUTHENTICATIONFAILED] Authentication failed.' }).outcome).toBe('refused');
  });

  it('a bad rule is an input error naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'msscheck-replies-'));
    const file = join(dir, 'r.yaml');
    writeFileSync(file, 'retry: { pause: 1s, times: 1 }\nunmatched: { outcome: inconclusive, ref: x, meaning: y }\nexchanges:\n  smtp-auth: [{ code: "2x5", outcome: accepted, ref: r, meaning: m }]\n  smtp-auth-before-tls: []\n  smtp-peer: []\n  imap-auth: []\n');
    expect(() => loadReplyMeanings(file)).toThrow(InputError);
    expect(() => loadReplyMeanings(file)).toThrow(/code/);
  });
});

describe('SMTP AUTH: accepted codes vs everything else by RFC meaning', { timeout: 20_000 }, () => {
  it('454 is never a refusal: retried once after a pause, then an error with the server\'s words', async () => {
    const s = await submission(['454 4.7.0 Temporary authentication failure']);
    const t = ctxFor({ smtpSubmission: { host: '127.0.0.1', port: s.port, security: 'tls' } });
    const err = await smtpAuthenticateProbe.run({ endpoint: 'smtpSubmission', mechanism: 'PLAIN', mailbox: 'alice@op.test' }, t.ctx).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EINCONCLUSIVE', outcome: 'error' });
    expect((err as Error).message).toMatch(/454 4\.7\.0 Temporary authentication failure/);
    expect((err as Error).message).toMatch(/RFC 4954 §6/);
    expect(s.connections()).toBe(2);
  });

  it('a temporary failure then a real refusal: refused, the temporary failure kept as evidence', async () => {
    const s = await submission(['454 4.7.0 Temporary authentication failure', '535 5.7.8 Authentication credentials invalid']);
    const t = ctxFor({ smtpSubmission: { host: '127.0.0.1', port: s.port, security: 'tls' } });
    const facts = await smtpAuthenticateProbe.run({ endpoint: 'smtpSubmission', mechanism: 'PLAIN', mailbox: 'alice@op.test' }, t.ctx);
    expect(facts).toMatchObject({ outcome: 'refused', reply: '535 5.7.8 Authentication credentials invalid', replyMeaning: { ref: 'RFC 4954 §6' }, inconclusiveBefore: ['454 4.7.0 Temporary authentication failure'] });
  });

  it('a connection dropped during AUTH is inconclusive, never a refusal', async () => {
    const s = await serve(smtpDialogue('sub.op.test', ['AUTH PLAIN'], { AUTH: (c) => (c.socket.destroy(), true) }), true);
    const t = ctxFor({ smtpSubmission: { host: '127.0.0.1', port: s.port, security: 'tls' } });
    const err = await smtpAuthenticateProbe.run({ endpoint: 'smtpSubmission', mechanism: 'PLAIN', mailbox: 'alice@op.test' }, t.ctx).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EINCONCLUSIVE', outcome: 'error' });
  });
});

describe('IMAP authentication: NO [UNAVAILABLE] is not a refusal', { timeout: 20_000 }, () => {
  async function imap(answers: string[]) {
    return serve(async (c) => {
      c.write('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready\r\n');
      for (;;) {
        const line = await c.readLine();
        if (line === null) return;
        const [tag, cmd] = line.split(' ');
        if (/^CAPABILITY$/i.test(cmd ?? '')) c.write(`* CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR\r\n${tag} OK done\r\n`);
        else if (/^(AUTHENTICATE|LOGIN)$/i.test(cmd ?? '')) c.write(`${tag} ${answers[Math.min(c.index, answers.length - 1)]}\r\n`);
        else if (/^LOGOUT$/i.test(cmd ?? '')) return c.write(`* BYE\r\n${tag} OK bye\r\n`);
        else c.write(`${tag} BAD what\r\n`);
      }
    }, true);
  }

  it('twice NO [UNAVAILABLE]: error with the server\'s words', async () => {
    const s = await imap(['NO [UNAVAILABLE] Temporary authentication failure. [host:2026]']);
    const t = ctxFor({ imap: { host: '127.0.0.1', port: s.port, security: 'tls' } });
    const err = await imapAuthenticateProbe.run({ endpoint: 'imap', mechanism: 'PLAIN', mailbox: 'alice@op.test' }, t.ctx).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EINCONCLUSIVE', outcome: 'error' });
    expect((err as Error).message).toMatch(/UNAVAILABLE.*RFC 5530/);
  });

  it('NO [AUTHENTICATIONFAILED]: refused', async () => {
    const s = await imap(['NO [AUTHENTICATIONFAILED] Authentication failed.']);
    const t = ctxFor({ imap: { host: '127.0.0.1', port: s.port, security: 'tls' } });
    const facts = await imapAuthenticateProbe.run({ endpoint: 'imap', mechanism: 'PLAIN', mailbox: 'alice@op.test' }, t.ctx);
    expect(facts).toMatchObject({ outcome: 'refused', responseCode: 'AUTHENTICATIONFAILED', inconclusiveBefore: [] });
  });
});

describe('SMTP AUTH before STARTTLS', { timeout: 20_000 }, () => {
  async function mta(authAnswer: string) {
    return serve(
      smtpDialogue('mx.op.test', ['STARTTLS'], {
        AUTH: (c) => void c.write(`${authAnswer}\r\n`),
        STARTTLS: async (c) => {
          c.write('220 go\r\n');
          await c.startTls();
        },
      }),
    );
  }
  const run = async (answer: string) => {
    const s = await mta(answer);
    return smtpSessionProbe.run({ endpoint: 'smtpMta', tryAuthBeforeTls: true }, ctxFor({ smtpMta: { host: '127.0.0.1', port: s.port } }).ctx).catch((e: unknown) => e);
  };

  it('530 is a refusal without SASL exchange; 535 means the credentials were checked in plaintext', async () => {
    expect(await run('530 5.7.0 Must issue a STARTTLS command first')).toMatchObject({ authBeforeTls: { code: 530, outcome: 'refused', ref: expect.stringContaining('RFC 3207') } });
    expect(await run('535 5.7.8 Authentication credentials invalid')).toMatchObject({ authBeforeTls: { code: 535, outcome: 'accepted' } });
  });

  it('a 250 (or a 454) is not in a "refused" list: inconclusive, then an error, never a pass', async () => {
    expect(await run('250 whatever')).toMatchObject({ code: 'EINCONCLUSIVE', outcome: 'error' });
    expect(await run('454 4.7.0 Temporary authentication failure')).toMatchObject({ code: 'EINCONCLUSIVE', outcome: 'error' });
  });
});

describe('MAIL FROM before STARTTLS on the MTA', { timeout: 20_000 }, () => {
  const run = async (answer: string) => {
    const s = await serve(smtpDialogue('mx.op.test', ['STARTTLS'], { MAIL: (c) => void c.write(`${answer}\r\n`), RSET: (c) => void c.write('250 ok\r\n'), STARTTLS: (c) => void c.write('502 5.5.1 not implemented\r\n') }));
    return smtpSessionProbe.run({ endpoint: 'smtpMta', tryMailFromBeforeTls: true }, ctxFor({ smtpMta: { host: '127.0.0.1', port: s.port } }).ctx).catch((e: unknown) => e);
  };

  it('530 is a refusal, 250 an acceptance, a 4xx temporary failure an error (never counted as refused)', async () => {
    expect(await run('530 5.7.0 Must issue a STARTTLS command first')).toMatchObject({ mailFromBeforeTls: { code: 530, outcome: 'refused', ref: 'RFC 3207 §4' } });
    expect(await run('250 2.1.0 Ok')).toMatchObject({ mailFromBeforeTls: { code: 250, outcome: 'accepted' } });
    expect(await run('451 4.3.0 Temporary lookup failure')).toMatchObject({ code: 'EINCONCLUSIVE', outcome: 'error' });
  });
});

describe('STARTTLS answered 454 (TLS not available due to temporary reason, RFC 3207 §4)', { timeout: 20_000 }, () => {
  /** An MTA advertising STARTTLS that answers it with `answers[connection]` (the last one repeats); 220 starts TLS. */
  async function mta(answers: string[]) {
    return serve(
      smtpDialogue('mx.op.test', ['STARTTLS'], {
        STARTTLS: async (c) => {
          const answer = answers[Math.min(c.index, answers.length - 1)]!;
          c.write(`${answer}\r\n`);
          if (answer.startsWith('220')) await c.startTls();
        },
      }),
    );
  }

  it('is inconclusive: retried once, then an error with the server\'s words, and SMTP-STARTTLS-OFFERED is error, never fail', async () => {
    const s = await mta(['454 4.7.0 TLS not available due to temporary reason']);
    const err = await smtpSessionProbe.run({ endpoint: 'smtpMta' }, ctxFor({ smtpMta: { host: '127.0.0.1', port: s.port } }).ctx).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EINCONCLUSIVE', outcome: 'error' });
    expect((err as Error).message).toMatch(/454 4\.7\.0 TLS not available.*RFC 3207 §4/);
    expect(s.connections()).toBe(2);
    const instances = loadScenarios(SCENARIOS_DIR).instances.filter((i) => i.id === 'SMTP-STARTTLS-OFFERED/mta');
    const profile = { profileVersion: 1, operator: { name: 'op', id: '00000000000000' }, domains: ['op.test'], endpoints: { smtpMta: { host: '127.0.0.1', port: s.port } }, mailboxes: [] } as unknown as TargetProfile;
    const [r] = await runInstances(instances, { target: { profile, source: 'test', baseDir: '.' }, asOf, timeouts });
    expect(r).toMatchObject({ id: 'SMTP-STARTTLS-OFFERED/mta', status: 'error' });
    expect(r!.reason).toMatch(/EINCONCLUSIVE|inconclusive/);
  });

  it('a 454 then 220 on the retry: the session goes on; a permanent 5xx is a refusal the scenario judges', async () => {
    const s = await mta(['454 4.7.0 TLS not available due to temporary reason', '220 2.0.0 Ready to start TLS']);
    expect(await smtpSessionProbe.run({ endpoint: 'smtpMta' }, ctxFor({ smtpMta: { host: '127.0.0.1', port: s.port } }).ctx)).toMatchObject({ starttlsCode: 220, starttlsAccepted: true, tlsEstablished: true });
    const refusing = await mta(['502 5.5.1 not implemented']);
    expect(await smtpSessionProbe.run({ endpoint: 'smtpMta' }, ctxFor({ smtpMta: { host: '127.0.0.1', port: refusing.port } }).ctx)).toMatchObject({ starttlsCode: 502, starttlsAccepted: false, tlsEstablished: false });
  });
});

describe('peer operator session (mutual TLS on the MTA)', { timeout: 20_000 }, () => {
  /** An MTA that asks for a client certificate (TLS 1.2) and answers after the handshake with `after`. */
  async function mtaRequiringCert(after: (c: ScriptedConnection) => Promise<void>) {
    return serve(
      smtpDialogue('mx.op.test', ['STARTTLS'], {
        STARTTLS: async (c) => {
          c.write('220 2.0.0 Ready to start TLS\r\n');
          await c.startTls({ requestCert: true, rejectUnauthorized: false, maxVersion: 'TLSv1.2' });
          await after(c);
          return true;
        },
      }),
    );
  }
  const profile = (port: number): TargetProfile['endpoints'] => ({ smtpMta: { host: '127.0.0.1', port } });

  it('421 4.7.1 then close (Postfix smtpd_tls_req_ccert = yes) is a refusal', async () => {
    const s = await mtaRequiringCert(async (c) => {
      await c.readLine();
      c.write('421 4.7.1 mx.op.test Error: No client certificate presented\r\n');
      c.end();
    });
    const facts = await peerSessionProbe.run({ certificate: 'none', deferred: 'not-accepted' }, ctxFor(profile(s.port)).ctx);
    expect(facts).toMatchObject({ outcome: 'refused', accepted: false, refusedAt: 'ehlo', certificateRequested: true, certificateSent: true, replies: { ehlo: 421 } });
    expect(facts.evidence).toMatch(/421 4\.7\.1 .*No client certificate presented.*closed the connection/);
    expect(facts.notAcceptedHow).toMatch(/RFC 5321 §3\.8/);
  });

  it('a reset right after the handshake (our certificate received) is a refusal; a drop mid-transaction is not', async () => {
    const reset = await mtaRequiringCert(async (c) => {
      c.socket.destroy();
    });
    // the server's side of the handshake is over when it resets; ours may or may not have seen its Finished
    const refused = await peerSessionProbe.run({ certificate: 'none', deferred: 'not-accepted' }, ctxFor(profile(reset.port)).ctx);
    expect(refused).toMatchObject({ outcome: 'refused', certificateRequested: true, certificateSent: true });
    expect(['handshake', 'after-tls']).toContain(refused.refusedAt);
    const midway = await mtaRequiringCert(async (c) => {
      await c.readLine();
      c.write('250 mx.op.test\r\n');
      await c.readLine();
      c.socket.destroy();
    });
    const err = await peerSessionProbe.run({ certificate: 'none', deferred: 'not-accepted' }, ctxFor(profile(midway.port)).ctx).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EINCONCLUSIVE', outcome: 'error' });
  });

  it('a 4xx deferral of a peer that must not be accepted is "not accepted", and says how', async () => {
    const s = await mtaRequiringCert(async (c) => {
      await c.readLine();
      c.write('250 mx.op.test\r\n');
      await c.readLine();
      c.write('450 4.7.1 Client certificate not trusted, try again later\r\n');
      await c.readLine();
    });
    const facts = await peerSessionProbe.run({ certificate: 'none', deferred: 'not-accepted' }, ctxFor(profile(s.port)).ctx);
    expect(facts).toMatchObject({ outcome: 'deferred', accepted: false, refusedAt: 'mail' });
    expect(facts.notAcceptedHow).toMatch(/^deferred at mail: "450 4\.7\.1/);
  });

  it('the same deferral of a peer that must be accepted is inconclusive: retried, then an error', async () => {
    const s = await mtaRequiringCert(async (c) => {
      await c.readLine();
      c.write('250 mx.op.test\r\n');
      await c.readLine();
      c.write('451 4.3.0 Temporary lookup failure\r\n');
      await c.readLine();
    });
    const err = await peerSessionProbe.run({ certificate: 'none' }, ctxFor(profile(s.port)).ctx).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EINCONCLUSIVE', outcome: 'error' });
    expect(s.connections()).toBe(2);
  });

  it('a TLS alert before any CertificateRequest is not a refusal of the certificate: error', async () => {
    const s = await serve(
      smtpDialogue('mx.op.test', ['STARTTLS'], {
        STARTTLS: async (c) => {
          c.write('220 2.0.0 Ready to start TLS\r\n');
          await new Promise((r) => c.socket.once('data', r)); // the ClientHello
          c.raw(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])); // fatal handshake_failure
          return (c.end(), true);
        },
      }),
    );
    const err = await peerSessionProbe.run({ certificate: 'none', deferred: 'not-accepted' }, ctxFor(profile(s.port)).ctx).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EINCONCLUSIVE', outcome: 'error' });
    expect((err as Error).message).toMatch(/before any CertificateRequest|could be observed/);
  });
});

describe('means per endpoint: a positive test for a mechanism neither declared nor advertised', { timeout: 20_000 }, () => {
  /** A submission that advertises only XOAUTH2 and counts the AUTH commands it receives. */
  async function xoauth2Only() {
    let auths = 0;
    const s = await serve(
      smtpDialogue('sub.op.test', ['AUTH XOAUTH2'], {
        AUTH: (c) => {
          auths++;
          c.write('535 5.7.8 Authentication credentials invalid\r\n');
        },
      }),
      true,
    );
    return { port: s.port, auths: () => auths };
  }

  it('is not-applicable, and the mechanism is never sent', async () => {
    const s = await xoauth2Only();
    const t = ctxFor({ smtpSubmission: { host: '127.0.0.1', port: s.port, security: 'tls' } });
    const err = await smtpAuthenticateProbe.run({ endpoint: 'smtpSubmission', mechanism: 'PLAIN', mailbox: 'alice@op.test', onlyIfOffered: true }, t.ctx).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NOT_OFFERED', outcome: 'not-applicable' });
    expect(s.auths()).toBe(0);
  });

  it('declared in the profile (endpoints.smtpSubmission.means), it is tried even when not advertised', async () => {
    const s = await xoauth2Only();
    const t = ctxFor({ smtpSubmission: { host: '127.0.0.1', port: s.port, security: 'tls', means: ['password'] } });
    const facts = await smtpAuthenticateProbe.run({ endpoint: 'smtpSubmission', mechanism: 'PLAIN', mailbox: 'alice@op.test', onlyIfOffered: true }, t.ctx);
    expect(facts).toMatchObject({ outcome: 'refused', advertised: false });
    expect(s.auths()).toBe(1);
  });

  it('a scenario that tests exactly an unadvertised mechanism still sends it', async () => {
    const s = await xoauth2Only();
    const t = ctxFor({ smtpSubmission: { host: '127.0.0.1', port: s.port, security: 'tls' } });
    expect(await smtpAuthenticateProbe.run({ endpoint: 'smtpSubmission', mechanism: 'PLAIN', mailbox: 'alice@op.test' }, t.ctx)).toMatchObject({ outcome: 'refused', advertised: false });
  });
});
