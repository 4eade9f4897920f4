import { randomBytes } from 'node:crypto';
import type { Redactor } from '../../util/redact.js';
import { ProbeError } from '../types.js';

/** What a token claimed; this, never the token, is what facts and evidence carry. */
export interface TokenClaims {
  iss?: string;
  aud?: string | string[];
  acr?: string;
  exp?: number;
  iat?: number;
  sub?: string;
  scope?: string;
  active?: boolean;
}

interface Entry {
  token: string;
  claims: TokenClaims;
  label: string;
}

/**
 * Tokens msscheck obtained or forged, kept in memory for the process and handed between steps by an
 * opaque handle (`vault:<id>`), so that facts, evidence and reports never hold the token itself.
 * Independent of any probe context: a later step (the XOAUTH2 login) resolves the handle.
 */
const entries = new Map<string, Entry>();
const reusable = new Map<string, string>();

/** Stores a token (registering it with the redactor first) and returns its handle. */
export function depositToken(token: string, claims: TokenClaims, redactor: Redactor, label = 'access token'): string {
  redactor.register(token, label);
  const handle = `vault:${randomBytes(9).toString('base64url')}`;
  entries.set(handle, { token, claims, label });
  return handle;
}

/**
 * The token behind a handle, registered with this step's redactor before it is returned (the
 * caller is about to put it in a SASL payload). An unknown handle is an input error of the scenario.
 */
export function resolveToken(handle: string, redactor: Redactor): string {
  const e = entries.get(handle);
  if (!e) throw new ProbeError('EINPUT', `no token behind handle ${JSON.stringify(handle)} (expected a tokenHandle fact of oidc.ciba or oidc.token-forge)`);
  redactor.register(e.token, e.label);
  return e.token;
}

/** The claims recorded with a handle (no secret). */
export function tokenClaims(handle: string): TokenClaims | undefined {
  return entries.get(handle)?.claims;
}

/** Marks a handle as reusable under `key` (issuer, client, identity, resource). */
export function rememberReusable(key: string, handle: string): void {
  reusable.set(key, handle);
}

/** A reusable handle under `key` whose token still has at least `minRemainingMs` to live. */
export function findReusable(key: string, nowMs: number, minRemainingMs: number): string | undefined {
  const handle = reusable.get(key);
  const exp = handle ? entries.get(handle)?.claims.exp : undefined;
  if (handle && exp !== undefined && exp * 1000 - nowMs >= minRemainingMs) return handle;
  if (handle) reusable.delete(key);
  return undefined;
}

/** Stops offering a handle for reuse (it is about to be revoked). */
export function withdrawReusable(handle: string): void {
  for (const [k, h] of reusable) if (h === handle) reusable.delete(k);
}

/** Forgets every token (tests; the end of a run). */
export function clearVault(): void {
  entries.clear();
  reusable.clear();
}
