import http from 'node:http';
import https from 'node:https';
import { ProbeError, type Timeouts } from '../probes/types.js';

export interface FetchOptions {
  timeouts: Timeouts;
  signal?: AbortSignal;
  /** Largest body accepted (bytes). */
  maxBytes?: number;
}

export interface PostOptions extends FetchOptions {
  /** Content-Type of the request body, e.g. `application/ocsp-request`. */
  contentType: string;
  /** Accept header, e.g. `application/ocsp-response`. */
  accept?: string;
}

/**
 * GET `url` (http or https) with connect, idle and overall timeouts; the body as bytes. A non-2xx
 * status, a timeout or a refused connection is a ProbeError with a stable code, never a result.
 */
export function httpGet(url: string, options: FetchOptions): Promise<Buffer> {
  return exchange('GET', url, undefined, options, {});
}

/** POST `body` to `url` with the same timeouts and error codes as {@link httpGet}; the response body as bytes. */
export function httpPost(url: string, body: Buffer, options: PostOptions): Promise<Buffer> {
  return exchange('POST', url, body, options, {
    'content-type': options.contentType,
    'content-length': String(body.length),
    ...(options.accept ? { accept: options.accept } : {}),
  });
}

function exchange(method: 'GET' | 'POST', url: string, body: Buffer | undefined, options: FetchOptions, headers: Record<string, string>): Promise<Buffer> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return Promise.reject(new ProbeError('EINPUT', `${url}: not a URL`));
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return Promise.reject(new ProbeError('EINPUT', `${url}: only http and https URLs are fetched`));
  const max = options.maxBytes ?? 20 * 1024 * 1024;
  const { connectMs, idleMs, overallMs } = options.timeouts;
  if (options.signal?.aborted) return Promise.reject(new ProbeError('ETIMEDOUT_OVERALL', `${method} ${url}: interrupted (overall timeout)`));
  return new Promise<Buffer>((resolve, reject) => {
    let settled = false;
    const finish = (err: ProbeError | undefined, result?: Buffer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(overallTimer);
      options.signal?.removeEventListener('abort', onAbort);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(result!);
    };
    const onAbort = (): void => finish(new ProbeError('ETIMEDOUT_OVERALL', `${method} ${url}: interrupted (overall timeout)`));
    const request = u.protocol === 'https:' ? https.request : http.request;
    const req = request(u, { method, headers: { 'user-agent': 'msscheck', ...headers } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 299) {
        res.resume();
        finish(new ProbeError('EHTTP', `${method} ${url}: HTTP ${status}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > max) finish(new ProbeError('EHTTP', `${method} ${url}: body larger than ${max} bytes`));
        else chunks.push(c);
      });
      res.on('end', () => finish(undefined, Buffer.concat(chunks)));
      res.on('error', (e) => finish(new ProbeError('EHTTP', `${method} ${url}: ${e.message}`)));
    });
    const connectTimer = setTimeout(() => finish(new ProbeError('ETIMEDOUT_CONNECT', `${method} ${url}: no connection within ${connectMs} ms`)), connectMs);
    const overallTimer = setTimeout(() => finish(new ProbeError('ETIMEDOUT_OVERALL', `${method} ${url}: not finished within ${overallMs} ms`)), overallMs);
    req.on('socket', (s) => s.once('connect', () => clearTimeout(connectTimer)));
    req.setTimeout(idleMs, () => finish(new ProbeError('ETIMEDOUT_IDLE', `${method} ${url}: no data within ${idleMs} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code === 'ECONNREFUSED' ? 'ECONNREFUSED' : e.code === 'ECONNRESET' ? 'ECONNRESET' : e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' ? 'EHOSTUNREACH' : 'EHTTP';
      finish(new ProbeError(code, `${method} ${url}: ${e.code ?? e.message}`));
    });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.end(body);
  });
}
