/**
 * `oidc.error-response`: requests the provider must refuse, and the shape of its refusal.
 *  - `unknown-user`: a CIBA authentication request whose login_hint names nobody (CIBA Core §13:
 *    `unknown_user_id`);
 *  - `invalid-grant`: a CIBA token request with an auth_req_id the provider never issued
 *    (RFC 6749 §5.2: `invalid_grant`, JSON);
 *  - `invalid-client`: a token request with a wrong client secret, or without credentials when the
 *    client authenticates by certificate (RFC 6749 §5.2: `invalid_client`, 401 + WWW-Authenticate
 *    when the client used the Authorization header);
 *  - `inactive-token`: introspection of a token the provider never issued (RFC 7662 §2.2:
 *    `{"active": false}`, nothing else).
 * The probe reports what came back; the scenario judges it.
 */
import { phrase } from '../../i18n/phrase.js';
import { randomBytes, randomInt } from 'node:crypto';
import { ProbeError, type Facts, type Probe } from '../types.js';
import { httpCall, type HttpAnswer } from './http.js';
import { CIBA_GRANT, oidcClient, providerMetadata } from './provider-info.js';
import { errorResponseFacts } from './facts-schemas.js';

export type ErrorCase = 'unknown-user' | 'invalid-grant' | 'invalid-client' | 'inactive-token';

export interface ErrorResponseInput {
  case: ErrorCase;
  /** login_hint for `unknown-user`: a national-identifier-shaped value nobody holds (default: random 8999…). */
  loginHint?: string;
}

export interface ErrorResponseFacts extends Facts {
  case: ErrorCase;
  status: number;
  /** The body is a JSON object. */
  json: boolean;
  contentType: string | null;
  error: string | null;
  wwwAuthenticate: boolean;
  /** The request carried client credentials in the Authorization header. */
  usedAuthorizationHeader: boolean;
  /** For introspection: the `active` member, null when absent. */
  active: boolean | null;
  /** For introspection of an inactive token: members other than `active`. */
  extraMembers: string[];
}

function factsOf(c: ErrorCase, a: HttpAnswer, usedAuthorizationHeader: boolean): ErrorResponseFacts {
  const body = a.json && typeof a.json === 'object' && !Array.isArray(a.json) ? (a.json as Record<string, unknown>) : undefined;
  return {
    case: c,
    status: a.status,
    json: body !== undefined,
    contentType: a.headers['content-type'] ?? null,
    error: typeof body?.error === 'string' ? body.error : null,
    wwwAuthenticate: typeof a.headers['www-authenticate'] === 'string' && a.headers['www-authenticate'] !== '',
    usedAuthorizationHeader,
    active: typeof body?.active === 'boolean' ? body.active : null,
    extraMembers: body ? Object.keys(body).filter((k) => k !== 'active') : [],
  };
}

export const errorResponseProbe: Probe<ErrorResponseInput, ErrorResponseFacts> = {
  name: 'oidc.error-response',
  facts: errorResponseFacts,
  summary: 'A request the provider must refuse (unknown login_hint, unknown auth_req_id, wrong client secret, inactive token) and the refusal it sends',
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['case'],
    properties: { case: { enum: ['unknown-user', 'invalid-grant', 'invalid-client', 'inactive-token'] }, loginHint: { type: 'string', minLength: 1 } },
  },
  async run(input, ctx) {
    const client = oidcClient(ctx);
    const meta = await providerMetadata(ctx);
    const usesHeader = client.headers.authorization !== undefined;
    switch (input.case) {
      case 'unknown-user': {
        const loginHint = input.loginHint ?? `8999${randomInt(10_000_000, 100_000_000)}`;
        const a = await httpCall(ctx, {
          method: 'POST',
          url: meta.backchannelEndpoint,
          title: phrase('ev-ciba-request-unknown'),
          headers: client.headers,
          tls: client.tls,
          form: { scope: 'openid scope_all', login_hint: loginHint, binding_message: `msscheck ${randomInt(1000, 10000)}`, acr_values: 'eidas1', channel: ctx.target.profile.oidcClient?.channel },
        });
        // An auth_req_id here means the provider accepted a person it cannot know: register it as a secret anyway.
        const id = (a.json as Record<string, unknown> | undefined)?.auth_req_id;
        if (typeof id === 'string') ctx.redactor.register(id, 'auth_req_id');
        return factsOf('unknown-user', a, usesHeader);
      }
      case 'invalid-grant': {
        const a = await httpCall(ctx, { method: 'POST', url: meta.tokenEndpoint, title: phrase('ev-token-unknown-grant'), headers: client.headers, tls: client.tls, form: { grant_type: CIBA_GRANT, auth_req_id: randomBytes(24).toString('base64url') } });
        return factsOf('invalid-grant', a, usesHeader);
      }
      case 'invalid-client': {
        const wrong: Record<string, string> = usesHeader ? { authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${randomBytes(18).toString('base64url')}`).toString('base64')}` } : {};
        const a = await httpCall(ctx, { method: 'POST', url: meta.tokenEndpoint, title: phrase('ev-token-wrong-secret'), headers: wrong, form: { grant_type: CIBA_GRANT, auth_req_id: randomBytes(24).toString('base64url'), ...(usesHeader ? {} : { client_id: client.clientId }) } });
        return factsOf('invalid-client', a, usesHeader);
      }
      case 'inactive-token': {
        const a = await httpCall(ctx, { method: 'POST', url: meta.introspectionEndpoint, title: phrase('ev-introspect-never-issued'), headers: client.headers, tls: client.tls, form: { token: randomBytes(32).toString('base64url'), token_type_hint: 'access_token' } });
        if (a.status >= 500) throw new ProbeError('EHTTP', phrase('pe-introspection-http', { status: a.status }));
        return factsOf('inactive-token', a, usesHeader);
      }
    }
  },
};
