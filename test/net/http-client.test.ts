import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpExchange } from '../../src/net/http-client.js';

// The one HTTP client's timeouts are the shared timeoutError()/interruptedError(): stable codes and
// the same catalogue messages as every other connection (net-timeout-*, net-interrupted).
describe('httpExchange timeouts and interruption', () => {
  const sockets: Socket[] = [];
  let mute = '';
  let drip = '';
  const servers = [
    createServer((s) => void sockets.push(s.on('error', () => undefined))), // accepts, never answers
    createServer((s) => {
      sockets.push(s.on('error', () => undefined));
      s.write('HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n');
      const t = setInterval(() => s.write('x'), 50); // a byte at a time: never idle, never done
      s.on('close', () => clearInterval(t));
    }),
  ];
  beforeAll(async () => {
    for (const s of servers) await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    mute = `http://127.0.0.1:${(servers[0]!.address() as AddressInfo).port}/x`;
    drip = `http://127.0.0.1:${(servers[1]!.address() as AddressInfo).port}/x`;
  });
  afterAll(() => {
    for (const s of sockets) s.destroy();
    for (const s of servers) s.close();
  });

  it('a server that never answers is ETIMEDOUT_IDLE (net-timeout-idle)', async () => {
    await expect(httpExchange({ method: 'GET', url: mute, timeouts: { connectMs: 2000, idleMs: 200, overallMs: 5000 } })).rejects.toMatchObject({ code: 'ETIMEDOUT_IDLE', phrase: { id: 'net-timeout-idle' }, message: `GET ${mute}: no answer within 200 ms` });
  });

  it('a server that drips is ETIMEDOUT_OVERALL (net-timeout-overall)', async () => {
    await expect(httpExchange({ method: 'GET', url: drip, timeouts: { connectMs: 2000, idleMs: 1000, overallMs: 300 } })).rejects.toMatchObject({ code: 'ETIMEDOUT_OVERALL', phrase: { id: 'net-timeout-overall' }, message: `GET ${drip}: not finished within 300 ms` });
  });

  it('the run\'s signal, before or during the exchange, is ETIMEDOUT_OVERALL (net-interrupted)', async () => {
    const timeouts = { connectMs: 2000, idleMs: 5000, overallMs: 5000 };
    await expect(httpExchange({ method: 'GET', url: mute, timeouts, signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ETIMEDOUT_OVERALL', phrase: { id: 'net-interrupted' } });
    await expect(httpExchange({ method: 'GET', url: mute, timeouts, signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ code: 'ETIMEDOUT_OVERALL', phrase: { id: 'net-interrupted' }, message: `GET ${mute}: interrupted (overall timeout)` });
  });
});
