import { createServer, type AddressInfo } from 'node:net';

/**
 * `count` distinct free TCP ports on `host` (a loopback address), chosen by the kernel (bind port 0, note it, close).
 * Postfix and Dovecot need the numbers in their config files, so they cannot bind port 0 themselves;
 * a port taken in between makes the daemon fail to start, and the caller retries with new ports.
 */
export async function freeLoopbackPorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () =>
      new Promise<import('node:net').Server>((resolve, reject) => {
        const s = createServer();
        s.once('error', reject);
        s.listen(0, host, () => resolve(s));
      }),
    ),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}
