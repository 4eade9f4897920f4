import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ioFirstTimeout } from '../../src/net/io-first-timeout.js';
import { LineConnection } from '../../src/net/line-connection.js';

/**
 * Our own busy event loop is not the server's silence: when a connection and its connect timer are
 * both due (the loop was blocked past the timeout, as on a loaded machine running a whole catalogue),
 * the connection is read first. Blocking the loop here stands for that load, deterministically.
 */
const servers: { close(cb?: () => void): unknown }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});
const blockLoop = (ms: number): void => {
  const until = Date.now() + ms;
  while (Date.now() < until);
};

describe('connect timeouts read the I/O already there first', () => {
  it('LineConnection: a connection made while our loop was blocked past connectMs is kept, not timed out', async () => {
    const server = net.createServer((s) => s.end('220 hello\r\n'));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const opening = LineConnection.open({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, timeouts: { connectMs: 30, idleMs: 2_000, overallMs: 5_000 } });
    blockLoop(300);
    const conn = await opening;
    expect(await conn.readLine()).toBe('220 hello');
    conn.close();
  });

  it('still fires when nothing came, one loop turn late; never after clear()', async () => {
    const fired: string[] = [];
    ioFirstTimeout(20, () => fired.push('silent'));
    const cleared = ioFirstTimeout(20, () => fired.push('cleared'));
    setTimeout(() => cleared.clear(), 5);
    await new Promise((r) => setTimeout(r, 100));
    expect(fired).toEqual(['silent']);
  });
});
