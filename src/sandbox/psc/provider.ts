import Provider, { errors, type KoaContextLike } from 'oidc-provider';
import { CompactSign, decodeProtectedHeader, importJWK, type CryptoKey, type JWK, type KeyObject } from 'jose';
import type { PscIdentity, PscSandboxConfig } from './config.js';
import { SimulatedAuthenticationDevice } from './ciba-device.js';
import type { PscStore } from './store.js';
import { CIBA_GRANT_TYPE, DISCOVERY_PATH, PSC_ROUTES } from './routes.js';
import { registerTokenExchange, TOKEN_EXCHANGE_GRANT } from './token-exchange.js';
import { EXPIRY_SLACK_S, RequestExpiry } from './request-expiry.js';
import { PscTokenVerifier } from './token-verifier.js';

export interface PscProviderOptions {
  issuer: string;
  config: PscSandboxConfig;
  store: PscStore;
  signingJwk: JWK;
  /** The public half of signingJwk (checks the subject token of a token exchange). */
  verifyKey: KeyObject | CryptoKey;
  clientSecret: string;
  cookieKey: string;
  defects: ReadonlySet<string>;
}

const CHANNELS = new Set(['CARD', 'MOBILE']);
const CIBA_BACKCHANNEL_KEYS = [
  'backchannel_authentication_endpoint',
  'backchannel_token_delivery_modes_supported',
  'backchannel_user_code_parameter_supported',
  'backchannel_authentication_request_signing_alg_values_supported',
];

/** Errors the defect psc-errors-as-http-200 answers with HTTP 200: none of them occurs in a flow that goes well. */
const STATUS_200_ERRORS = new Set(['unknown_user_id', 'invalid_grant', 'invalid_client']);

/** Builds the sandbox's OpenID provider, shaped like Pro Santé Connect (MSSANTE.md §3). */
export function buildPscProvider(o: PscProviderOptions): { provider: Provider; device: SimulatedAuthenticationDevice } {
  const { config, defects } = o;
  const byAccount = new Map<string, PscIdentity>(config.identities.map((i) => [accountIdOf(i), i]));
  const byNationalId = new Map<string, PscIdentity>(config.identities.map((i) => [i.nationalId, i]));
  const audiences = new Set([config.mailAudience, ...config.otherAudiences]);
  const resourceServerInfo = (resource: string) => {
    if (!audiences.has(resource)) throw new errors.InvalidTarget('unknown resource');
    return { scope: 'scope_all', audience: resource, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
  };
  const expiry = new RequestExpiry();
  let provider: Provider | undefined;
  const device = new SimulatedAuthenticationDevice(() => provider!, {
    denialDelivered: !defects.has('psc-denial-not-delivered'),
    consentIgnored: defects.has('psc-approves-without-consent'),
    acrOverride: defects.has('psc-tokens-below-eidas1') ? 'eidas0' : undefined,
    scopeForResource: 'scope_all',
  });

  provider = new Provider(o.issuer, {
    adapter: (model: string) => o.store.adapter(model),
    clients: [
      {
        client_id: config.client.clientId,
        client_secret: o.clientSecret,
        // refresh_token: a new access token for the same approval without asking the person again (RFC 6749 §6);
        // token exchange: the approval's token traded for another audience's (RFC 8693, as Keycloak offers it).
        grant_types: [CIBA_GRANT_TYPE, 'refresh_token', TOKEN_EXCHANGE_GRANT],
        response_types: [],
        redirect_uris: [],
        backchannel_token_delivery_mode: 'poll',
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [o.signingJwk] },
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(g: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    cookies: { keys: [o.cookieKey] },
    scopes: config.scopes,
    acrValues: config.acrValuesSupported,
    claims: {
      openid: ['sub'],
      scope_all: ['preferred_username', 'SubjectNameID', 'SubjectRefPro', 'given_name', 'family_name'],
    },
    extraParams: ['channel'],
    routes: PSC_ROUTES,
    clientBasedCORS: () => false,
    findAccount: (_ctx: unknown, id: string) => {
      const identity = byAccount.get(id);
      if (!identity) return undefined;
      return { accountId: id, claims: () => claimsOf(identity, id) };
    },
    extraTokenClaims: (ctx: KoaContextLike, token: { kind: string; accountId?: string }) => {
      if (token.kind !== 'AccessToken') return undefined;
      const identity = token.accountId ? byAccount.get(token.accountId) : undefined;
      const request = ctx?.oidc?.entities?.BackchannelAuthenticationRequest as { acr?: string } | undefined;
      // A refreshed or exchanged token keeps the level of the approval it comes from.
      const refreshed = ctx?.oidc?.entities?.RefreshToken as { acr?: string } | undefined;
      const exchanged = ctx?.oidc?.entities?.SubjectToken as { acr?: string } | undefined;
      return {
        acr: request?.acr ?? refreshed?.acr ?? exchanged?.acr,
        preferred_username: identity?.nationalId,
        SubjectNameID: identity?.nationalId,
      };
    },
    ttl: {
      AccessToken: (_ctx: unknown, token: { accountId?: string }) =>
        (token.accountId ? byAccount.get(token.accountId)?.accessTokenTtlSeconds : undefined) ?? config.accessTokenTtlSeconds,
      BackchannelAuthenticationRequest: (_ctx: unknown, request: { accountId?: string }) =>
        // Later than the sandbox's own expiry (request-expiry.ts), which must come first.
        ((request.accountId ? byAccount.get(request.accountId)?.requestTtlSeconds : undefined) ?? 30) + EXPIRY_SLACK_S,
      Grant: 3600,
      IdToken: 300,
      Interaction: 300,
      Session: 3600,
      AuthorizationCode: 60,
      ClientCredentials: 300,
      DeviceCode: 300,
      RefreshToken: 3600,
    },
    features: {
      devInteractions: { enabled: false },
      introspection: {
        enabled: true,
        // Only confidential clients (the operator's servers, msscheck) may introspect.
        allowedPolicy: (_ctx: unknown, client: { clientAuthMethod?: string }) => client.clientAuthMethod !== 'none',
      },
      revocation: { enabled: true },
      userinfo: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => config.mailAudience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => resourceServerInfo(resource),
      },
      ciba: {
        enabled: true,
        deliveryModes: ['poll'],
        processLoginHint: (_ctx: unknown, loginHint: string) => {
          const identity = byNationalId.get(loginHint);
          return identity ? accountIdOf(identity) : undefined;
        },
        processLoginHintToken: () => {
          throw new errors.InvalidRequest('login_hint_token is not supported: send login_hint (national identifier)');
        },
        validateBindingMessage: (ctx: KoaContextLike, bindingMessage?: string) => {
          const channel = ctx.oidc?.params?.channel;
          if (channel !== undefined && !CHANNELS.has(String(channel))) throw new errors.InvalidRequest('channel must be CARD or MOBILE');
          if (bindingMessage !== undefined && !/^[\p{L}\p{N} .:_-]{1,64}$/u.test(bindingMessage)) {
            throw new errors.InvalidBindingMessage('binding_message must be 1 to 64 plain characters');
          }
        },
        validateRequestContext: () => undefined,
        verifyUserCode: () => undefined,
        triggerAuthenticationDevice: (_ctx: unknown, request: { jti: string; accountId: string }) => {
          const identity = byAccount.get(request.accountId);
          if (identity) device.trigger(identity, request);
        },
      },
    },
  });

  registerTokenExchange(provider, {
    audiences,
    resourceServerInfo: (_ctx, resource) => resourceServerInfo(resource),
    // The provider's own check of the subject token: its key, unexpired, still active (no defect applies).
    subjectVerifier: new PscTokenVerifier({ issuer: o.issuer, audience: config.mailAudience, acceptedAcr: [...new Set(config.identities.map((i) => i.acr))], publicKey: o.verifyKey, store: o.store, defects: new Set() }),
  });

  // JWT access tokens are not stored by oidc-provider; keep their record so that introspection,
  // revocation and the operator's "still active" check work.
  provider.on('access_token.issued', (token: Record<string, unknown> & { constructor: { IN_PAYLOAD: string[] } }) => {
    const payload: Record<string, unknown> = {};
    for (const k of token.constructor.IN_PAYLOAD) if (token[k] !== undefined) payload[k] = token[k];
    const now = Math.floor(Date.now() / 1000);
    payload.iat = typeof token.iat === 'number' ? token.iat : now;
    payload.exp = typeof token.exp === 'number' ? token.exp : (payload.iat as number) + Number(token.expiration ?? 0);
    o.store.record('AccessToken', String(token.jti), payload, (payload.exp as number) - now);
  });

  provider.use(async (ctx, next) => {
    await next();
    let body = ctx.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') return;
    const params = ctx.oidc?.params ?? {};
    if (ctx.path === PSC_ROUTES.backchannel_authentication && typeof body.auth_req_id === 'string') {
      body.interval = config.cibaIntervalSeconds;
      // The request's life, counted by the sandbox to the millisecond (request-expiry.ts).
      const identity = byNationalId.get(String(params.login_hint));
      if (identity) {
        expiry.opened(body.auth_req_id, identity.requestTtlSeconds);
        body.expires_in = identity.requestTtlSeconds;
      }
    }
    if (ctx.path === PSC_ROUTES.token && params.grant_type === CIBA_GRANT_TYPE && typeof params.auth_req_id === 'string') {
      ctx.body = body = expiry.answer(params.auth_req_id, body);
    }
    if (ctx.path === PSC_ROUTES.token && body.error === 'expired_token' && defects.has('psc-pending-after-expiry')) {
      ctx.body = { error: 'authorization_pending', error_description: 'authorization request is still pending' };
    }
    if (ctx.path === PSC_ROUTES.token && typeof body.id_token === 'string' && defects.has('psc-id-token-issued-after-expiry')) {
      body.id_token = await resignedWith(body.id_token, o.signingJwk, (claims) => ({ ...claims, iat: Number(claims.exp) + 1 }));
    }
    if (ctx.path === PSC_ROUTES.token && typeof body.id_token === 'string' && defects.has('psc-id-token-wrong-claims')) {
      // Still signed by the provider's key: only the claims are wrong (another issuer, another client, no subject).
      body.id_token = await resignedWith(body.id_token, o.signingJwk, ({ sub: _sub, ...claims }) => ({ ...claims, iss: `${o.issuer}-other`, aud: 'another-client' }));
    }
    if (ctx.path === PSC_ROUTES.token && typeof body.access_token === 'string' && defects.has('psc-no-id-token')) delete body.id_token;
    if (ctx.path === PSC_ROUTES.backchannel_authentication && body.error === 'unknown_user_id' && defects.has('psc-unknown-user-generic-error')) {
      ctx.body = { error: 'invalid_request', error_description: 'authentication request refused' };
    }
    if (ctx.path === PSC_ROUTES.token && (body.error === 'invalid_grant' || body.error === 'invalid_client') && defects.has('psc-token-errors-not-json')) {
      ctx.status = 400;
      ctx.remove?.('www-authenticate');
      ctx.type = 'text/html';
      ctx.body = '<html><body><h1>Bad request</h1></body></html>';
    }
    if (defects.has('psc-errors-as-http-200') && STATUS_200_ERRORS.has(String(body.error)) && (ctx.path === PSC_ROUTES.token || ctx.path === PSC_ROUTES.backchannel_authentication)) {
      ctx.status = 200; // the JSON error stays: only its HTTP status lies (RFC 6749 §5.2 and CIBA §13 want 400, or 401)
    }
    if (ctx.path === PSC_ROUTES.introspection && body.active === false && defects.has('psc-introspection-error-for-inactive')) {
      ctx.status = 400;
      ctx.body = { error: 'invalid_token', error_description: 'token not found' };
    }
    if (ctx.path === DISCOVERY_PATH) {
      if (defects.has('psc-no-ciba-metadata')) {
        for (const k of CIBA_BACKCHANNEL_KEYS) delete body[k];
        if (Array.isArray(body.grant_types_supported)) body.grant_types_supported = body.grant_types_supported.filter((g) => g !== CIBA_GRANT_TYPE);
      }
      if (defects.has('psc-issuer-mismatch')) body.issuer = `${o.issuer}/`;
      if (defects.has('psc-discovery-string-boolean')) body.backchannel_user_code_parameter_supported = 'false';
      if (defects.has('psc-discovery-degraded')) {
        // Other discovery statements wrong at once: eIDAS level, scope, CIBA poll mode and user code,
        // and an endpoint over plain HTTP on a non-loopback host. (jwks_uri stays: msscheck's own
        // token checks read it, so breaking it would break other scenarios too.)
        if (Array.isArray(body.acr_values_supported)) body.acr_values_supported = body.acr_values_supported.filter((v) => v !== 'eidas1');
        if (Array.isArray(body.scopes_supported)) body.scopes_supported = body.scopes_supported.filter((v) => v !== 'scope_all');
        body.backchannel_token_delivery_modes_supported = ['ping'];
        delete body.backchannel_user_code_parameter_supported;
        body.end_session_endpoint = 'http://psc-sandbox.example.test/session/end';
      }
    }
  });
  return { provider, device };
}

export function accountIdOf(identity: PscIdentity): string {
  return `psc-${identity.nationalId}`;
}

function claimsOf(identity: PscIdentity, sub: string): Record<string, unknown> {
  return {
    sub,
    preferred_username: identity.nationalId,
    SubjectNameID: identity.nationalId,
    SubjectRefPro: { codeCivilite: 'DR', exercices: [{ codeProfession: identity.profession }] },
    given_name: identity.name.given,
    family_name: identity.name.family,
  };
}

/** The JWS re-signed by the provider's key after `change` (sandbox defects on a token that still verifies). */
async function resignedWith(jws: string, jwk: JWK, change: (claims: Record<string, unknown>) => Record<string, unknown>): Promise<string> {
  const claims = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  const key = await importJWK(jwk, 'RS256');
  return new CompactSign(Buffer.from(JSON.stringify(change(claims)))).setProtectedHeader(decodeProtectedHeader(jws) as { alg: string }).sign(key);
}
