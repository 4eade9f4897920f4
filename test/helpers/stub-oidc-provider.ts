import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeTestContext } from './probe-context.js';

/** What a stub provider answers on one route: an HTTP status and a JSON body. */
export type StubAnswer = readonly [status: number, body: unknown];

/**
 * A minimal OpenID provider on loopback (ephemeral port) for probe tests: discovery under `/realm`
 * naming its CIBA and token endpoints, and the test's own answers for every route it scripts
 * (`/realm/ciba`, `/realm/token`, `/realm/protocol/openid-connect/token/introspect`…); other routes
 * are 404.
 */
export async function startStubOidcProvider(routes: Record<string, (req: IncomingMessage) => StubAnswer>): Promise<{ base: string; issuer: string; close(): Promise<void> }> {
  let base = '';
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const [status, body] =
        req.url === '/realm/.well-known/openid-configuration'
          ? ([200, { issuer: `${base}/realm`, token_endpoint: `${base}/realm/token`, backchannel_authentication_endpoint: `${base}/realm/ciba` }] as const)
          : (routes[req.url ?? '']?.(req) ?? ([404, { error: 'not_found' }] as const));
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, issuer: `${base}/realm`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * A probe context whose target is `issuer`'s provider, with a client whose secret comes from the
 * environment and one PSC test mailbox (`mailbox` adds to it, e.g. its `pscTestRole`).
 */
export function stubProviderContext(issuer: string, asOf: Date, mailbox: Record<string, unknown> = {}): ReturnType<typeof makeTestContext> {
  return makeTestContext({
    asOf,
    timeouts: { overallMs: 15_000 },
    env: { PSC_SECRET: 'stub-client-secret' },
    profile: {
      endpoints: { oidc: { issuer } },
      oidcClient: { clientId: 'c', clientSecret: 'env:PSC_SECRET' },
      mailboxes: [{ address: 'a@op.test', type: 'PER', nationalId: '810000000009', ...mailbox }],
    },
  });
}
