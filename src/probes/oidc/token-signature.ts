/**
 * Token claims are judged only once the token's signature verifies against the provider's JWKS
 * (RFC 7515 §5.2, RFC 7517; the key set named by the discovery document's `jwks_uri`, else PSC's
 * Keycloak path). A token that does not verify, a JWKS that cannot be read (unreachable, over the
 * 1 MB body limit, not a key set) or has no matching key: `error` ETOKEN_UNVERIFIED, never claims
 * judged from an unverified token. An opaque token's claims come from the provider's introspection.
 */
// jose is loaded when a token is verified, not with the probe registry (`msscheck list`).
import { phrase } from '../../i18n/phrase.js';
import type { JSONWebKeySet } from 'jose';
import { ProbeError, type ProbeContext } from '../types.js';
import { pickClaims } from './claims.js';
import { httpCall } from './http.js';
import { PSC_FALLBACK_PATHS, type ProviderMetadata } from './provider-info.js';
import type { TokenClaims } from './token-vault.js';

/** The JWKS URL of the provider: the discovery document's `jwks_uri`, else PSC's Keycloak-style path. */
export function jwksUrl(meta: ProviderMetadata): string {
  const fromDoc = meta.document?.jwks_uri;
  return typeof fromDoc === 'string' ? fromDoc : `${meta.issuer.replace(/\/+$/, '')}${PSC_FALLBACK_PATHS.jwks}`;
}

/** Whether the token has the JWS compact form (three base64url parts). */
export function isJws(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

async function providerKeys(ctx: ProbeContext, meta: ProviderMetadata): Promise<JSONWebKeySet> {
  const url = jwksUrl(meta);
  let answer;
  try {
    answer = await httpCall(ctx, { method: 'GET', url, title: phrase('ev-jwks-signature') });
  } catch (err) {
    if (err instanceof ProbeError) throw new ProbeError('ETOKEN_UNVERIFIED', phrase('pe-jwks-unreadable', { url, code: err.code, message: err.phrase ?? err.message }));
    throw err;
  }
  const keys = (answer.json as { keys?: unknown } | undefined)?.keys;
  if (answer.status !== 200 || !Array.isArray(keys)) throw new ProbeError('ETOKEN_UNVERIFIED', Array.isArray(keys) ? phrase('pe-jwks-http', { url, status: answer.status }) : phrase('pe-jwks-http-no-keys', { url, status: answer.status }));
  return { keys: keys as JSONWebKeySet['keys'] };
}

/**
 * The claims of a token the provider issued, verified: a JWS is checked against the provider's
 * JWKS first (signature only: the claims are the scenarios' to judge); an opaque token is asked to
 * `introspect`. Throws ETOKEN_UNVERIFIED when the signature does not verify or cannot be checked.
 */
export async function verifiedClaims(ctx: ProbeContext, meta: ProviderMetadata, token: string, introspect: () => Promise<TokenClaims>): Promise<TokenClaims> {
  if (!isJws(token)) return introspect();
  const jwks = await providerKeys(ctx, meta);
  let payload: Uint8Array;
  try {
    const { compactVerify, createLocalJWKSet } = await import('jose');
    ({ payload } = await compactVerify(token, createLocalJWKSet(jwks)));
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'ERR_JWS_INVALID';
    throw new ProbeError('ETOKEN_UNVERIFIED', phrase('pe-token-signature-invalid', { url: jwksUrl(meta), code }));
  }
  try {
    return pickClaims(JSON.parse(Buffer.from(payload).toString('utf8')) as Record<string, unknown>);
  } catch {
    throw new ProbeError('ETOKEN_UNVERIFIED', phrase('pe-token-payload-not-json'));
  }
}
