/**
 * The one HTTP client of msscheck's probes (OIDC, OTP login flows, CRL/OCSP fetches): a single
 * request, never a redirect followed, with connect, idle and overall timers and a body that is
 * streamed, counted and aborted past its limit. Failures are ProbeErrors with stable codes; an
 * HTTP status (even 5xx) is an answer, returned to the caller.
 */
import { phrase } from '../i18n/phrase.js';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { ProbeError, networkError, type Timeouts } from '../probes/types.js';
import { currentLimits, limitExceeded, type LimitName } from '../limits/limits.js';
import { interruptedError, timeoutError } from './errors.js';
import { ioFirstTimeout } from './io-first-timeout.js';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string | URL;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** TLS client certificate and extra trust anchors (PEM). Server certificates are verified. */
  tls?: { cert?: string; key?: string; ca?: string[] };
  timeouts: Timeouts;
  signal?: AbortSignal;
  /** Which limit bounds the body (default `httpBodyBytes`). */
  bodyLimit?: LimitName;
  /** An explicit byte cap, below the limit (e.g. a caller's own smaller bound). */
  maxBytes?: number;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: Buffer;
}

export function httpExchange(req: HttpRequest): Promise<HttpResponse> {
  let url: URL;
  try {
    url = typeof req.url === 'string' ? new URL(req.url) : req.url;
  } catch {
    return Promise.reject(new ProbeError('EINPUT', phrase('pe-not-url', { url: String(req.url) })));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new ProbeError('EINPUT', phrase('pe-http-only', { url: url.href })));
  const what = `${req.method} ${url.href}`;
  const limitName = req.bodyLimit ?? 'httpBodyBytes';
  const max = Math.min(req.maxBytes ?? Infinity, currentLimits()[limitName]);
  const { connectMs, idleMs, overallMs } = req.timeouts;
  if (req.signal?.aborted) return Promise.reject(interruptedError(what));
  const headers: Record<string, string> = { 'user-agent': 'msscheck', ...(req.headers ?? {}) };
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));

  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (err: ProbeError | undefined, value?: HttpResponse): void => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      connectTimer.clear();
      req.signal?.removeEventListener('abort', onAbort);
      if (err) {
        request.destroy();
        reject(err);
      } else resolve(value!);
    };
    const onAbort = (): void => finish(interruptedError(what));
    const lib = url.protocol === 'https:' ? https.request : http.request;
    const request = lib(url, {
      method: req.method,
      headers,
      agent: false,
      ...(req.tls?.cert ? { cert: req.tls.cert, key: req.tls.key } : {}),
      ...(req.tls?.ca ? { ca: req.tls.ca } : {}),
    });
    req.signal?.addEventListener('abort', onAbort, { once: true });
    timers.push(setTimeout(() => finish(timeoutError('overall', what, overallMs)), overallMs));
    // Our own busy loop is not the server's silence: the connection's event, if already there, is read first.
    const connectTimer = ioFirstTimeout(connectMs, () => finish(timeoutError('connect', url.host, connectMs)));
    request.on('socket', (socket) => {
      const connected = (): void => {
        connectTimer.clear();
        // Idle: reset by every byte; a server that drips is bounded by the overall timer.
        socket.setTimeout(idleMs, () => finish(timeoutError('idle', what, idleMs)));
      };
      if (socket.connecting) socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
      else connected();
    });
    request.on('error', (err: NodeJS.ErrnoException) => finish(requestError(err, what, url)));
    request.on('response', (res) => {
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > max) {
        finish(limitExceeded(limitName, phrase('limit-what-body', { what }), `Content-Length ${declared}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > max) finish(limitExceeded(limitName, phrase('limit-what-body', { what }), `${size}+ bytes received (HTTP ${res.statusCode})`));
        else chunks.push(c);
      });
      res.on('error', (err: NodeJS.ErrnoException) => finish(requestError(err, what, url)));
      res.on('close', () => {
        if (!res.complete) finish(new ProbeError('ECONNRESET', phrase('net-closed-in-body', { what })));
      });
      res.on('end', () => finish(undefined, { status: res.statusCode ?? 0, headers: flatHeaders(res.headers), body: Buffer.concat(chunks) }));
    });
    request.end(req.body);
  });
}

function requestError(err: NodeJS.ErrnoException, what: string, url: URL): ProbeError {
  const code = err.code ?? '';
  if (code.startsWith('HPE_')) return new ProbeError('EPROTOCOL', phrase('pe-http-invalid', { what, code }));
  if (/^ERR_TLS|CERT|SSL|^ERR_SSL/.test(code) || /certificate|SSL|TLS/i.test(err.message)) return new ProbeError('ETLS', phrase('pe-tls-failed', { what: url.host, code: code || err.message }));
  const mapped = networkError(err, what);
  return mapped.code === 'EINTERNAL' ? new ProbeError('EHTTP', `${what}: ${code || err.message}`) : mapped;
}

function flatHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
