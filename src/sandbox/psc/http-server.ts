import { createServer, IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';
import { CIBA_GRANT_TYPE, DISCOVERY_PATH, PSC_ROUTES, WALLET_DISCOVERY_PATH } from './routes.js';

const MAX_BODY = 64 * 1024;

export interface PollPacing {
  intervalMs: number;
  incrementMs: number;
  toleranceMs: number;
}

/**
 * Enforces the CIBA polling interval: a token request for an `auth_req_id` polled sooner than its
 * current interval gets `slow_down`, and that request's interval grows by the increment (CIBA §11,
 * RFC 8628 §3.5). oidc-provider does not do this itself.
 */
export class PollGovernor {
  private readonly last = new Map<string, { at: number; intervalMs: number }>();
  constructor(private readonly pacing: PollPacing, private readonly now: () => number = Date.now) {}

  /** True when the poll may go through; false when it must be answered with slow_down. */
  admit(authReqId: string): boolean {
    const t = this.now();
    const seen = this.last.get(authReqId);
    if (!seen) {
      this.last.set(authReqId, { at: t, intervalMs: this.pacing.intervalMs });
      return true;
    }
    if (t - seen.at < seen.intervalMs - this.pacing.toleranceMs) {
      this.last.set(authReqId, { at: t, intervalMs: seen.intervalMs + this.pacing.incrementMs });
      return false;
    }
    seen.at = t;
    return true;
  }
}

/**
 * Serves the provider under its realm path (a provider whose issuer has a path must be mounted under
 * it), with the discovery document also under PSC's `wallet-openid-configuration` name.
 */
export async function startPscHttpServer(provider: Provider, realmPath: string, host: string, governor: PollGovernor, defects: ReadonlySet<string> = new Set()): Promise<{ server: Server; port: number }> {
  const callback = provider.callback();
  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"server_error"}');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    if (!url.pathname.startsWith(`${realmPath}/`)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not_found"}');
      return;
    }
    let rest = url.pathname.slice(realmPath.length);
    if (rest === WALLET_DISCOVERY_PATH && defects.has('psc-no-wallet-discovery')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not_found"}');
      return;
    }
    if (rest === WALLET_DISCOVERY_PATH) rest = DISCOVERY_PATH;
    const body = await readBody(req);
    if (body === undefined) {
      res.writeHead(413, { 'content-type': 'application/json' });
      res.end('{"error":"invalid_request","error_description":"request body too large"}');
      return;
    }
    if (req.method === 'POST' && rest === PSC_ROUTES.token) {
      const form = new URLSearchParams(body.toString('utf8'));
      const id = form.get('auth_req_id');
      if (form.get('grant_type') === CIBA_GRANT_TYPE && id && !governor.admit(id)) {
        res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ error: 'slow_down', error_description: 'polling too fast: increase the interval by 5 seconds' }));
        return;
      }
    }
    callback(replay(req, body, `${rest}${url.search}`, `${realmPath}${rest}${url.search}`), res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/**
 * A fresh request carrying the already-read body, so that the provider parses it itself (it warns on
 * stdout about pre-parsed bodies otherwise). `originalUrl` tells it the mount path.
 */
function replay(req: IncomingMessage, body: Buffer, url: string, originalUrl: string): IncomingMessage {
  const copy = new IncomingMessage(req.socket) as IncomingMessage & { originalUrl?: string };
  copy.method = req.method;
  copy.url = url;
  copy.originalUrl = originalUrl;
  copy.headers = req.headers;
  copy.rawHeaders = req.rawHeaders;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.complete = true; // else its auto-destroy after the body is read would close the shared socket
  if (body.length) copy.push(body);
  copy.push(null);
  return copy;
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
