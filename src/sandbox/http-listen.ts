import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListeningHttp {
  /** `http://<host>:<port>` (no trailing slash). */
  origin: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts a sandbox HTTP server on an ephemeral loopback port. Idle keep-alive connections are
 * dropped after a second, and `close()` ends the open ones too, so a stopped sandbox holds nothing.
 */
export async function listenLoopbackHttp(server: Server, host: string): Promise<ListeningHttp> {
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
