import type { TokenClaims } from './token-vault.js';

/** The claims of a JWS compact token, read without verifying it (for evidence only), or undefined. */
export function readJwtClaims(token: string): TokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const p = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    return pickClaims(p);
  } catch {
    return undefined;
  }
}

/** The claims msscheck reports (iss, aud, acr, exp, iat, sub, scope, active): never the token. */
export function pickClaims(p: Record<string, unknown>): TokenClaims {
  const c: TokenClaims = {};
  if (typeof p.iss === 'string') c.iss = p.iss;
  if (typeof p.aud === 'string' || Array.isArray(p.aud)) c.aud = p.aud as string | string[];
  if (typeof p.acr === 'string') c.acr = p.acr;
  if (typeof p.exp === 'number') c.exp = p.exp;
  if (typeof p.iat === 'number') c.iat = p.iat;
  if (typeof p.sub === 'string') c.sub = p.sub;
  if (typeof p.scope === 'string') c.scope = p.scope;
  if (typeof p.active === 'boolean') c.active = p.active;
  return c;
}

/** The audiences of a token as a list. */
export function audiences(c: TokenClaims): string[] {
  return c.aud === undefined ? [] : Array.isArray(c.aud) ? c.aud : [c.aud];
}
