import type Provider from 'oidc-provider';
import { errors, type KoaContextLike } from 'oidc-provider';
import type { AccessTokenVerifier } from '../types.js';

/** RFC 8693 §2.1 grant type, and the token type of an access token (§3). */
export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

export interface TokenExchangeOptions {
  /** Audiences (RFC 8707 resources) a token may be exchanged for. */
  audiences: ReadonlySet<string>;
  /** Checks the subject token: issued by this provider, unexpired, still active. */
  subjectVerifier: AccessTokenVerifier;
  /** Resource server description of an audience (the provider's resourceIndicators). */
  resourceServerInfo: (ctx: KoaContextLike, resource: string) => unknown;
}

/**
 * RFC 8693 token exchange, as Keycloak (and so Pro Santé Connect) offers it: the client trades an
 * access token the person's approval gave it for one restricted to another audience (`resource` or
 * `audience`), without asking the person again. The new token keeps the subject, client and acr of
 * the approval. The `SubjectToken` entity carries that acr to the provider's `extraTokenClaims`.
 */
export function registerTokenExchange(provider: Provider, o: TokenExchangeOptions): void {
  provider.registerGrantType(
    TOKEN_EXCHANGE_GRANT,
    async (ctx: KoaContextLike & { oidc: any; body?: unknown }, next: () => Promise<void>) => {
      const params = ctx.oidc.params as Record<string, string | undefined>;
      if (params.subject_token_type !== ACCESS_TOKEN_TYPE) throw new errors.InvalidRequest(`subject_token_type must be ${ACCESS_TOKEN_TYPE}`);
      if (params.requested_token_type !== undefined && params.requested_token_type !== ACCESS_TOKEN_TYPE) throw new errors.InvalidRequest(`requested_token_type must be ${ACCESS_TOKEN_TYPE}`);
      const target = params.resource ?? params.audience;
      if (!target || !o.audiences.has(target)) throw new errors.InvalidTarget('unknown resource or audience');
      const check = await o.subjectVerifier.verify(params.subject_token ?? '');
      if (!check.ok) throw new errors.InvalidGrant(`subject_token is not an active access token of this provider (${check.reason})`);
      const claims = check.claims as { sub?: unknown; client_id?: unknown; acr?: unknown };
      if (claims.client_id !== ctx.oidc.client.clientId) throw new errors.InvalidGrant('subject_token was issued to another client');
      if (typeof claims.sub !== 'string') throw new errors.InvalidGrant('subject_token has no subject');
      const { AccessToken, ResourceServer } = ctx.oidc.provider;
      const at = new AccessToken({ accountId: claims.sub, client: ctx.oidc.client, gty: 'token-exchange', scope: 'scope_all' });
      at.resourceServer = new ResourceServer(target, o.resourceServerInfo(ctx, target));
      ctx.oidc.entity('SubjectToken', { acr: claims.acr });
      ctx.oidc.entity('AccessToken', at);
      const accessToken = await at.save();
      ctx.body = { access_token: accessToken, issued_token_type: ACCESS_TOKEN_TYPE, token_type: 'Bearer', expires_in: at.expiration, scope: at.scope };
      await next();
    },
    ['subject_token', 'subject_token_type', 'requested_token_type', 'audience', 'resource', 'scope'],
  );
}
