import { randomInt } from 'node:crypto';
import { phrase, type Phrase } from '../../i18n/phrase.js';
import { ProbeError, type ProbeContext } from '../types.js';
import { pickClaims } from './claims.js';
import { clientRefusal } from './client-errors.js';
import { verifiedClaims } from './token-signature.js';
import { httpCall } from './http.js';
import { quietClient } from './quiet-client.js';
import { sleep } from './step-sleep.js';
import { CIBA_GRANT, oidcClient, pickIdentity, providerMetadata, type ClientCredentials, type ProviderMetadata, type PscTestIdentity } from './provider-info.js';
import type { PscTestRole } from '../../target/profile.js';
import type { IdTokenJudgement, TokenClaims } from './token-vault.js';
import { idTokenClaimsRefusal, oauthErrorOf, referenceIdTokenJudgement, referenceRefusal, referenceRp } from './reference-rp.js';

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
  /**
   * Default true: a still-valid token this run already obtained for the same identity and request is
   * handed over without asking the person again. `false`: the step needs the observations of a whole
   * flow (outcome, polling, error codes); the run's flow for this identity and request provides them
   * (the one already done, or the one in progress), and a request is sent only when there is none.
   */
  reuse?: boolean;
}

export type CibaOutcome = 'approved' | 'denied' | 'expired' | 'pending-after-expiry' | 'rejected' | 'failed';

export interface CibaFacts {
  [k: string]: unknown;
  outcome: CibaOutcome;
  /** Every error code the provider answered, in order of first appearance. */
  errorCodesSeen: string[];
  /**
   * Whether the provider answered authorization_pending while the request was alive: absent when our
   * polls came too late in the request's life to tell (raw polling path only).
   */
  pendingBeforeExpiry?: boolean;
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
  /** The ID token that came with the access token (vault handle), when the provider sent one. */
  idTokenHandle?: string;
  /**
   * Whether openid-client (the reference relying party) accepted that ID token's claims. Absent when
   * the library never judged that token: nothing then says a certified client accepts it.
   */
  idTokenAccepted?: boolean;
  /** Why openid-client refused that ID token's claims, when it did. */
  idTokenRefusal?: string;
}

export interface FlowOptions {
  /**
   * Raw HTTP even for a person who approves: the token is wanted for a NEGATIVE check and may be one a
   * certified client refuses (the sandbox mints its short-lived identity's tokens already expired).
   */
  raw?: boolean;
}

/** Seconds a reused token must still have to live. */
const REUSE_MARGIN_MS = 15_000;
/** After the request's own expiry, how long msscheck keeps polling before it calls the answer wrong. */
const EXPIRY_GRACE_MS = 2_000;
const DEFAULT_INTERVAL_S = 5;
/** Asks of a request nobody answers, when our polls came too late to judge it (see askPerson). */
const ASKS_WHEN_LATE = 3;

/** What a person playing a role is asked to do with the request. */
function intentOf(role: PscTestRole | undefined): keyof typeof INTENT_MESSAGE {
  return role === 'deny' || role === 'ignore' ? role : 'approve';
}

/** What the test person must do with the request on their phone or card (catalogue ids `ciba-intent-*`). */
const INTENT_MESSAGE = {
  approve: 'ciba-intent-approve',
  deny: 'ciba-intent-deny',
  ignore: 'ciba-intent-ignore',
} as const;

/**
 * The CIBA poll-mode flow end to end (CIBA Core §7, §10, §11): authentication request for a test
 * identity, then token polling honouring `interval` and `slow_down`, until a token, a refusal
 * (`access_denied`), or `expired_token`. The token goes to the vault; facts carry its handle and claims.
 */
export async function runCibaFlow(ctx: ProbeContext, input: CibaInput, how: FlowOptions = {}): Promise<CibaFacts> {
  const identity = pickIdentity(ctx, input);
  const meta = await providerMetadata(ctx);
  const key = flowKey(ctx, meta, identity, input);
  const { vault } = ctx.oidc;

  if (input.reuse !== false) {
    const handle = vault.findReusable(key, Date.now(), REUSE_MARGIN_MS);
    if (handle) {
      return { identity, channel: ctx.target.profile.oidcClient?.channel, endpointSources: meta.sources, outcome: 'approved', errorCodesSeen: [], pollCount: 0, slowDownCount: 0, reused: true, tokenHandle: handle, claims: vault.claims(handle), ...idTokenFacts(ctx, handle) };
    }
  }
  // The same person is being asked the same thing right now (another scenario): share that answer.
  const pending = ctx.oidc.inFlight<CibaFacts>(key);
  if (pending) return shared(ctx, await pending, input);
  const earlier = ctx.oidc.lastFlow<CibaFacts>(key);
  if (input.reuse === false && earlier) return shared(ctx, earlier, input);
  return ctx.oidc.fly(key, () => askPerson(ctx, meta, identity, key, input, how));
}

/** The facts of a flow another step of this run ran, for a step that would have asked the same person the same thing. */
function shared(ctx: ProbeContext, flow: CibaFacts, input: CibaInput): CibaFacts {
  ctx.evidence('json', phrase('ev-ciba-shared'), {
    note: `the person playing ${flow.identity.role ?? `rank ${flow.identity.rank}`} was asked once in this run; this step uses that flow's observations${input.reuse === false ? '' : ' and token'} instead of asking again`,
  });
  return { ...flow, reused: true };
}

/** What identifies one request to one person: the same key means the same question. */
export function flowKey(ctx: ProbeContext, meta: ProviderMetadata, identity: PscTestIdentity, input: CibaInput): string {
  return [meta.issuer, oidcClient(ctx).clientId, identity.nationalId, input.resource ?? '', input.scope ?? 'openid scope_all', input.acrValues ?? 'eidas1'].join('|');
}

/** Sends the CIBA authentication request (a person is asked) and polls for the answer. */
async function askPerson(ctx: ProbeContext, meta: ProviderMetadata, identity: PscTestIdentity, reuseKey: string, input: CibaInput, how: FlowOptions = {}): Promise<CibaFacts> {
  const base = { identity, channel: ctx.target.profile.oidcClient?.channel, endpointSources: meta.sources };

  const bindingMessage = input.bindingMessage ?? `msscheck ${randomInt(1000, 10000)}`;
  // The positive path (a person who approves) goes through the reference relying party.
  if ((input.intent ?? intentOf(identity.role)) === 'approve' && !how.raw) return askPersonViaReferenceRp(ctx, meta, identity, reuseKey, input, bindingMessage);
  // Our own first poll may come too late in a short request's life to tell whether the provider said
  // authorization_pending while the request was alive (a loaded machine: the rest of the run keeps
  // our event loop busy, and the sandbox's unanswered request lives 1 s). The fact is then absent and
  // nothing is judged from it; once our loop is quiet again the person is asked again, up to
  // ASKS_WHEN_LATE times in all, each ask counted in the report. Against a real provider (expires_in
  // in minutes) the first poll always comes in time and nobody is asked twice.
  for (let ask = 1; ; ask++) {
    const facts = await askPersonRaw(ctx, meta, identity, reuseKey, input, bindingMessage, base);
    if (facts.outcome !== 'expired' || facts.pendingBeforeExpiry !== undefined || ask >= ASKS_WHEN_LATE) return facts;
    ctx.evidence('json', phrase('ev-ciba-asked-again'), {
      note: `ask ${ask} of at most ${ASKS_WHEN_LATE}: our first poll was answered after half of the request's life (${facts.expiresIn} s), too late to tell whether the provider said authorization_pending while the request was alive; the person is asked again once our client is no longer busy`,
    });
    await quietClient(ctx.signal);
  }
}

/** One authentication request by raw HTTP and its polling, to the end of the request. */
async function askPersonRaw(ctx: ProbeContext, meta: ProviderMetadata, identity: PscTestIdentity, reuseKey: string, input: CibaInput, bindingMessage: string, base: Pick<CibaFacts, 'identity' | 'channel' | 'endpointSources'>): Promise<CibaFacts> {
  const client = oidcClient(ctx);
  const scope = input.scope ?? 'openid scope_all';
  const authSentAt = Date.now();
  const auth = await httpCall(ctx, {
    method: 'POST',
    url: meta.backchannelEndpoint,
    title: phrase('ev-ciba-request'),
    headers: client.headers,
    tls: client.tls,
    form: { scope, login_hint: identity.nationalId, binding_message: bindingMessage, acr_values: input.acrValues ?? 'eidas1', channel: base.channel, resource: input.resource },
  });
  const authBody = (auth.json ?? {}) as Record<string, unknown>;
  if (auth.status !== 200 || typeof authBody.auth_req_id !== 'string') {
    const code = typeof authBody.error === 'string' ? authBody.error : `http-${auth.status}`;
    if (auth.status >= 500 || typeof authBody.error !== 'string') {
      throw new ProbeError('EHTTP', typeof authBody.error === 'string' ? phrase('pe-ciba-auth-http-error', { status: auth.status, error: authBody.error }) : phrase('pe-ciba-auth-http', { status: auth.status }));
    }
    const ours = clientRefusal(code, 'CIBA authentication request');
    if (ours) throw ours;
    return { ...base, outcome: 'rejected', requestError: code, errorCodesSeen: [code], pollCount: 0, slowDownCount: 0, reused: false };
  }
  const authReqId = authBody.auth_req_id;
  ctx.oidc.countRequest(identity.role ?? `rank ${identity.rank}`);
  ctx.redactor.register(authReqId, 'auth_req_id');
  const expiresIn = typeof authBody.expires_in === 'number' ? authBody.expires_in : undefined;
  if (expiresIn === undefined) throw new ProbeError('EPROTOCOL', phrase('pe-ciba-no-expires'));
  const interval = typeof authBody.interval === 'number' && authBody.interval > 0 ? authBody.interval : DEFAULT_INTERVAL_S;

  const started = Date.now();
  const deadline = started + expiresIn * 1000 + EXPIRY_GRACE_MS;
  let waitS = interval;
  let pollCount = 0;
  let slowDownCount = 0;
  const seen: string[] = [];
  // Whether the provider said authorization_pending while the request was alive (CIBA §11): true once
  // it did; false when another answer came back to a poll early in the request's life; null when our
  // own polls came too late to tell (a loaded machine, a short expires_in; the fact is then absent, so
  // the assertion cannot be judged): our client's limit, not a verdict. "Early" is judged by our clock only: the provider received the request after we sent it
  // (authSentAt) and answered the poll before we read the answer, so an answer read before half the
  // request's life after authSentAt was surely given while the request was alive, even with a
  // provider that counts its life in whole seconds.
  let pendingBeforeExpiry: boolean | null = null;
  const earlyUntil = authSentAt + (expiresIn * 1000) / 2;
  const note = (code: string) => {
    if (!seen.includes(code)) seen.push(code);
  };
  const done = (outcome: CibaOutcome, extra: Partial<CibaFacts> = {}): CibaFacts => {
    const facts: CibaFacts = { ...base, outcome, errorCodesSeen: seen, ...(pendingBeforeExpiry === null ? {} : { pendingBeforeExpiry }), pollCount, slowDownCount, interval, finalInterval: waitS, expiresIn, reused: false, ...extra };
    ctx.oidc.recordFlow(reuseKey, facts);
    return facts;
  };

  for (;;) {
    ctx.oidc.progress({ kind: 'ciba-wait', secondsLeft: (started + expiresIn * 1000 - Date.now()) / 1000, message: phrase(INTENT_MESSAGE[input.intent ?? intentOf(identity.role)], { address: identity.address, code: bindingMessage }) });
    await sleep(nextPollDelayMs(Date.now(), waitS * 1000, pendingBeforeExpiry === null ? undefined : started + expiresIn * 1000), ctx.signal);
    pollCount++;
    // authorization_pending is wrong only in answer to a poll SENT after the request's life (and a
    // grace) had passed: the provider received it after we sent it. A pending answer we read late, to
    // a poll sent in time (our own loop was busy), proves nothing.
    const pollSentAt = Date.now();
    const answer = await httpCall(ctx, {
      method: 'POST',
      url: meta.tokenEndpoint,
      title: phrase('ev-ciba-poll', { poll: String(pollCount) }),
      headers: client.headers,
      tls: client.tls,
      form: { grant_type: CIBA_GRANT, auth_req_id: authReqId },
      record: pollCount <= 3 || pollCount % 10 === 0 ? undefined : false,
    });
    const body = (answer.json ?? {}) as Record<string, unknown>;
    if (pendingBeforeExpiry === null) {
      if (body.error === 'authorization_pending') pendingBeforeExpiry = true;
      else if (Date.now() < earlyUntil) pendingBeforeExpiry = false;
    }
    if (answer.status === 200 && typeof body.access_token === 'string') {
      return done('approved', await keepToken(ctx, meta, client, identity, reuseKey, { ...body, access_token: body.access_token }));
    }
    const error = typeof body.error === 'string' ? body.error : undefined;
    if (!error) throw new ProbeError('EHTTP', phrase('pe-ciba-token-http-no-error', { status: answer.status }));
    const ours = clientRefusal(error, `CIBA token request (poll ${pollCount})`);
    if (ours) throw ours;
    note(error);
    switch (error) {
      case 'authorization_pending':
        if (pollSentAt > deadline) return done('pending-after-expiry');
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

/**
 * How far after its life's end (by our reading) the poll that should see a request expired is sent.
 * The provider started counting no later than our reading, so this only covers clock granularity; a
 * provider that counts in coarser units and still says pending is simply polled again an interval later.
 */
export const EXPIRY_POLL_MARGIN_MS = 20;

/**
 * The pause before the next poll. Normally the interval (CIBA §7.3: never less). When the request's
 * life ends (`expiresAt`, from our reading of the answer that gave it, which is no earlier than the
 * provider's own end) before the poll after next, the next poll is put just after that end instead
 * of up to an interval later: polling later than the interval is always allowed, and the expiry is
 * seen at once. Only once "pending before expiry" is known (`expiresAt` given): the polls that can
 * see the request alive are never moved.
 */
export function nextPollDelayMs(now: number, intervalMs: number, expiresAt?: number): number {
  if (expiresAt === undefined) return intervalMs;
  const atExpiry = expiresAt + EXPIRY_POLL_MARGIN_MS - now;
  return atExpiry > intervalMs && atExpiry < 2 * intervalMs ? atExpiry : intervalMs;
}

export interface TokenAnswer {
  access_token: string;
  id_token?: unknown;
  refresh_token?: unknown;
}

/** The ID token facts of an access token of this run's vault. */
function idTokenFacts(ctx: ProbeContext, accessHandle: string): Pick<CibaFacts, 'idTokenHandle' | 'idTokenAccepted' | 'idTokenRefusal'> {
  const handle = ctx.oidc.vault.idTokenOf(accessHandle);
  const judged = handle ? ctx.oidc.vault.idTokenJudgementOf(accessHandle) : undefined;
  return {
    ...(handle ? { idTokenHandle: handle } : {}),
    ...(judged ? { idTokenAccepted: judged.accepted } : {}),
    ...(judged?.refusal !== undefined ? { idTokenRefusal: judged.refusal } : {}),
  };
}

/**
 * Registers an approval's tokens with the redactor, judges the access token's claims, and keeps it in
 * the run's vault for reuse. `idTokenJudgement`: openid-client's judgement of the ID token when the
 * library received the response; without it (a raw-HTTP flow), openid-client is handed the same
 * response to judge (referenceIdTokenJudgement).
 */
async function keepToken(ctx: ProbeContext, meta: ProviderMetadata, client: ClientCredentials, identity: PscTestIdentity, reuseKey: string, body: TokenAnswer, idTokenJudgement?: IdTokenJudgement): Promise<{ tokenHandle: string; claims: TokenClaims } & ReturnType<typeof idTokenFacts>> {
  const token = body.access_token;
  const { vault } = ctx.oidc;
  ctx.redactor.register(token, 'access token');
  if (typeof body.id_token === 'string') ctx.redactor.register(body.id_token, 'id token');
  if (typeof body.refresh_token === 'string') vault.rememberRefreshToken(reuseKey, body.refresh_token, ctx.redactor);
  const claims = await verifiedClaims(ctx, meta, token, () => introspect(ctx, meta, client, token));
  const tokenHandle = vault.deposit(token, claims, ctx.redactor);
  vault.rememberReusable(reuseKey, tokenHandle);
  // The ID token, by handle: oidc.id-token verifies its signature, then judges its claims.
  if (typeof body.id_token === 'string') {
    const judged = idTokenJudgement ?? (await referenceIdTokenJudgement(ctx, meta, client, body as unknown as Record<string, unknown>));
    vault.depositIdToken(tokenHandle, body.id_token, ctx.redactor, judged);
  }
  ctx.evidence('token-claims', phrase('ev-access-token-claims', { who: identity.address }), claims);
  return { tokenHandle, claims, ...idTokenFacts(ctx, tokenHandle) };
}

/**
 * The CIBA flow of a person who approves, run by openid-client (reference-rp.ts): its
 * `initiateBackchannelAuthentication` and `pollBackchannelAuthenticationGrant` (interval, slow_down
 * and the ID token's validation are the library's), observed through msscheck's transport.
 */
async function askPersonViaReferenceRp(ctx: ProbeContext, meta: ProviderMetadata, identity: PscTestIdentity, reuseKey: string, input: CibaInput, bindingMessage: string): Promise<CibaFacts> {
  const client = oidcClient(ctx);
  const channel = ctx.target.profile.oidcClient?.channel;
  const base = { identity, channel, endpointSources: meta.sources };
  const rp = await referenceRp(ctx, meta, client);
  const params: Record<string, string> = { scope: input.scope ?? 'openid scope_all', login_hint: identity.nationalId, binding_message: bindingMessage, acr_values: input.acrValues ?? 'eidas1' };
  if (channel !== undefined) params.channel = channel;
  if (input.resource !== undefined) params.resource = input.resource;
  let auth: Awaited<ReturnType<typeof rp.lib.initiateBackchannelAuthentication>>;
  try {
    auth = await rp.lib.initiateBackchannelAuthentication(rp.config, params);
  } catch (err) {
    const code = oauthErrorOf(err);
    const ours = clientRefusal(code, 'CIBA authentication request');
    if (ours) throw ours;
    if (code) return { ...base, outcome: 'rejected', requestError: code, errorCodesSeen: [code], pollCount: 0, slowDownCount: 0, reused: false };
    throw referenceRefusal(err, 'CIBA authentication response');
  }
  ctx.oidc.countRequest(identity.role ?? `rank ${identity.rank}`);
  ctx.redactor.register(auth.auth_req_id, 'auth_req_id');
  const expiresIn = auth.expires_in;
  const interval = typeof auth.interval === 'number' && auth.interval > 0 ? auth.interval : DEFAULT_INTERVAL_S;
  const started = Date.now();
  const { polls } = rp;
  const done = (outcome: CibaOutcome, extra: Partial<CibaFacts> = {}): CibaFacts => {
    const facts: CibaFacts = { ...base, outcome, errorCodesSeen: polls.errorCodesSeen, pollCount: polls.pollCount, slowDownCount: polls.slowDownCount, interval, finalInterval: interval + 5 * polls.slowDownCount, expiresIn, reused: false, ...extra };
    ctx.oidc.recordFlow(reuseKey, facts);
    return facts;
  };
  const message = phrase(INTENT_MESSAGE.approve, { address: identity.address, code: bindingMessage });
  const show = () => ctx.oidc.progress({ kind: 'ciba-wait', secondsLeft: (started + expiresIn * 1000 - Date.now()) / 1000, message });
  show();
  const tick = setInterval(show, 1000);
  // Past the request's own expiry (and a grace), a provider still answering authorization_pending is wrong.
  const expiry = AbortSignal.timeout(expiresIn * 1000 + EXPIRY_GRACE_MS);
  try {
    const tokens = await rp.lib.pollBackchannelAuthenticationGrant(rp.config, auth, undefined, { signal: AbortSignal.any([ctx.signal, expiry]) });
    return done('approved', await keepToken(ctx, meta, client, identity, reuseKey, tokens, typeof tokens.id_token === 'string' ? { accepted: true } : undefined));
  } catch (err) {
    if (ctx.signal.aborted) throw new ProbeError('ETIMEDOUT_OVERALL', phrase('pe-ciba-overall-timeout'));
    if (expiry.aborted) return done('pending-after-expiry');
    // openid-client refused the ID token's claims while the provider did grant an access token: the
    // approval stands (the access token is judged as usual), and the refusal becomes a fact that
    // OIDC-ID-TOKEN judges with the ID token itself, instead of an error of every token flow.
    const refusal = idTokenClaimsRefusal(err);
    const granted = rp.granted();
    if (refusal && typeof granted?.access_token === 'string' && typeof granted.id_token === 'string') {
      ctx.evidence('json', phrase('ev-openid-client-refused-id-token'), { refusal, note: 'the access token of the same response is kept and judged; OIDC-ID-TOKEN judges the ID token' });
      return done('approved', await keepToken(ctx, meta, client, identity, reuseKey, { ...granted, access_token: granted.access_token }, { accepted: false, refusal }));
    }
    const code = oauthErrorOf(err);
    const ours = clientRefusal(code, 'CIBA token request');
    if (ours) throw ours;
    if (code) {
      if (!polls.errorCodesSeen.includes(code)) polls.errorCodesSeen.push(code);
      return done(code === 'expired_token' ? 'expired' : code === 'access_denied' ? 'denied' : 'failed');
    }
    throw referenceRefusal(err, 'CIBA token response');
  } finally {
    clearInterval(tick);
  }
}

/**
 * A token for the identity that no other step holds (the caller is about to revoke it). With the
 * refresh token of this run's approval, the provider issues one without asking the person again
 * (RFC 6749 §6); without one, a new CIBA request is sent (and counted).
 */
export async function freshToken(ctx: ProbeContext, input: CibaInput): Promise<CibaFacts> {
  const flow = await runCibaFlow(ctx, { ...input, reuse: true });
  if (flow.outcome !== 'approved') return flow;
  const meta = await providerMetadata(ctx);
  const key = flowKey(ctx, meta, flow.identity, input);
  const got = await redeemRefreshToken(ctx, meta, oidcClient(ctx), key, { scope: input.scope ?? 'openid scope_all' }, phrase('ev-refresh-grant'), phrase('ev-refreshed-token-claims', { who: flow.identity.address }));
  if (!got) return askPerson(ctx, meta, flow.identity, `${key}|fresh`, input);
  return { ...flow, reused: false, ...got };
}

/**
 * Redeems the refresh token of the approval under `key` (RFC 6749 §6), with `params` (scope, an RFC
 * 8707 `resource`...): the issued token (deposited, see issuedToken), the rotated refresh token kept
 * under the same key; undefined when the run holds no refresh token or the provider issues nothing.
 */
export async function redeemRefreshToken(
  ctx: ProbeContext, meta: ProviderMetadata, client: ClientCredentials, key: string, params: Record<string, string>, title: Phrase, claimsTitle: Phrase,
): Promise<{ tokenHandle: string; claims: TokenClaims } | undefined> {
  // One redemption at a time per approval, each with the refresh token the one before it left: several
  // scenarios refresh the same approval at once (a fresh token, another audience), and a provider
  // that rotates refresh tokens may refuse a used one and revoke the grant (RFC 9700 §4.14.2).
  return ctx.oidc.serially(`refresh ${key}`, async () => {
    const refresh = ctx.oidc.vault.refreshToken(key, ctx.redactor);
    if (!refresh) return undefined;
    return issuedToken(ctx, meta, client, { grant_type: 'refresh_token', refresh_token: refresh, ...params }, title, claimsTitle, (next) => ctx.oidc.vault.rememberRefreshToken(key, next, ctx.redactor));
  });
}

/**
 * One token request (`form`) the token endpoint answers without asking anyone (refresh, exchange):
 * the access token it issued, deposited (depositIssuedToken); undefined when it issued none.
 * `keepRefresh` receives a refresh token that came with it.
 */
export async function issuedToken(
  ctx: ProbeContext, meta: ProviderMetadata, client: ClientCredentials, form: Record<string, string>, title: Phrase, claimsTitle: Phrase, keepRefresh?: (token: string) => void,
): Promise<{ tokenHandle: string; claims: TokenClaims } | undefined> {
  const answer = await httpCall(ctx, { method: 'POST', url: meta.tokenEndpoint, title, headers: client.headers, tls: client.tls, form });
  const body = (answer.json ?? {}) as Record<string, unknown>;
  if (answer.status !== 200 || typeof body.access_token !== 'string') return undefined;
  if (typeof body.refresh_token === 'string') keepRefresh?.(body.refresh_token);
  return depositIssuedToken(ctx, meta, client, { ...body, access_token: body.access_token }, claimsTitle);
}

/**
 * A token the token endpoint issued without asking anyone (refresh, exchange): registered with the
 * redactor, its claims verified (signature, else introspection), deposited in the run's vault (not
 * offered for reuse) and shown as evidence under `title`.
 */
export async function depositIssuedToken(ctx: ProbeContext, meta: ProviderMetadata, client: ClientCredentials, body: TokenAnswer, title: string | Phrase): Promise<{ tokenHandle: string; claims: TokenClaims }> {
  const token = body.access_token;
  ctx.redactor.register(token, 'access token');
  if (typeof body.id_token === 'string') ctx.redactor.register(body.id_token, 'id token');
  const claims = await verifiedClaims(ctx, meta, token, () => introspect(ctx, meta, client, token));
  const tokenHandle = ctx.oidc.vault.deposit(token, claims, ctx.redactor);
  ctx.evidence('token-claims', title, claims);
  return { tokenHandle, claims };
}

/** Claims of an opaque token, from the provider's introspection endpoint. */
async function introspect(ctx: ProbeContext, meta: ProviderMetadata, client: ClientCredentials, token: string): Promise<TokenClaims> {
  const answer = await httpCall(ctx, {
    method: 'POST',
    url: meta.introspectionEndpoint,
    title: phrase('ev-introspection'),
    headers: client.headers,
    tls: client.tls,
    form: { token, token_type_hint: 'access_token' },
  });
  return answer.status === 200 && answer.json && typeof answer.json === 'object' ? pickClaims(answer.json as Record<string, unknown>) : {};
}
