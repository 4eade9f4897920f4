import { randomInt } from 'node:crypto';
import { ProbeError, type ProbeContext } from '../types.js';
import { pickClaims, readJwtClaims } from './claims.js';
import { httpCall } from './http.js';
import { reportProgress } from './progress.js';
import { CIBA_GRANT, oidcClient, pickIdentity, providerMetadata, type ClientCredentials, type ProviderMetadata, type PscTestIdentity } from './provider-info.js';
import type { PscTestRole } from '../../target/profile.js';
import { depositToken, findReusable, rememberReusable, tokenClaims, type TokenClaims } from './token-vault.js';

export interface CibaInput {
  /** Role(s) of the PSC test identity (the mailbox's pscTestRole); the first present wins. Default: approve. */
  role?: PscTestRole | PscTestRole[];
  /** Legacy: rank(s) of the PSC test identity among the mailboxes with a nationalId; the first present wins. */
  identity?: number | number[];
  /** Or the address of that mailbox. */
  mailbox?: string;
  /** What the person is asked to do (only changes the countdown message); default from the identity's role. */
  intent?: 'approve' | 'deny' | 'ignore';
  scope?: string;
  acrValues?: string;
  /** RFC 8707 resource (audience) to ask the token for. */
  resource?: string;
  bindingMessage?: string;
  /** Reuse a still-valid token obtained earlier in this process for the same identity and resource. */
  reuse?: boolean;
}

export type CibaOutcome = 'approved' | 'denied' | 'expired' | 'pending-after-expiry' | 'rejected' | 'failed';

export interface CibaFacts {
  [k: string]: unknown;
  outcome: CibaOutcome;
  /** Every error code the provider answered, in order of first appearance. */
  errorCodesSeen: string[];
  /** The error of the authentication request itself, when it was refused. */
  requestError?: string;
  pollCount: number;
  slowDownCount: number;
  interval?: number;
  finalInterval?: number;
  expiresIn?: number;
  identity: PscTestIdentity;
  channel?: string;
  endpointSources: ProviderMetadata['sources'];
  reused: boolean;
  tokenHandle?: string;
  claims?: TokenClaims;
}

/** Seconds a reused token must still have to live. */
const REUSE_MARGIN_MS = 15_000;
/** After the request's own expiry, how long msscheck keeps polling before it calls the answer wrong. */
const EXPIRY_GRACE_MS = 2_000;
const DEFAULT_INTERVAL_S = 5;

/** What a person playing a role is asked to do with the request. */
function intentOf(role: PscTestRole | undefined): keyof typeof INTENT_MESSAGE {
  return role === 'deny' || role === 'ignore' ? role : 'approve';
}

const INTENT_MESSAGE = {
  approve: 'Approve the Pro Santé Connect request',
  deny: 'REFUSE the Pro Santé Connect request',
  ignore: 'Do NOT answer the Pro Santé Connect request',
} as const;

/**
 * The CIBA poll-mode flow end to end (CIBA Core §7, §10, §11): authentication request for a test
 * identity, then token polling honouring `interval` and `slow_down`, until a token, a refusal
 * (`access_denied`), or `expired_token`. The token goes to the vault; facts carry its handle and claims.
 */
export async function runCibaFlow(ctx: ProbeContext, input: CibaInput): Promise<CibaFacts> {
  const identity = pickIdentity(ctx, input);
  const client = oidcClient(ctx);
  const meta = await providerMetadata(ctx);
  const channel = ctx.target.profile.oidcClient?.channel;
  const scope = input.scope ?? 'openid scope_all';
  const reuseKey = [meta.issuer, client.clientId, identity.nationalId, input.resource ?? '', scope, input.acrValues ?? 'eidas1'].join('|');
  const base = { identity, channel, endpointSources: meta.sources };

  if (input.reuse !== false) {
    const handle = findReusable(reuseKey, Date.now(), REUSE_MARGIN_MS);
    if (handle) {
      return { ...base, outcome: 'approved', errorCodesSeen: [], pollCount: 0, slowDownCount: 0, reused: true, tokenHandle: handle, claims: tokenClaims(handle) };
    }
  }

  const bindingMessage = input.bindingMessage ?? `msscheck ${randomInt(1000, 10000)}`;
  const auth = await httpCall(ctx, {
    method: 'POST',
    url: meta.backchannelEndpoint,
    title: 'CIBA authentication request',
    headers: client.headers,
    tls: client.tls,
    form: { scope, login_hint: identity.nationalId, binding_message: bindingMessage, acr_values: input.acrValues ?? 'eidas1', channel, resource: input.resource },
  });
  const authBody = (auth.json ?? {}) as Record<string, unknown>;
  if (auth.status !== 200 || typeof authBody.auth_req_id !== 'string') {
    const code = typeof authBody.error === 'string' ? authBody.error : `http-${auth.status}`;
    if (auth.status >= 500 || typeof authBody.error !== 'string') {
      throw new ProbeError('EHTTP', `CIBA authentication request answered HTTP ${auth.status}${typeof authBody.error === 'string' ? ` ${authBody.error}` : ''}`);
    }
    return { ...base, outcome: 'rejected', requestError: code, errorCodesSeen: [code], pollCount: 0, slowDownCount: 0, reused: false };
  }
  const authReqId = authBody.auth_req_id;
  ctx.redactor.register(authReqId, 'auth_req_id');
  const expiresIn = typeof authBody.expires_in === 'number' ? authBody.expires_in : undefined;
  if (expiresIn === undefined) throw new ProbeError('EPROTOCOL', 'CIBA authentication response has no expires_in (CIBA §7.3)');
  const interval = typeof authBody.interval === 'number' && authBody.interval > 0 ? authBody.interval : DEFAULT_INTERVAL_S;

  const started = Date.now();
  const deadline = started + expiresIn * 1000 + EXPIRY_GRACE_MS;
  let waitS = interval;
  let pollCount = 0;
  let slowDownCount = 0;
  const seen: string[] = [];
  const note = (code: string) => {
    if (!seen.includes(code)) seen.push(code);
  };
  const done = (outcome: CibaOutcome, extra: Partial<CibaFacts> = {}): CibaFacts => ({
    ...base, outcome, errorCodesSeen: seen, pollCount, slowDownCount, interval, finalInterval: waitS, expiresIn, reused: false, ...extra,
  });

  for (;;) {
    reportProgress({ kind: 'ciba-wait', secondsLeft: (started + expiresIn * 1000 - Date.now()) / 1000, message: `${INTENT_MESSAGE[input.intent ?? intentOf(identity.role)]} for ${identity.address} (code ${bindingMessage})` });
    await sleep(waitS * 1000, ctx.signal);
    if (Date.now() > deadline && seen.length > 0 && seen[seen.length - 1] === 'authorization_pending' && pollCount > 0) {
      return done('pending-after-expiry');
    }
    pollCount++;
    const answer = await httpCall(ctx, {
      method: 'POST',
      url: meta.tokenEndpoint,
      title: `CIBA token request (poll ${pollCount})`,
      headers: client.headers,
      tls: client.tls,
      form: { grant_type: CIBA_GRANT, auth_req_id: authReqId },
      record: pollCount <= 3 || pollCount % 10 === 0 ? undefined : false,
    });
    const body = (answer.json ?? {}) as Record<string, unknown>;
    if (answer.status === 200 && typeof body.access_token === 'string') {
      const token = body.access_token;
      ctx.redactor.register(token, 'access token');
      if (typeof body.id_token === 'string') ctx.redactor.register(body.id_token, 'id token');
      if (typeof body.refresh_token === 'string') ctx.redactor.register(body.refresh_token, 'refresh token');
      const claims = readJwtClaims(token) ?? (await introspect(ctx, meta, client, token));
      const tokenHandle = depositToken(token, claims, ctx.redactor);
      rememberReusable(reuseKey, tokenHandle);
      ctx.evidence('token-claims', `access token claims (${identity.address})`, claims);
      return done('approved', { tokenHandle, claims });
    }
    const error = typeof body.error === 'string' ? body.error : undefined;
    if (!error) throw new ProbeError('EHTTP', `CIBA token request answered HTTP ${answer.status} without an OAuth error`);
    note(error);
    switch (error) {
      case 'authorization_pending':
        if (Date.now() > deadline) return done('pending-after-expiry');
        break;
      case 'slow_down':
        slowDownCount++;
        waitS += 5; // CIBA §11 / RFC 8628 §3.5: at least 5 seconds more, for this and later polls
        break;
      case 'expired_token':
        return done('expired');
      case 'access_denied':
        return done('denied');
      default:
        return done('failed');
    }
  }
}

/** Claims of an opaque token, from the provider's introspection endpoint. */
async function introspect(ctx: ProbeContext, meta: ProviderMetadata, client: ClientCredentials, token: string): Promise<TokenClaims> {
  const answer = await httpCall(ctx, {
    method: 'POST',
    url: meta.introspectionEndpoint,
    title: 'token introspection',
    headers: client.headers,
    tls: client.tls,
    form: { token, token_type_hint: 'access_token' },
  });
  return answer.status === 200 && answer.json && typeof answer.json === 'object' ? pickClaims(answer.json as Record<string, unknown>) : {};
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ProbeError('ETIMEDOUT_OVERALL', 'overall timeout while waiting'));
    const onAbort = () => {
      clearTimeout(t);
      reject(new ProbeError('ETIMEDOUT_OVERALL', 'overall timeout while waiting'));
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
