import { httpExchange } from '../../net/http-client.js';
import type { Phrase } from '../../i18n/phrase.js';
import { ProbeError, type ProbeContext } from '../types.js';
import { phrase } from '../../i18n/phrase.js';

export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  /** Evidence title (a catalogue phrase); the exchange is recorded (redacted) unless `record` is false. */
  title: string | Phrase;
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
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ProbeError('EINPUT', phrase('pe-not-http-url', { url: call.url }));
  const body = call.form ? new URLSearchParams(Object.entries(call.form).filter((e): e is [string, string] => e[1] !== undefined)).toString() : undefined;
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'msscheck', ...(call.headers ?? {}) };
  if (body !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
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

async function send(ctx: ProbeContext, url: URL, call: HttpCall, headers: Record<string, string>, body: string | undefined): Promise<HttpAnswer> {
  const res = await httpExchange({ method: call.method, url, headers, body, tls: call.tls, timeouts: ctx.timeouts, signal: ctx.signal });
  const text = res.body.toString('utf8');
  let json: unknown;
  if (/json/i.test(res.headers['content-type'] ?? '')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, headers: res.headers, text, json };
}

/**
 * A temporary failure (HTTP 429, 502, 503, 504: overloaded, rate-limited, a gateway down) says
 * nothing about conformance: an `error` of the step, never a verdict on the document or endpoint.
 */
export function refuseTemporary(answer: HttpAnswer, what: string): HttpAnswer {
  if ([429, 502, 503, 504].includes(answer.status)) {
    const retry = answer.headers['retry-after'];
    throw new ProbeError('EHTTP', retry ? phrase('pe-http-temporary-retry', { what, status: answer.status, retry }) : phrase('pe-http-temporary', { what, status: answer.status }));
  }
  return answer;
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
