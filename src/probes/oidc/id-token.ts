/**
 * `oidc.id-token`: the ID token Pro Santé Connect returned with a CIBA approval (CIBA Core §10.1.1,
 * OIDC Core §3.1.3.3), judged only after its signature verifies against the provider's JWKS
 * (token-signature.ts; a token that does not verify is `error` ETOKEN_UNVERIFIED, its claims are
 * not judged). Facts: the OIDC Core §2 claims (iss, sub, aud, exp, iat) and how they compare with
 * the issuer and msscheck's client id (OIDC Core §3.1.3.7). Never the token itself.
 */
import { phrase } from '../../i18n/phrase.js';
import { ProbeError, type Facts, type Probe } from '../types.js';
import { audiences } from './claims.js';
import { idTokenFacts } from './facts-schemas.js';
import { oidcClient, providerMetadata } from './provider-info.js';
import { verifiedClaims } from './token-signature.js';

export interface IdTokenInput {
  /** The `idTokenHandle` fact of an oidc.ciba step. */
  token: string;
}

export interface IdTokenFacts extends Facts {
  /** OIDC Core §2 REQUIRED claims the token lacks. */
  missingClaims: string[];
  iss: string | null;
  sub: string | null;
  aud: string[];
  exp: number | null;
  iat: number | null;
  issuer: string;
  clientId: string;
  issMatchesIssuer: boolean;
  audIncludesClient: boolean;
  expAfterIat: boolean;
}

const REQUIRED = ['iss', 'sub', 'aud', 'exp', 'iat'] as const;

export const idTokenProbe: Probe<IdTokenInput, IdTokenFacts> = {
  name: 'oidc.id-token',
  facts: idTokenFacts,
  summary: "The ID token of a CIBA approval, signature verified against the provider's JWKS first, then its OIDC Core §2 claims against the issuer and client id",
  inputSchema: { type: 'object', additionalProperties: false, required: ['token'], properties: { token: { type: 'string', pattern: '^vault:' } } },
  async run(input, ctx) {
    const token = ctx.oidc.vault.resolve(input.token, ctx.redactor);
    const meta = await providerMetadata(ctx);
    const clientId = oidcClient(ctx).clientId;
    const claims = await verifiedClaims(ctx, meta, token, () => {
      throw new ProbeError('EPROTOCOL', phrase('pe-id-token-not-jws'));
    });
    ctx.evidence('token-claims', phrase('ev-id-token-claims'), claims);
    const present = claims as Record<string, unknown>;
    const aud = audiences(claims);
    return {
      missingClaims: REQUIRED.filter((k) => present[k] === undefined || (k === 'aud' && aud.length === 0)),
      iss: claims.iss ?? null,
      sub: claims.sub ?? null,
      aud,
      exp: claims.exp ?? null,
      iat: claims.iat ?? null,
      issuer: meta.issuer,
      clientId,
      issMatchesIssuer: claims.iss === meta.issuer,
      audIncludesClient: aud.includes(clientId),
      expAfterIat: claims.exp !== undefined && claims.iat !== undefined && claims.exp > claims.iat,
    };
  },
};
