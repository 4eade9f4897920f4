import { readFileSync } from 'node:fs';
import { phrase } from '../../i18n/phrase.js';
import { targetPath } from '../../target/profile.js';
import { ProbeError, precondition, type ProbeContext } from '../types.js';
import { httpCall, type HttpCall } from './http.js';
import { selectPscTestIdentity, type IdentitySelection, type PscTestIdentity } from './test-identity.js';

/** Keycloak-style PSC paths (MSSANTE.md §3), used when the discovery document does not name an endpoint. */
export const PSC_FALLBACK_PATHS = {
  token: '/protocol/openid-connect/token',
  backchannel: '/protocol/openid-connect/ext/ciba/auth',
  revocation: '/protocol/openid-connect/revoke',
  introspection: '/protocol/openid-connect/token/introspect',
  jwks: '/protocol/openid-connect/certs',
} as const;

export const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';

/** The target's OpenID provider, or `skip` when the profile names none. */
export function oidcIssuer(ctx: ProbeContext): { issuer: string; discoveryUrl: string } {
  const oidc = ctx.target.profile.endpoints.oidc;
  if (!oidc) throw precondition(phrase('pe-no-oidc-endpoint'));
  const issuer = oidc.issuer.replace(/\/+$/, '');
  return { issuer: oidc.issuer, discoveryUrl: oidc.discoveryUrl ?? `${issuer}/.well-known/openid-configuration` };
}

export interface ClientCredentials {
  clientId: string;
  /** Headers and TLS options that authenticate msscheck's client (secret or mutual TLS). */
  headers: Record<string, string>;
  tls?: HttpCall['tls'];
}

/** msscheck's client at the provider; `skip` when the profile gives no `oidcClient` or its secret is unset. */
export function oidcClient(ctx: ProbeContext): ClientCredentials {
  const c = ctx.target.profile.oidcClient;
  if (!c) throw precondition(phrase('pe-no-oidc-client'));
  const headers: Record<string, string> = {};
  let tls: HttpCall['tls'];
  if (c.clientSecret) {
    const secret = ctx.secrets.resolve(c.clientSecret, 'oidc client secret');
    if (secret === undefined) throw precondition(phrase('pe-oidc-secret-unset', { ref: c.clientSecret }));
    const basic = Buffer.from(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(secret)}`).toString('base64');
    ctx.redactor.register(basic, 'oidc client secret');
    headers.authorization = `Basic ${basic}`;
  }
  if (c.clientCertificate?.cert && c.clientCertificate.key) {
    const key = ctx.secrets.resolve(c.clientCertificate.key, 'oidc client key');
    if (key === undefined) throw precondition(phrase('pe-oidc-key-unset'));
    let cert: string;
    try {
      cert = readFileSync(targetPath(ctx.target, c.clientCertificate.cert), 'utf8');
    } catch {
      throw precondition(phrase('pe-oidc-cert-unreadable', { file: c.clientCertificate.cert }));
    }
    tls = { cert, key };
  }
  if (!headers.authorization && !tls) throw precondition(phrase('pe-oidc-client-no-credential'));
  return { clientId: c.clientId, headers, tls };
}

/** Provider metadata as msscheck needs it, read from the discovery document. */
export interface ProviderMetadata {
  issuer: string;
  document?: Record<string, unknown>;
  tokenEndpoint: string;
  backchannelEndpoint: string;
  revocationEndpoint: string;
  introspectionEndpoint: string;
  /** Whether each endpoint came from the document or from PSC's Keycloak-style paths. */
  sources: Record<'token' | 'backchannel' | 'revocation' | 'introspection', 'discovery' | 'fallback'>;
}

/** Reads the discovery document (recorded as evidence) and the endpoints a CIBA client needs. */
export async function providerMetadata(ctx: ProbeContext): Promise<ProviderMetadata> {
  const { issuer, discoveryUrl } = oidcIssuer(ctx);
  const answer = await httpCall(ctx, { method: 'GET', url: discoveryUrl, title: phrase('ev-discovery-document') });
  const doc = answer.status === 200 && answer.json && typeof answer.json === 'object' ? (answer.json as Record<string, unknown>) : undefined;
  const base = issuer.replace(/\/+$/, '');
  const pick = (field: string, fallback: string): [string, 'discovery' | 'fallback'] =>
    typeof doc?.[field] === 'string' ? [doc[field] as string, 'discovery'] : [`${base}${fallback}`, 'fallback'];
  const [tokenEndpoint, t] = pick('token_endpoint', PSC_FALLBACK_PATHS.token);
  const [backchannelEndpoint, b] = pick('backchannel_authentication_endpoint', PSC_FALLBACK_PATHS.backchannel);
  const [revocationEndpoint, r] = pick('revocation_endpoint', PSC_FALLBACK_PATHS.revocation);
  const [introspectionEndpoint, i] = pick('introspection_endpoint', PSC_FALLBACK_PATHS.introspection);
  return { issuer, document: doc, tokenEndpoint, backchannelEndpoint, revocationEndpoint, introspectionEndpoint, sources: { token: t, backchannel: b, revocation: r, introspection: i } };
}

export type { PscTestIdentity } from './test-identity.js';

/** The PSC test identity a probe uses: by address, by role (`pscTestRole`), or by legacy rank (test-identity.ts). */
export function pickIdentity(ctx: ProbeContext, sel: IdentitySelection): PscTestIdentity {
  return selectPscTestIdentity(ctx.target.profile.mailboxes ?? [], sel).identity;
}

export function ensureJsonObject(v: unknown, what: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ProbeError('EPROTOCOL', phrase('pe-not-json-object', { what }));
  return v as Record<string, unknown>;
}
