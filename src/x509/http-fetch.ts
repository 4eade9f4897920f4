import http from 'node:http';
import https from 'node:https';
import { ProbeError, type Timeouts } from '../probes/types.js';

export interface FetchOptions {
  timeouts: Timeouts;
  signal?: AbortSignal;
  /** Largest body accepted (bytes). */
  maxBytes?: number;
}

/**
 * GET `url` (http or https) with connect, idle and overall timeouts; the body as bytes. A non-2xx
 * status, a timeout or a refused connection is a ProbeError with a stable code, never a result.
 */
export function httpGet(url: string, options: FetchOptions): Promise<Buffer> {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return Promise.reject(new ProbeError('EINPUT', `${url}: only http and https URLs are fetched`));
  const max = options.maxBytes ?? 20 * 1024 * 1024;
  const { connectMs, idleMs, overallMs } = options.timeouts;
  return new Promise<Buffer>((resolve, reject) => {
    let settled = false;
    const finish = (err: ProbeError | undefined, body?: Buffer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(overallTimer);
      options.signal?.removeEventListener('abort', onAbort);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(body!);
    };
    const onAbort = (): void => finish(new ProbeError('ETIMEDOUT_OVERALL', `GET ${url}: interrupted (overall timeout)`));
    const get = u.protocol === 'https:' ? https.get : http.get;
    const req = get(u, { headers: { 'user-agent': 'msscheck' } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 299) {
        res.resume();
        finish(new ProbeError('EHTTP', `GET ${url}: HTTP ${status}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > max) finish(new ProbeError('EHTTP', `GET ${url}: body larger than ${max} bytes`));
        else chunks.push(c);
      });
      res.on('end', () => finish(undefined, Buffer.concat(chunks)));
      res.on('error', (e) => finish(new ProbeError('EHTTP', `GET ${url}: ${e.message}`)));
    });
    const connectTimer = setTimeout(() => finish(new ProbeError('ETIMEDOUT_CONNECT', `GET ${url}: no connection within ${connectMs} ms`)), connectMs);
    const overallTimer = setTimeout(() => finish(new ProbeError('ETIMEDOUT_OVERALL', `GET ${url}: not finished within ${overallMs} ms`)), overallMs);
    req.on('socket', (s) => s.once('connect', () => clearTimeout(connectTimer)));
    req.setTimeout(idleMs, () => finish(new ProbeError('ETIMEDOUT_IDLE', `GET ${url}: no data within ${idleMs} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code === 'ECONNREFUSED' ? 'ECONNREFUSED' : e.code === 'ECONNRESET' ? 'ECONNRESET' : e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' ? 'EHOSTUNREACH' : 'EHTTP';
      finish(new ProbeError(code, `GET ${url}: ${e.code ?? e.message}`));
    });
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
