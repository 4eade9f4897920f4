import { httpExchange } from '../net/http-client.js';
import { ProbeError, type Timeouts } from '../probes/types.js';

export interface FetchOptions {
  timeouts: Timeouts;
  signal?: AbortSignal;
  /** Largest body accepted (bytes), below the `revocationBodyBytes` limit. */
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
    ...(options.accept ? { accept: options.accept } : {}),
  });
}

async function exchange(method: 'GET' | 'POST', url: string, body: Buffer | undefined, options: FetchOptions, headers: Record<string, string>): Promise<Buffer> {
  const res = await httpExchange({ method, url, body, headers, timeouts: options.timeouts, signal: options.signal, bodyLimit: 'revocationBodyBytes', maxBytes: options.maxBytes });
  if (res.status < 200 || res.status > 299) throw new ProbeError('EHTTP', `${method} ${url}: HTTP ${res.status}`);
  return res.body;
}
