/**
 * Runs a declarative HTTP OTP login flow (schemas/otp-flow.schema.json) once: sends each request
 * with its templates filled, extracts values, stops when a status is not the expected one, and
 * says whether the `success` rule holds. The code is asked for lazily (after the earlier steps, as
 * an SMS code only exists once the password step ran), given the server's clock.
 */
import { phrase, type Phrase } from '../../i18n/phrase.js';
import { httpExchange } from '../../net/http-client.js';
import { ProbeError, type ProbeContext } from '../types.js';

export interface OtpFlow {
  totp?: { period?: number; digits?: number; algorithm?: 'SHA1' | 'SHA256' | 'SHA512' };
  serverClock?: { from: 'date-header' | 'json'; step?: string; path?: string };
  steps: {
    id: string;
    request: { method: 'GET' | 'POST' | 'PUT'; url: string; headers?: Record<string, string>; form?: Record<string, string>; json?: Record<string, unknown> };
    extract?: Record<string, { from: 'json' | 'header' | 'cookie' | 'regex'; path?: string; name?: string; pattern?: string }>;
    expectStatus?: number[];
  }[];
  success: { step: string; status?: number[]; json?: { path: string; equals: unknown }; bodyMatches?: string };
}

export interface FlowBindings {
  endpoint: string;
  mailbox: { address: string; login: string };
  /** Resolves `${secret.NAME}` (registered with the redactor). */
  secret(name: string): string;
  /** The code under test, given the server's clock (null when unknown). */
  otp(serverTime: Date | null): Promise<string>;
}

export interface FlowRun {
  accepted: boolean;
  /**
   * The request carrying the code was sent and answered: only then did the server judge the code.
   * A flow that stops before (a 503, a redirect at the password step) judged nothing.
   */
  codeSent: boolean;
  /** Status of the last response, and the step where the flow stopped when it did not reach `success.step`. */
  status: number | null;
  stoppedAt: string | null;
  serverTime: string | null;
}

const dotted = (obj: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);

export async function runOtpFlow(flow: OtpFlow, b: FlowBindings, ctx: ProbeContext, title: Phrase): Promise<FlowRun> {
  const extracted: Record<string, string> = {};
  let serverTime: Date | null = null;
  let code: string | undefined;
  let current = -1;
  let codeStep: number | null = null;
  const fill = async (text: string): Promise<string> => {
    let out = '';
    let last = 0;
    for (const m of text.matchAll(/\$\{([^}]+)\}/g)) {
      out += text.slice(last, m.index);
      last = m.index! + m[0].length;
      const expr = m[1]!.trim();
      if (expr === 'endpoint') out += b.endpoint.replace(/\/$/, '');
      else if (expr === 'mailbox.address') out += b.mailbox.address;
      else if (expr === 'mailbox.login') out += b.mailbox.login;
      else if (expr.startsWith('secret.')) out += b.secret(expr.slice(7));
      else if (expr === 'otp') {
        out += code ??= await b.otp(serverTime);
        codeStep ??= current;
      }
      else if (expr.startsWith('extract.')) {
        const v = extracted[expr.slice(8)];
        if (v === undefined) throw new ProbeError('EINPUT', phrase('pe-otp-extract-before', { template: `\${${expr}}` }));
        out += v;
      } else throw new ProbeError('EINPUT', phrase('pe-otp-unknown-template', { template: `\${${expr}}` }));
    }
    return out + text.slice(last);
  };
  const fillDeep = async (v: unknown): Promise<unknown> => {
    if (typeof v === 'string') return fill(v);
    if (Array.isArray(v)) return Promise.all(v.map(fillDeep));
    if (v && typeof v === 'object') return Object.fromEntries(await Promise.all(Object.entries(v).map(async ([k, x]) => [k, await fillDeep(x)])));
    return v;
  };

  let status: number | null = null;
  for (const [index, step] of flow.steps.entries()) {
    current = index;
    const url = await fill(step.request.url);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.request.headers ?? {})) headers[k] = await fill(v);
    let body: string | undefined;
    if (step.request.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams((await fillDeep(step.request.form)) as Record<string, string>).toString();
    } else if (step.request.json) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(await fillDeep(step.request.json));
    }
    // One bounded exchange: connect/idle/overall timers, body capped (httpBodyBytes), no redirect followed.
    const res = await httpExchange({ method: step.request.method, url, headers, body, timeouts: ctx.timeouts, signal: ctx.signal }).catch((err: unknown) => {
      if (err instanceof ProbeError) throw new ProbeError(err.code, phrase('pe-otp-step-failed', { flow: title, step: step.id, detail: err.phrase ?? err.message }), err.outcome);
      throw err;
    });
    const text = res.body.toString('utf8');
    status = res.status;
    const codeSent = codeStep !== null;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const clock = flow.serverClock ?? { from: 'date-header' };
    const clockStep = clock.step ?? flow.steps[0]!.id;
    if (!serverTime && (clockStep === step.id || (clock.from === 'date-header' && index === 0))) {
      const raw = clock.from === 'json' ? dotted(json, clock.path ?? 'serverTime') : res.headers['date'];
      const t = typeof raw === 'number' ? new Date(raw) : typeof raw === 'string' ? new Date(raw) : null;
      if (t && !Number.isNaN(t.getTime())) serverTime = t;
    }
    for (const [name, rule] of Object.entries(step.extract ?? {})) {
      let v: unknown;
      if (rule.from === 'json') v = dotted(json, rule.path ?? name);
      else if (rule.from === 'header') v = res.headers[(rule.name ?? name).toLowerCase()];
      else if (rule.from === 'cookie') v = new RegExp(`(?:^|[;,]\\s*)${rule.name ?? name}=([^;]*)`).exec(res.headers['set-cookie'] ?? '')?.[1];
      else v = new RegExp(rule.pattern ?? '(.*)').exec(text)?.[1];
      if (v !== undefined && v !== null) {
        extracted[name] = String(v);
        // Extracted values (session ids, CSRF tokens) can authenticate: never shown.
        ctx.redactor.register(extracted[name], `extracted ${name}`);
      }
    }
    ctx.evidence('http-exchange', phrase('ev-otp-step', { flow: title, step: step.id }), {
      method: step.request.method,
      url,
      status,
      // Request values are credentials or codes: only their names are kept.
      requestHeaders: Object.fromEntries(Object.keys(headers).map((h) => [h, '(value not recorded)'])),
      requestFields: Object.keys(step.request.form ?? step.request.json ?? {}),
      responseHeaders: { 'content-type': res.headers['content-type'] ?? '' },
      body: text.slice(0, 2000),
    });
    const expected = step.id === flow.success.step ? undefined : step.expectStatus;
    if (expected && !expected.includes(status)) return { accepted: false, codeSent, status, stoppedAt: step.id, serverTime: serverTime?.toISOString() ?? null };
    if (step.id === flow.success.step) {
      const s = flow.success;
      const ok =
        (!s.status || s.status.includes(status)) &&
        (!s.json || JSON.stringify(dotted(json, s.json.path)) === JSON.stringify(s.json.equals)) &&
        (!s.bodyMatches || new RegExp(s.bodyMatches).test(text));
      return { accepted: ok, codeSent, status, stoppedAt: ok ? null : step.id, serverTime: serverTime?.toISOString() ?? null };
    }
  }
  throw new ProbeError('EINPUT', phrase('pe-otp-success-step', { step: flow.success.step }));
}
