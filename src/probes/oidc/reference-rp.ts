/**
 * The reference relying party: openid-client (a certified OpenID Connect client library) drives the
 * POSITIVE Pro Santé Connect path — the CIBA authentication request, the token polling and token
 * introspection — so that a pass also proves a certified client interoperates with the operator.
 * The negative probes (refusal, expiry, forged tokens) keep raw HTTP (ciba-flow.ts, token-forge.ts):
 * they must send and observe what a library refuses to.
 *
 * Every request openid-client makes goes through msscheck's own transport (`httpCall`: connect, idle
 * and overall timeouts, per-endpoint slots, body caps, redacted evidence), given as its customFetch.
 * The library is configured from the discovery document msscheck read and judged (oidc.discovery), so
 * that a discovery defect fails exactly the discovery scenario, not every CIBA one.
 */
import { phrase } from '../../i18n/phrase.js';
import type * as OidcClient from 'openid-client';
import { ProbeError, type ProbeContext } from '../types.js';
import { httpCall } from './http.js';
import type { ClientCredentials, ProviderMetadata } from './provider-info.js';
import type { IdTokenJudgement } from './token-vault.js';

/** What the reference RP observed on the token endpoint while it polled. */
export interface PollLog {
  pollCount: number;
  slowDownCount: number;
  errorCodesSeen: string[];
}

export interface ReferenceRp {
  lib: typeof OidcClient;
  config: OidcClient.Configuration;
  polls: PollLog;
  /** The last successful (HTTP 200) CIBA token response body the provider sent, as msscheck's transport read it. */
  granted(): Record<string, unknown> | undefined;
}

const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';

/** openid-client configured for this target from the discovery msscheck judged (no transport set yet). */
async function configured(ctx: ProbeContext, meta: ProviderMetadata, client: ClientCredentials): Promise<{ lib: typeof OidcClient; config: OidcClient.Configuration }> {
  const lib = await import('openid-client');
  const secretRef = ctx.target.profile.oidcClient?.clientSecret;
  const secret = secretRef ? ctx.secrets.resolve(secretRef, 'oidc client secret') : undefined;
  const server: OidcClient.ServerMetadata = {
    ...(meta.document ?? {}),
    issuer: meta.issuer,
    token_endpoint: meta.tokenEndpoint,
    backchannel_authentication_endpoint: meta.backchannelEndpoint,
    introspection_endpoint: meta.introspectionEndpoint,
    revocation_endpoint: meta.revocationEndpoint,
  };
  const auth = secret !== undefined ? lib.ClientSecretBasic(secret) : lib.TlsClientAuth();
  const config = new lib.Configuration(server, client.clientId, undefined, auth);
  if (new URL(meta.issuer).protocol === 'http:') lib.allowInsecureRequests(config); // loopback sandbox only: a real PSC is https
  return { lib, config };
}

/** openid-client, configured for this target, speaking through msscheck's transport. */
export async function referenceRp(ctx: ProbeContext, meta: ProviderMetadata, client: ClientCredentials): Promise<ReferenceRp> {
  const { lib, config } = await configured(ctx, meta, client);
  const polls: PollLog = { pollCount: 0, slowDownCount: 0, errorCodesSeen: [] };
  let granted: Record<string, unknown> | undefined;
  config[lib.customFetch] = async (url, options) => {
    const headers = Object.fromEntries(new Headers(options.headers as ConstructorParameters<typeof Headers>[0]).entries());
    delete headers['content-type'];
    delete headers['content-length'];
    const body = options.body === undefined || options.body === null ? undefined : String(options.body);
    const form = body === undefined ? undefined : Object.fromEntries(new URLSearchParams(body));
    const isPoll = form?.grant_type === CIBA_GRANT;
    if (isPoll) polls.pollCount++;
    const answer = await httpCall(ctx, {
      method: (options.method ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET',
      url,
      title: isPoll ? phrase('ev-ciba-poll-openid-client', { poll: String(polls.pollCount) }) : phrase('ev-openid-client-call', { method: options.method ?? 'GET', path: new URL(url).pathname }),
      headers,
      tls: client.tls,
      form,
      record: !isPoll || polls.pollCount <= 3 || polls.pollCount % 10 === 0 ? undefined : false,
    });
    if (isPoll && answer.status === 200 && answer.json && typeof answer.json === 'object') granted = answer.json as Record<string, unknown>;
    if (isPoll) {
      const error = (answer.json as { error?: unknown } | undefined)?.error;
      if (typeof error === 'string') {
        if (!polls.errorCodesSeen.includes(error)) polls.errorCodesSeen.push(error);
        if (error === 'slow_down') polls.slowDownCount++;
      }
    }
    return new Response(answer.text, { status: answer.status, headers: answer.headers });
  };
  return { lib, config, polls, granted: () => granted };
}

/**
 * openid-client's judgement of the ID token in a CIBA token response msscheck received by raw HTTP
 * (a flow that must observe what a library would refuse): the library is handed that exact response
 * as the token endpoint's answer (no request leaves msscheck) and validates it as it would have on
 * receipt. Undefined when the response carries no ID token, or when the library stopped before
 * judging the ID token (a malformed response): then nothing says openid-client accepted it.
 */
export async function referenceIdTokenJudgement(ctx: ProbeContext, meta: ProviderMetadata, client: ClientCredentials, body: Record<string, unknown>): Promise<IdTokenJudgement | undefined> {
  if (typeof body.id_token !== 'string') return undefined;
  const { lib, config } = await configured(ctx, meta, client);
  const answer = JSON.stringify(body);
  const tokenEndpoint = new URL(meta.tokenEndpoint).href;
  // Only the token endpoint answers (with the recorded response); any other request the library made would fail it, unjudged.
  config[lib.customFetch] = async (url) =>
    new URL(url).href === tokenEndpoint ? new Response(answer, { status: 200, headers: { 'content-type': 'application/json' } }) : new Response(null, { status: 404 });
  try {
    await lib.genericGrantRequest(config, CIBA_GRANT, { auth_req_id: 'replayed' });
    return { accepted: true };
  } catch (err) {
    const refusal = idTokenClaimsRefusal(err);
    return refusal === undefined ? undefined : { accepted: false, refusal };
  }
}

/**
 * openid-client's refusal of the ID token's claims (OIDC Core §3.1.3.7: a claim missing, iss, aud or
 * a timestamp wrong), as its message; undefined for any other failure. oauth4webapi validates no
 * other JWT in a token response, and its claim errors carry the claims they judged.
 */
export function idTokenClaimsRefusal(err: unknown): string | undefined {
  for (let e = err as { cause?: unknown; message?: string } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    const cause = e.cause as { claims?: unknown } | undefined;
    if (cause && typeof cause === 'object' && cause.claims && typeof cause.claims === 'object') return e.message;
  }
  return undefined;
}

/** The OAuth error code of a failure openid-client reports for an answer (access_denied, expired_token, ...). */
export function oauthErrorOf(err: unknown): string | undefined {
  const e = err as { error?: unknown; code?: unknown; cause?: { error?: unknown } };
  if (typeof e?.error === 'string') return e.error;
  if (typeof e?.cause?.error === 'string') return e.cause.error;
  // A 401 with WWW-Authenticate (RFC 6749 §5.2 invalid_client): openid-client gives the parsed challenges.
  if (Array.isArray(e?.cause)) {
    for (const c of e.cause as { parameters?: { error?: unknown } }[]) if (typeof c?.parameters?.error === 'string') return c.parameters.error;
  }
  return undefined;
}

/**
 * A failure that is neither an answer of the provider nor a timeout: openid-client refused what the
 * provider sent (a malformed response, an ID token that does not validate). The reference client not
 * interoperating is an error of the exchange, named, never a pass.
 */
export function referenceRefusal(err: unknown, what: string): ProbeError {
  if (err instanceof ProbeError) return err;
  if ((err as { cause?: unknown })?.cause instanceof ProbeError) return (err as { cause: ProbeError }).cause;
  const e = err as { code?: string; message?: string };
  return new ProbeError('EPROTOCOL', phrase('pe-reference-rp-refused', { what, detail: `${e?.code ? `${e.code}: ` : ''}${e?.message ?? String(err)}` }));
}
