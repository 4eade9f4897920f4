import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { currentLimits, defaultLimits, parseLimitFlags, resolveLimits, withLimits } from '../../src/limits/limits.js';
import { httpExchange } from '../../src/net/http-client.js';
import { LineConnection } from '../../src/net/line-connection.js';
import { LineSplitter, LineTooLong } from '../../src/net/line-splitter.js';
import { readSmtpReply } from '../../src/net/smtp-reply.js';
import { ProbeError } from '../../src/probes/types.js';
import { makeTestContext } from '../helpers/probe-context.js';
import { SecretResolver } from '../../src/target/secrets.js';
import { Redactor } from '../../src/util/redact.js';
import { fileURLToPath } from 'node:url';

const TIMEOUTS = { connectMs: 1000, idleMs: 500, overallMs: 3000 };
const servers: (Server | HttpServer)[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function listen<T extends Server | HttpServer>(s: T): Promise<number> {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

describe('limits are data with defaults a user can raise', () => {
  it('defaults come from limits/default.yaml; flags and profile blocks override them, validated', () => {
    expect(defaultLimits().replyLines).toBe(1000);
    expect(parseLimitFlags(['httpBodyBytes=4M', 'replyLines=5000'])).toEqual({ httpBodyBytes: 4 * 1024 * 1024, replyLines: 5000 });
    expect(resolveLimits({ replyLines: 10 }, { replyLines: 20 }).replyLines).toBe(20);
    expect(() => parseLimitFlags(['nope=1'])).toThrow(/not a limit/);
    expect(() => parseLimitFlags(['lineBytes=10'])).toThrow(/must be >= 512/);
  });
});

describe('the limits in force', () => {
  it('inside withLimits, everything started sees its limits; the defaults nested in other limits are the defaults', async () => {
    const custom = resolveLimits({ replyLines: 50 });
    const later = (): Promise<number> => new Promise((r) => setTimeout(() => r(currentLimits().replyLines), 1));
    expect(await withLimits(custom, later)).toBe(50);
    expect(await withLimits(custom, () => withLimits(resolveLimits(), later))).toBe(defaultLimits().replyLines);
    expect(await withLimits(resolveLimits(), later)).toBe(defaultLimits().replyLines);
    expect(await later()).toBe(defaultLimits().replyLines);
  });
});

describe('line building', () => {
  it('a line sent in many small chunks is joined once; a line past the bound is refused before it is held', () => {
    const s = new LineSplitter(1024);
    const lines: string[] = [];
    for (let i = 0; i < 100; i++) s.push(Buffer.from('ab'), (l) => lines.push(l));
    s.push(Buffer.from('\r\nnext\n'), (l) => lines.push(l));
    expect(lines).toEqual(['ab'.repeat(100), 'next']);
    expect(() => {
      for (let i = 0; i < 100; i++) s.push(Buffer.alloc(100, 0x41), () => undefined);
    }).toThrow(LineTooLong);
  });

  it('an endless multi-line SMTP reply and an endless line are ELIMIT findings, not memory', async () => {
    const port = await listen(
      createServer((sock) => {
        sock.on('error', () => undefined);
        const flood = (): void => {
          while (sock.write('250-X'.padEnd(60, 'x') + '\r\n'));
          sock.once('drain', flood);
        };
        flood();
      }),
    );
    const conn = await withLimits(resolveLimits({ replyLines: 50 }), () => LineConnection.open({ host: '127.0.0.1', port, timeouts: TIMEOUTS }));
    const err = await withLimits(resolveLimits({ replyLines: 50 }), () => readSmtpReply(conn)).catch((e: unknown) => e);
    conn.close();
    expect(err).toBeInstanceOf(ProbeError);
    expect((err as ProbeError).code).toBe('ELIMIT');
    expect((err as ProbeError).message).toMatch(/more than 50 \(limit replyLines\).*--limit replyLines=N/);

    const port2 = await listen(
      createServer((sock) => {
        sock.on('error', () => undefined);
        const flood = (): void => {
          while (sock.write(Buffer.alloc(16384, 0x41)));
          sock.once('drain', flood);
        };
        flood();
      }),
    );
    const conn2 = await LineConnection.open({ host: '127.0.0.1', port: port2, timeouts: TIMEOUTS });
    const err2 = await conn2.readLine().catch((e: unknown) => e);
    expect((err2 as ProbeError).code).toBe('ELIMIT');
    expect((err2 as ProbeError).message).toMatch(/limit lineBytes/);
  });
});

describe('transcripts', () => {
  it('are cut at transcriptBytesPerStep with a marker, and the evidence says how much was dropped', () => {
    const t = withLimits(resolveLimits({ transcriptBytesPerStep: 1024 }), () => makeTestContext({ asOf: new Date('2026-01-01T00:00:00Z') }));
    const tr = withLimits(resolveLimits({ transcriptBytesPerStep: 1024 }), () => t.ctx.transcript('flood'));
    for (let i = 0; i < 1000; i++) tr.server(`* ${i} EXISTS`.padEnd(40, '.'));
    const ev = t.evidence.find((e) => e.kind === 'transcript')!;
    expect(ev.lines!.join('\n').length).toBeLessThan(1400);
    expect(ev.lines!.at(-1)).toMatch(/transcript truncated at 1024 bytes/);
    expect(ev.truncated).toEqual({ limitBytes: 1024, droppedLines: expect.any(Number), droppedBytes: expect.any(Number) });
    expect(ev.truncated!.droppedLines + ev.lines!.length - 1).toBe(1000);
  });
});

describe('HTTP bodies are streamed, counted and aborted past the limit, with idle and total timers', () => {
  it('an endless body is ELIMIT; a declared oversized body is refused before reading; a drip hits the overall timer', async () => {
    const port = await listen(
      createHttpServer((req, res) => {
        if (req.url === '/declared') {
          res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
          res.write('x');
          return;
        }
        if (req.url === '/drip') {
          res.writeHead(200);
          const t = setInterval(() => res.write('.'), 100);
          res.on('close', () => clearInterval(t));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        const flood = (): void => {
          while (res.write(Buffer.alloc(65536, 0x20)));
          res.once('drain', flood);
        };
        flood();
      }),
    );
    const base = `http://127.0.0.1:${port}`;
    const endless = (await httpExchange({ method: 'GET', url: `${base}/endless`, timeouts: TIMEOUTS }).then(() => undefined, (e: unknown) => e)) as ProbeError;
    expect([endless.code, endless.message]).toEqual(['ELIMIT', expect.stringMatching(/more than 1048576 \(limit httpBodyBytes\)/)]);
    const declared = (await httpExchange({ method: 'GET', url: `${base}/declared`, timeouts: TIMEOUTS }).then(() => undefined, (e: unknown) => e)) as ProbeError;
    expect([declared.code, declared.message]).toEqual(['ELIMIT', expect.stringMatching(/Content-Length 52428800/)]);
    const started = Date.now();
    const drip = (await httpExchange({ method: 'GET', url: `${base}/drip`, timeouts: { connectMs: 2000, idleMs: 5000, overallMs: 800 } }).then(() => undefined, (e: unknown) => e)) as ProbeError;
    expect(drip.code).toBe('ETIMEDOUT_OVERALL');
    expect(Date.now() - started).toBeLessThan(4000);
  });
});

describe('secret files', () => {
  it('a file: reference to a device, a directory or an oversized file resolves to nothing (never read forever)', () => {
    const r = new SecretResolver('/', new Redactor(), {});
    expect(r.resolve('file:/dev/zero')).toBeUndefined();
    expect(r.resolveFile('/dev/zero')).toBeUndefined();
    expect(r.resolve('file:/tmp')).toBeUndefined();
    expect(withLimits(resolveLimits({ inputFileBytes: 1024 }), () => r.resolveFile(fileURLToPath(new URL('../../package-lock.json', import.meta.url))))).toBeUndefined();
    expect(r.resolveFile(fileURLToPath(new URL('../../package.json', import.meta.url)))?.length).toBeGreaterThan(100);
  });
});
