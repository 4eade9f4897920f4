import { randomBytes } from 'node:crypto';
import type { Redactor } from '../../util/redact.js';
import { ProbeError } from '../types.js';
import { phrase } from '../../i18n/phrase.js';

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

/**
 * openid-client's judgement of an ID token's claims (OIDC Core §3.1.3.7), made on the token response
 * that carried it: accepted, or refused with its message.
 */
export interface IdTokenJudgement {
  accepted: boolean;
  refusal?: string;
}

interface Entry {
  token: string;
  claims: TokenClaims;
  label: string;
}

/**
 * Tokens msscheck obtained or forged during ONE target's run, handed between steps by an opaque
 * handle (`vault:<id>`), so that facts, evidence and reports never hold the token itself. One vault
 * per run (reached through `ctx.oidc.vault`): a run never sees another run's tokens.
 */
export class TokenVault {
  private readonly entries = new Map<string, Entry>();
  private readonly reusable = new Map<string, string>();
  private readonly refresh = new Map<string, string>();
  private readonly idTokens = new Map<string, string>();
  private readonly idTokenJudgements = new Map<string, IdTokenJudgement>();

  /** Stores a token (registering it with the redactor first) and returns its handle. */
  deposit(token: string, claims: TokenClaims, redactor: Redactor, label = 'access token'): string {
    redactor.register(token, label);
    const handle = `vault:${randomBytes(9).toString('base64url')}`;
    this.entries.set(handle, { token, claims, label });
    return handle;
  }

  /**
   * The token behind a handle, registered with this step's redactor before it is returned (the
   * caller is about to put it in a SASL payload). An unknown handle is an input error of the scenario.
   */
  resolve(handle: string, redactor: Redactor): string {
    const e = this.entries.get(handle);
    if (!e) throw new ProbeError('EINPUT', phrase('pe-no-token-handle', { handle: JSON.stringify(handle) }));
    redactor.register(e.token, e.label);
    return e.token;
  }

  /** The claims recorded with a handle (no secret). */
  claims(handle: string): TokenClaims | undefined {
    return this.entries.get(handle)?.claims;
  }

  /**
   * Stores the ID token that came with the access token behind `accessHandle`, with openid-client's
   * judgement of its claims when the library judged it (none: it never did); returns its own handle.
   */
  depositIdToken(accessHandle: string, idToken: string, redactor: Redactor, judgement?: IdTokenJudgement): string {
    const handle = this.deposit(idToken, {}, redactor, 'id token');
    this.idTokens.set(accessHandle, handle);
    if (judgement) this.idTokenJudgements.set(accessHandle, judgement);
    return handle;
  }

  /** openid-client's judgement of the ID token issued with the access token behind `accessHandle`; undefined when it never judged it. */
  idTokenJudgementOf(accessHandle: string): IdTokenJudgement | undefined {
    return this.idTokenJudgements.get(accessHandle);
  }

  /** The handle of the ID token issued with the access token behind `accessHandle`, if any. */
  idTokenOf(accessHandle: string): string | undefined {
    return this.idTokens.get(accessHandle);
  }

  /** Marks a handle as reusable under `key` (issuer, client, identity, resource, scope, acr). */
  rememberReusable(key: string, handle: string): void {
    this.reusable.set(key, handle);
  }

  /** A reusable handle under `key` whose token still has at least `minRemainingMs` to live at `nowMs`. */
  findReusable(key: string, nowMs: number, minRemainingMs: number): string | undefined {
    const handle = this.reusable.get(key);
    const exp = handle ? this.entries.get(handle)?.claims.exp : undefined;
    if (handle && exp !== undefined && exp * 1000 - nowMs >= minRemainingMs) return handle;
    if (handle) this.reusable.delete(key);
    return undefined;
  }

  /** Stops offering a handle for reuse (it is about to be revoked, or has expired on purpose). */
  withdrawReusable(handle: string): void {
    for (const [k, h] of this.reusable) if (h === handle) this.reusable.delete(k);
  }

  /** Keeps the refresh token that came with the approval under `key` (registered with the redactor). */
  rememberRefreshToken(key: string, token: string, redactor: Redactor): void {
    redactor.register(token, 'refresh token');
    this.refresh.set(key, token);
  }

  /** The refresh token of the approval under `key`, registered with this step's redactor. */
  refreshToken(key: string, redactor: Redactor): string | undefined {
    const token = this.refresh.get(key);
    if (token) redactor.register(token, 'refresh token');
    return token;
  }

  /** Forgets every token (the end of a run). */
  clear(): void {
    this.entries.clear();
    this.reusable.clear();
    this.refresh.clear();
    this.idTokens.clear();
    this.idTokenJudgements.clear();
  }
}
