// jose is loaded when a foreign token is signed, not when the probe registry is (`msscheck list`).
import { phrase } from '../../i18n/phrase.js';
import type { CryptoKey as JoseKey, JWK } from 'jose';
import { ProbeError, precondition, type Probe, type ProbeContext } from '../types.js';
import { audiences, readJwtClaims } from './claims.js';
import { freshToken, runCibaFlow, type CibaFacts } from './ciba-flow.js';
import { sleep } from './step-sleep.js';
import { httpCall } from './http.js';
import { tokenForAudience } from './audience-token.js';
import { oidcClient, providerMetadata } from './provider-info.js';
import type { PscTestRole } from '../../target/profile.js';
import { RANK_INPUT_SCHEMA, ROLE_INPUT_SCHEMA, type IdentitySelection } from './test-identity.js';
import type { TokenClaims } from './token-vault.js';
import { tokenForgeFacts } from './facts-schemas.js';

export type ForgeKind = 'expired' | 'foreign-issuer' | 'bad-signature' | 'wrong-audience' | 'low-acr' | 'revoked' | 'fresh';

export interface ForgeInput {
  kind: ForgeKind;
  /** Handle of a valid token to derive from (expired, foreign-issuer, bad-signature); default: a CIBA token of the identity with `role`. */
  from?: string;
  /** PSC test identity role(s) for the CIBA flow this kind needs (defaults per kind); the first present wins. */
  role?: PscTestRole | PscTestRole[];
  /** Legacy: PSC test identity rank(s) instead of `role`. */
  identity?: number | number[];
  /** expired: the longest msscheck waits for the token's natural expiry; beyond it, `skip`. */
  maxWaitSeconds?: number;
  /** wrong-audience: the resource (audience) to ask the provider for instead of the mail service. */
  audience?: string;
  /** low-acr: acr values the mail service accepts; a token with one of them is not "low". */
  acceptedAcr?: string[];
}

export interface ForgeFacts {
  [k: string]: unknown;
  kind: ForgeKind;
  tokenHandle: string;
  claims: TokenClaims;
  /** How the token was made, in one sentence (for the report). */
  method: string;
  waitedSeconds?: number;
  revocationStatus?: number;
  activeAfterRevocation?: boolean | null;
}

/** Issuer of msscheck's own, foreign, tokens. `.invalid` never resolves (RFC 2606). */
export const FOREIGN_ISSUER = 'https://msscheck.invalid/foreign-issuer';
/** The role whose CIBA token each kind starts from: `expired` prefers the identity whose tokens live seconds. */
const DEFAULT_ROLE: Record<ForgeKind, PscTestRole[]> = {
  expired: ['short-lived', 'approve'],
  'foreign-issuer': ['approve'],
  'bad-signature': ['approve'],
  'wrong-audience': ['approve'],
  'low-acr': ['low-acr'],
  revoked: ['approve'],
  fresh: ['approve'],
};

/** msscheck's own signing key for foreign tokens: one per run. */
function msscheckKey(ctx: ProbeContext): Promise<{ privateKey: JoseKey; jwk: JWK }> {
  return ctx.oidc.once('msscheck-foreign-key', async () => {
    const { exportJWK, generateKeyPair } = await import('jose');
    return generateKeyPair('RS256', { extractable: true }).then(async ({ privateKey, publicKey }) => ({
      privateKey,
      jwk: { ...(await exportJWK(publicKey)), kid: 'msscheck-foreign', alg: 'RS256', use: 'sig' },
    }));
  });
}

/**
 * `oidc.token-forge`: makes a NEGATIVE access token that is wrong in exactly one way, for the XOAUTH2
 * refusal scenarios. Genuine tokens are never minted with a fake `exp`: `expired` waits for a real
 * token's expiry (the sandbox has a test identity whose tokens live 2 s; against a real PSC this waits
 * up to `maxWaitSeconds`, else `skip`). `wrong-audience` and `low-acr` are genuine tokens the provider
 * issued for another resource / at a lower level (`skip` when it will not). `foreign-issuer` is signed
 * by msscheck's own key (carried in the `jwk` header), `bad-signature` has altered signature bytes,
 * `revoked` is a fresh token revoked at the provider's revocation endpoint. `fresh` is a genuine token
 * no other step holds (not negative in itself): for a `revoked` step (`from`) that must revoke later
 * than the token is made, e.g. only once the positive control has logged in.
 */
export const tokenForgeProbe: Probe<ForgeInput, ForgeFacts> = {
  name: 'oidc.token-forge',
  facts: tokenForgeFacts,
  summary: 'Builds a negative access token (expired, foreign issuer, bad signature, wrong audience, low acr, revoked) into the vault',
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['kind'],
    properties: {
      kind: { enum: ['expired', 'foreign-issuer', 'bad-signature', 'wrong-audience', 'low-acr', 'revoked', 'fresh'] },
      from: { type: 'string', pattern: '^vault:' },
      role: ROLE_INPUT_SCHEMA,
      identity: RANK_INPUT_SCHEMA,
      maxWaitSeconds: { type: 'number', minimum: 0 },
      audience: { type: 'string' },
      acceptedAcr: { type: 'array', items: { type: 'string' } },
    },
  },
  async run(input, ctx) {
    const identity: IdentitySelection = input.role !== undefined || input.identity === undefined ? { role: input.role ?? DEFAULT_ROLE[input.kind] } : { identity: input.identity };
    switch (input.kind) {
      case 'expired': {
        // Raw HTTP: the token may come already expired, which a certified client library refuses. Any
        // token of this run's approval will do, expired or not (reuse: false hands over the run's flow
        // instead of asking the person again for a token that is still valid).
        const handle = input.from ?? requireApproved(await runCibaFlow(ctx, { ...identity, reuse: false }, { raw: true })).tokenHandle!;
        const claims = ctx.oidc.vault.claims(handle) ?? {};
        if (claims.exp === undefined) throw precondition(phrase('pe-forge-no-exp'));
        const waitMs = Math.max(0, claims.exp * 1000 - Date.now() + 1500);
        const maxWait = (input.maxWaitSeconds ?? 10) * 1000;
        if (waitMs > maxWait) {
          throw precondition(phrase('pe-forge-expires-late', { seconds: `${Math.ceil(waitMs / 1000)}`, max: `${maxWait / 1000}` }));
        }
        const until = Date.now() + waitMs;
        while (Date.now() < until) {
          ctx.oidc.progress({ kind: 'expiry-wait', secondsLeft: (until - Date.now()) / 1000, message: phrase('wait-token-expiry') });
          await sleep(Math.min(1000, Math.max(0, until - Date.now())), ctx.signal);
        }
        ctx.oidc.vault.withdrawReusable(handle);
        const token = ctx.oidc.vault.resolve(handle, ctx.redactor);
        return done(ctx, input.kind, token, claims, 'a genuine token, presented after its exp', { waitedSeconds: Math.round(waitMs / 100) / 10 });
      }
      case 'foreign-issuer': {
        // msscheck's key is generated (an RSA key: up to a second of work on a busy machine) while the person is asked.
        const key = msscheckKey(ctx);
        key.catch(() => undefined); // awaited below, once the token is there
        const handle = input.from ?? (await approvedToken(ctx, { identity, reuse: true })).tokenHandle!;
        const payload = decodePayload(ctx.oidc.vault.resolve(handle, ctx.redactor));
        const { privateKey, jwk } = await key;
        const { SignJWT } = await import('jose');
        const token = await new SignJWT({ ...payload, iss: FOREIGN_ISSUER })
          .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: jwk.kid, jwk })
          .sign(privateKey);
        return done(ctx, input.kind, token, readJwtClaims(token) ?? {}, `the same claims, issuer ${FOREIGN_ISSUER}, signed by msscheck's own key (given in the jwk header)`);
      }
      case 'bad-signature': {
        const handle = input.from ?? (await approvedToken(ctx, { identity, reuse: true })).tokenHandle!;
        const parts = ctx.oidc.vault.resolve(handle, ctx.redactor).split('.');
        if (parts.length !== 3 || !parts[2]) throw precondition(phrase('pe-forge-not-signed'));
        const sig = Buffer.from(parts[2], 'base64url');
        sig[Math.floor(sig.length / 2)]! ^= 0xff;
        sig[sig.length - 1]! ^= 0x01;
        const token = `${parts[0]}.${parts[1]}.${sig.toString('base64url')}`;
        return done(ctx, input.kind, token, readJwtClaims(token) ?? {}, 'a genuine token with two signature bytes altered');
      }
      case 'wrong-audience': {
        if (!input.audience) throw new ProbeError('EINPUT', phrase('pe-forge-needs-audience'));
        // From the run's one approval (token exchange or refresh token); a second CIBA request only
        // where the provider offers neither (counted in the report's cibaApprovals).
        const approved = await approvedToken(ctx, { identity, reuse: true });
        const exchanged = await tokenForAudience(ctx, approved, identity, input.audience);
        const facts: { tokenHandle?: string; claims?: TokenClaims } = exchanged ?? (await runCibaFlow(ctx, { ...identity, resource: input.audience, reuse: true }));
        if (!exchanged) {
          const flow = facts as CibaFacts;
          if (flow.outcome === 'rejected') throw precondition(phrase('pe-forge-audience-refused', { audience: input.audience, error: `${flow.requestError}` }));
          requireApproved(flow);
        }
        const expected = ctx.target.profile.auth?.expectedAudience;
        const aud = audiences(facts.claims ?? {});
        if (aud.length === 0 || (expected !== undefined && aud.includes(expected))) {
          throw precondition(phrase('pe-forge-audience-same', { audience: input.audience, aud: aud.join(', ') || phrase('pe-none') }));
        }
        return { kind: input.kind, tokenHandle: facts.tokenHandle!, claims: facts.claims ?? {}, method: exchanged?.method ?? `a genuine token the provider issued for ${input.audience} on a second CIBA request (the provider offers neither token exchange nor a refresh token for that resource)` };
      }
      case 'low-acr': {
        const facts = requireApproved(await runCibaFlow(ctx, { ...identity, reuse: true }));
        const accepted = input.acceptedAcr ?? ['eidas1'];
        if (facts.claims?.acr !== undefined && accepted.includes(facts.claims.acr)) {
          throw precondition(phrase('pe-forge-acr-not-below', { address: facts.identity.address, acr: `${facts.claims.acr}`, accepted: accepted.join('/') }));
        }
        return carry(input.kind, facts, `a genuine token with acr ${facts.claims?.acr ?? '(none)'}`);
      }
      case 'fresh': {
        const handle = requireApproved(await freshToken(ctx, identity)).tokenHandle!;
        ctx.oidc.vault.withdrawReusable(handle);
        return { kind: input.kind, tokenHandle: handle, claims: ctx.oidc.vault.claims(handle) ?? {}, method: 'a genuine token no other step holds (a refresh grant, else a new CIBA request)' };
      }
      case 'revoked': {
        // A token no other step holds: revoking the run's shared token would break the others.
        const handle = input.from ?? requireApproved(await freshToken(ctx, identity)).tokenHandle!;
        ctx.oidc.vault.withdrawReusable(handle);
        const token = ctx.oidc.vault.resolve(handle, ctx.redactor);
        const client = oidcClient(ctx);
        const meta = await providerMetadata(ctx);
        const rev = await httpCall(ctx, {
          method: 'POST', url: meta.revocationEndpoint, title: phrase('ev-revocation'), headers: client.headers, tls: client.tls,
          form: { token, token_type_hint: 'access_token' },
        });
        if (rev.status !== 200) throw precondition(phrase('pe-forge-revocation-http', { status: rev.status }));
        const intro = await httpCall(ctx, {
          method: 'POST', url: meta.introspectionEndpoint, title: phrase('ev-introspection-after-revocation'), headers: client.headers, tls: client.tls,
          form: { token, token_type_hint: 'access_token' },
        });
        const active = intro.status === 200 && intro.json && typeof intro.json === 'object' ? (intro.json as { active?: unknown }).active : undefined;
        return done(ctx, input.kind, token, ctx.oidc.vault.claims(handle) ?? {}, 'a genuine token revoked at the revocation endpoint', {
          revocationStatus: rev.status,
          activeAfterRevocation: typeof active === 'boolean' ? active : null,
        });
      }
    }
  },
};

async function approvedToken(ctx: ProbeContext, sel: { identity: IdentitySelection; reuse: boolean }): Promise<CibaFacts> {
  return requireApproved(await runCibaFlow(ctx, { ...sel.identity, reuse: sel.reuse }));
}

function requireApproved(flow: CibaFacts): CibaFacts {
  if (flow.outcome !== 'approved' || !flow.tokenHandle) {
    throw precondition(phrase('pe-forge-no-valid-token', { address: flow.identity.address, outcome: flow.outcome }));
  }
  return flow;
}

function decodePayload(token: string): Record<string, unknown> {
  const parts = token.split('.');
  try {
    if (parts.length !== 3) throw new Error('not a JWT');
    return JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw precondition(phrase('pe-forge-not-jwt'));
  }
}

function done(ctx: ProbeContext, kind: ForgeKind, token: string, claims: TokenClaims, method: string, extra: Partial<ForgeFacts> = {}): ForgeFacts {
  const tokenHandle = ctx.oidc.vault.deposit(token, claims, ctx.redactor, `${kind} token`);
  ctx.evidence('token-claims', phrase('ev-forged-token-claims', { kind }), claims);
  return { kind, tokenHandle, claims, method, ...extra };
}

function carry(kind: ForgeKind, facts: CibaFacts, method: string): ForgeFacts {
  return { kind, tokenHandle: facts.tokenHandle!, claims: facts.claims ?? {}, method };
}
