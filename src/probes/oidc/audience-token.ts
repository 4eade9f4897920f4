import type { ProbeContext } from '../types.js';
import { phrase, renderPhrase, type Phrase } from '../../i18n/phrase.js';
import { audiences } from './claims.js';
import { flowKey, issuedToken, redeemRefreshToken, type CibaFacts, type CibaInput } from './ciba-flow.js';
import { oidcClient, providerMetadata } from './provider-info.js';
import type { TokenClaims } from './token-vault.js';

/** RFC 8693 §2.1 grant type and access token type (§3). */
const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

export interface AudienceToken {
  tokenHandle: string;
  claims: TokenClaims;
  /** How the provider issued it, in one sentence. */
  method: string;
}

/**
 * A token for ANOTHER audience from the approval this run already has (`approved`, the person's
 * answer for the mail service), without asking the person again:
 * 1. RFC 8693 token exchange, when the provider advertises it (Keycloak, hence Pro Santé Connect, offers
 *    it): the approval's access token traded for one whose `resource`/`audience` is `audience`;
 * 2. else the approval's refresh token with an RFC 8707 §2.2 `resource` (a provider that granted it).
 * A token counts only if the provider really restricted it to `audience`. `undefined` when the
 * provider issues none of these ways: the caller then asks the person (a counted approval).
 */
export async function tokenForAudience(ctx: ProbeContext, approved: CibaFacts, input: CibaInput, audience: string): Promise<AudienceToken | undefined> {
  if (!approved.tokenHandle) return undefined;
  const meta = await providerMetadata(ctx);
  const client = oidcClient(ctx);
  const grants = Array.isArray(meta.document?.grant_types_supported) ? (meta.document.grant_types_supported as unknown[]) : [];
  if (grants.includes(TOKEN_EXCHANGE_GRANT)) {
    const subject = ctx.oidc.vault.resolve(approved.tokenHandle, ctx.redactor);
    const form = { grant_type: TOKEN_EXCHANGE_GRANT, subject_token: subject, subject_token_type: ACCESS_TOKEN_TYPE, requested_token_type: ACCESS_TOKEN_TYPE, resource: audience, audience };
    const got = restricted(ctx, audience, phrase('ev-token-exchange'), await issuedToken(ctx, meta, client, form, phrase('ev-token-exchange'), phrase('ev-access-token-claims', { who: audience })));
    if (got) return { ...got, method: `a genuine token the provider issued for ${audience} by token exchange (RFC 8693) of this run's approved token; the person was not asked again` };
  }
  const key = flowKey(ctx, meta, approved.identity, { ...input, resource: undefined });
  const got = restricted(ctx, audience, phrase('ev-refresh-resource'), await redeemRefreshToken(ctx, meta, client, key, { resource: audience, scope: input.scope ?? 'openid scope_all' }, phrase('ev-refresh-resource'), phrase('ev-access-token-claims', { who: audience })));
  if (got) return { ...got, method: `a genuine token the provider issued for ${audience} from this run's refresh token (RFC 8707 resource); the person was not asked again` };
  return undefined;
}

/** The token only if the provider restricted it to `audience` (`title`: the request that issued it). */
function restricted(ctx: ProbeContext, audience: string, title: Phrase, got: Omit<AudienceToken, 'method'> | undefined): Omit<AudienceToken, 'method'> | undefined {
  if (!got) return undefined;
  if (!audiences(got.claims).includes(audience)) {
    ctx.evidence('json', phrase('ev-token-audience-unrestricted'), { note: `the provider answered ${renderPhrase(title).split(':')[0]} with a token for ${audiences(got.claims).join(', ') || '(no audience)'}, not ${audience}` });
    return undefined;
  }
  return got;
}
