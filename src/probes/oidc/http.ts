import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ProbeError, networkError, type ProbeContext } from '../types.js';

export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  /** Evidence title; the exchange is recorded (redacted) unless `record` is false. */
  title: string;
  headers?: Record<string, string>;
  form?: Record<string, string | undefined>;
  /** TLS client certificate for mutual TLS (PEM). */
  tls?: { cert?: string; key?: string; ca?: string[] };
  record?: boolean;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON when it is JSON, else undefined. */
  json: unknown;
}

const MAX_BODY = 1024 * 1024;
/** Response fields that are bearer secrets: never kept in evidence, even redacted by pattern. */
const SECRET_FIELDS = new Set(['access_token', 'id_token', 'refresh_token', 'auth_req_id', 'client_secret', 'token']);
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization']);

/**
 * One HTTP request with connect, idle and overall timeouts (the step's), recorded as redacted
 * `http-exchange` evidence. A timeout, refusal or reset throws a ProbeError with a stable code; an
 * HTTP error status is an answer, returned to the caller.
 */
export async function httpCall(ctx: ProbeContext, call: HttpCall): Promise<HttpAnswer> {
  const url = new URL(call.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ProbeError('EINPUT', `not an http(s) URL: ${call.url}`);
  const body = call.form ? new URLSearchParams(Object.entries(call.form).filter((e): e is [string, string] => e[1] !== undefined)).toString() : undefined;
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'msscheck', ...(call.headers ?? {}) };
  if (body !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const answer = await ctx.withEndpointSlot(`${url.hostname}:${port}`, () => send(ctx, url, call, headers, body));
  if (call.record !== false) {
    ctx.evidence('http-exchange', call.title, {
      method: call.method,
      url: url.href,
      status: answer.status,
      requestHeaders: scrubHeaders(headers),
      requestBody: call.form ? scrubObject(Object.fromEntries(Object.entries(call.form).filter(([, v]) => v !== undefined))) : undefined,
      responseHeaders: scrubHeaders(answer.headers),
      body: answer.json !== undefined ? scrubObject(answer.json) : answer.text.slice(0, 4000),
    });
  }
  return answer;
}

function send(ctx: ProbeContext, url: URL, call: HttpCall, headers: Record<string, string>, body: string | undefined): Promise<HttpAnswer> {
  const { connectMs, idleMs, overallMs } = ctx.timeouts;
  return new Promise<HttpAnswer>((resolve, reject) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (err: Error | undefined, value?: HttpAnswer) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      ctx.signal.removeEventListener('abort', onAbort);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(value!);
    };
    const onAbort = () => finish(new ProbeError('ETIMEDOUT_OVERALL', `${call.method} ${url.href}: overall timeout`));
    const lib = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = lib(url, {
      method: call.method,
      headers,
      cert: call.tls?.cert,
      key: call.tls?.key,
      ca: call.tls?.ca,
      agent: false,
    });
    if (ctx.signal.aborted) return onAbort();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    timers.push(setTimeout(() => finish(new ProbeError('ETIMEDOUT_OVERALL', `${call.method} ${url.href}: no answer within ${overallMs} ms`)), overallMs));
    const connectTimer = setTimeout(() => finish(new ProbeError('ETIMEDOUT_CONNECT', `${url.host}: no connection within ${connectMs} ms`)), connectMs);
    timers.push(connectTimer);
    req.on('socket', (socket) => {
      const connected = () => {
        clearTimeout(connectTimer);
        socket.setTimeout(idleMs, () => finish(new ProbeError('ETIMEDOUT_IDLE', `${url.host}: silent for ${idleMs} ms`)));
      };
      if (socket.connecting) socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
      else connected();
    });
    req.on('error', (err) => {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (/^ERR_TLS|CERT|SSL/.test(code) || /certificate|SSL|TLS/i.test(err.message)) finish(new ProbeError('ETLS', `${url.host}: TLS failed (${code || err.message})`));
      else finish(networkError(err, `${call.method} ${url.host}`));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) finish(new ProbeError('EPROTOCOL', `${url.href}: response larger than ${MAX_BODY} bytes`));
        else chunks.push(c);
      });
      res.on('error', (err) => finish(networkError(err, `${call.method} ${url.host}`)));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        if (/json/i.test(String(res.headers['content-type'] ?? ''))) {
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
        }
        finish(undefined, { status: res.statusCode ?? 0, headers: flatHeaders(res.headers), text, json });
      });
    });
    req.end(body);
  });
}

function flatHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function scrubHeaders(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, SECRET_HEADERS.has(k.toLowerCase()) ? '[REDACTED]' : v]));
}

/** Replaces bearer-secret fields by `[REDACTED]` wherever they appear in a JSON value. */
export function scrubObject(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(scrubObject);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, SECRET_FIELDS.has(k) && x !== undefined ? '[REDACTED]' : scrubObject(x)]));
  }
  return v;
}

/** True for http(s) URLs whose host is a loopback address (plain HTTP is tolerated there: the sandbox). */
export function isLoopback(u: string): boolean {
  try {
    const h = new URL(u).hostname.replace(/^\[|\]$/g, '');
    return h === 'localhost' || h === '::1' || /^127\./.test(h);
  } catch {
    return false;
  }
}
