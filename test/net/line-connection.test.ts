import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LineConnection } from '../../src/net/line-connection.js';
import { SmtpClient } from '../../src/net/smtp-client.js';
import { authMechanisms, ehloKeywords, readSmtpReply } from '../../src/net/smtp-reply.js';
import { ProbeError, type Transcript } from '../../src/probes/types.js';
import { probeErrorCode } from '../helpers/probe-error.js';

const timeouts = { connectMs: 1_000, idleMs: 300, overallMs: 5_000 };
const servers: net.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function listen(onConnection: (s: net.Socket) => void): Promise<number> {
  const server = net.createServer(onConnection);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

function recorder(): Transcript & { lines: string[] } {
  const lines: string[] = [];
  return { lines, client: (l) => lines.push(`C: ${l}`), server: (l) => lines.push(`S: ${l}`), note: (l) => lines.push(`*: ${l}`) };
}

describe('LineConnection', () => {
  it('reads CRLF lines split across packets and records them in the transcript', async () => {
    const port = await listen((s) => {
      s.write('220 hello\r');
      setTimeout(() => s.write('\n250-one\r\n250 two\r\n'), 20);
    });
    const t = recorder();
    const conn = await LineConnection.open({ host: '127.0.0.1', port, timeouts, transcript: t });
    expect(await conn.readLine()).toBe('220 hello');
    expect(await readSmtpReply(conn)).toEqual({ code: 250, lines: ['one', 'two'] });
    conn.writeLine('QUIT');
    conn.close();
    expect(t.lines).toContain('S: 220 hello');
    expect(t.lines).toContain('C: QUIT');
  });

  it('gives ETIMEDOUT_IDLE when the server accepts TCP and never answers', async () => {
    const port = await listen(() => undefined);
    const conn = await LineConnection.open({ host: '127.0.0.1', port, timeouts });
    expect(await probeErrorCode(conn.readLine())).toBe('ETIMEDOUT_IDLE');
    // once failed, it stays failed with the same code
    expect(await probeErrorCode(conn.readLine())).toBe('ETIMEDOUT_IDLE');
  });

  it('gives ECONNREFUSED on a closed port', async () => {
    const port = await listen(() => undefined);
    await new Promise<void>((r) => servers.pop()!.close(() => r()));
    expect(await probeErrorCode(LineConnection.open({ host: '127.0.0.1', port, timeouts }))).toBe('ECONNREFUSED');
  });

  it('gives ETIMEDOUT_OVERALL when its overall limit expires while the server trickles data', async () => {
    const port = await listen((s) => {
      const t = setInterval(() => s.write('x'), 50);
      s.on('close', () => clearInterval(t));
    });
    const conn = await LineConnection.open({ host: '127.0.0.1', port, timeouts: { connectMs: 1_000, idleMs: 1_000, overallMs: 300 } });
    expect(await probeErrorCode(conn.readLine())).toBe('ETIMEDOUT_OVERALL');
  });

  it('fails at once with the abort reason when the step signal aborts', async () => {
    const port = await listen(() => undefined);
    const controller = new AbortController();
    const conn = await LineConnection.open({ host: '127.0.0.1', port, timeouts: { ...timeouts, idleMs: 5_000 }, signal: controller.signal });
    const read = conn.readLine();
    controller.abort(new ProbeError('ETIMEDOUT_OVERALL', 'step overall'));
    expect(await probeErrorCode(read)).toBe('ETIMEDOUT_OVERALL');
  });

  it('reports a server that closes the connection as ECONNRESET', async () => {
    const port = await listen((s) => s.end());
    const conn = await LineConnection.open({ host: '127.0.0.1', port, timeouts });
    expect(await probeErrorCode(conn.readLine())).toBe('ECONNRESET');
  });
});

describe('SMTP replies', () => {
  const source = (lines: string[]) => ({ readLine: async () => lines.shift() ?? '' });

  it('reads multi-line EHLO replies and their keywords and AUTH mechanisms', async () => {
    const reply = await readSmtpReply(source(['250-mx.test Hello', '250-PIPELINING', '250-AUTH PLAIN xoauth2', '250-AUTH=LOGIN', '250 STARTTLS']));
    expect(reply.code).toBe(250);
    expect(ehloKeywords(reply)).toEqual(['PIPELINING', 'AUTH', 'AUTH=LOGIN', 'STARTTLS']);
    expect(authMechanisms(reply)).toEqual(['PLAIN', 'XOAUTH2', 'LOGIN']);
  });

  it('refuses malformed lines and code changes as EPROTOCOL', async () => {
    expect(await probeErrorCode(readSmtpReply(source(['hello'])))).toBe('EPROTOCOL');
    expect(await probeErrorCode(readSmtpReply(source(['250-a', '251 b'])))).toBe('EPROTOCOL');
  });

  it('SmtpClient reads the banner and answers commands', async () => {
    const port = await listen((s) => {
      s.write('220 test ESMTP\r\n');
      s.on('data', (d) => {
        if (String(d).startsWith('EHLO')) s.write('250-test\r\n250 8BITMIME\r\n');
        if (String(d).startsWith('QUIT')) s.end('221 bye\r\n');
      });
    });
    const { client, banner } = await SmtpClient.connect({ host: '127.0.0.1', port, timeouts });
    expect(banner.code).toBe(220);
    expect(ehloKeywords(await client.ehlo('me.test'))).toEqual(['8BITMIME']);
    await client.quit();
  });
});

describe('transcripts and secrets', () => {
  it('a registered secret sent and echoed back never reaches the transcript, nor do SASL initial responses', async () => {
    const { makeTestContext } = await import('../helpers/probe-context.js');
    const secret = 'Fake-Secret-7f3a9c';
    const t = makeTestContext({ asOf: new Date('2025-01-31T00:00:00Z'), env: { FAKE_SECRET: secret } });
    expect(t.ctx.secrets.resolve('env:FAKE_SECRET', 'password')).toBe(secret);
    const port = await listen((s) => s.on('data', (d) => s.write(`250 you said ${String(d).trim()}\r\n`)));
    const conn = await LineConnection.open({ host: '127.0.0.1', port, timeouts, transcript: t.ctx.transcript('echo') });
    conn.writeLine(`XPASS ${secret}`);
    expect(await conn.readLine()).toContain(secret); // the wire carries it...
    conn.writeLine(`AUTH PLAIN ${Buffer.from(`\0user\0${secret}`).toString('base64')}`);
    await conn.readLine();
    conn.close();
    const text = t.transcriptText();
    expect(text).toContain('C: XPASS [REDACTED]'); // ...the transcript does not
    expect(text).not.toContain(secret);
    expect(text).not.toContain(Buffer.from(`\0user\0${secret}`).toString('base64'));
    expect(text.split('\n').length).toBe(5);
  });
});
