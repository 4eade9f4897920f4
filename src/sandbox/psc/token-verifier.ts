import { compactVerify, importJWK, type JWK, type CryptoKey as JoseKey, type KeyObject } from 'jose';
import type { AccessTokenVerifier, TokenCheck } from '../types.js';
import type { PscStore } from './store.js';

export interface VerifierOptions {
  issuer: string;
  audience: string;
  acceptedAcr: string[];
  publicKey: KeyObject | JoseKey;
  store: PscStore;
  defects: ReadonlySet<string>;
  now?: () => number;
}

type Claims = Record<string, unknown>;

/**
 * Checks an access token presented over XOAUTH2/OAUTHBEARER the way an operator must: issued by this
 * provider (signature with its key), unexpired (the provider's clock), for the mail service, acr
 * accepted, still active (the provider's own store, so a revoked token is refused). The
 * `xoauth2-accepts-*` defects each switch one check off, so exactly one negative token gets through.
 */
export class PscTokenVerifier implements AccessTokenVerifier {
  constructor(private readonly o: VerifierOptions) {}

  private accepts(what: string): boolean {
    return this.o.defects.has(`xoauth2-accepts-${what}`);
  }

  async verify(token: string): Promise<TokenCheck> {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'malformed', detail: 'not a compact JWS' };
    let header: Claims;
    let claims: Claims;
    try {
      header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as Claims;
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Claims;
    } catch {
      return { ok: false, reason: 'malformed', detail: 'header or payload is not JSON' };
    }
    if (typeof claims !== 'object' || claims === null) return { ok: false, reason: 'malformed' };

    const ours = claims.iss === this.o.issuer;
    if (!ours) {
      if (!this.accepts('foreign-issuer')) return { ok: false, reason: 'issuer', detail: `issuer ${String(claims.iss)} is not ${this.o.issuer}` };
      // The defect: trusting the key the token itself carries, i.e. any issuer.
      const embedded = header.jwk as JWK | undefined;
      if (!embedded || !(await signatureHolds(token, () => importJWK(embedded, String(header.alg ?? 'RS256')) as Promise<JoseKey>))) {
        return { ok: false, reason: 'signature', detail: 'signature does not verify' };
      }
    } else if (!(await signatureHolds(token, async () => this.o.publicKey)) && !this.accepts('bad-signature')) {
      return { ok: false, reason: 'signature', detail: 'signature does not verify with the provider key' };
    }

    const nowS = (this.o.now ?? Date.now)() / 1000;
    if ((typeof claims.exp !== 'number' || claims.exp <= nowS) && !this.accepts('expired')) {
      return { ok: false, reason: 'expired', detail: 'token expired' };
    }
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.includes(this.o.audience) && !this.accepts('wrong-audience')) {
      return { ok: false, reason: 'audience', detail: `audience is not ${this.o.audience}` };
    }
    if (!this.o.acceptedAcr.includes(String(claims.acr)) && !this.accepts('low-acr')) {
      return { ok: false, reason: 'acr', detail: `acr ${String(claims.acr)} is not accepted` };
    }
    // A foreign token is not in this provider's store: a server that trusts other issuers cannot ask.
    if (ours && !(typeof claims.jti === 'string' && this.o.store.isAccessTokenActive(claims.jti)) && !this.accepts('revoked')) {
      return { ok: false, reason: 'inactive', detail: 'token is not active (revoked or unknown)' };
    }
    return { ok: true, claims };
  }
}

async function signatureHolds(token: string, key: () => Promise<KeyObject | JoseKey>): Promise<boolean> {
  try {
    await compactVerify(token, await key());
    return true;
  } catch {
    return false;
  }
}
