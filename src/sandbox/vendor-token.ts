/**
 * A fresh XOAUTH2 access token from a RUNNING sandbox's Pro Santé Connect, for client-software
 * vendors who test their own XOAUTH2 code against `msscheck sandbox`. It does what the catalogue's
 * CIBA probe does (discovery, backchannel authentication request, polling the token endpoint), for
 * one test identity, with the sandbox's own client. Sandbox only: the profile must be the sandbox's
 * and its provider on loopback; a real provider is never asked.
 *
 * How it finds the running sandbox: `msscheck sandbox` writes its target profile to a state file
 * (`sandboxStatePath()`, removed when it stops); `--target FILE` reads a profile written by
 * `--print-target` instead.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Mailbox, TargetProfile } from '../target/profile.js';
import { InputError, saying } from '../util/input-error.js';
import { phrase } from '../i18n/phrase.js';

/** The operator id the sandbox's profile carries. */
export const SANDBOX_OPERATOR_ID = '00000000000000';

/** Where `msscheck sandbox` records the profile of the sandbox it runs (per user; MSSCHECK_SANDBOX_STATE overrides). */
export function sandboxStatePath(env: Record<string, string | undefined> = process.env): string {
  return env.MSSCHECK_SANDBOX_STATE ?? join(tmpdir(), `msscheck-sandbox-${process.getuid?.() ?? 'user'}.yaml`);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export interface SandboxToken {
  address: string;
  accessToken: string;
  expiresIn?: number;
  /** The SASL XOAUTH2 initial response (base64): `user=ADDRESS^Aauth=Bearer TOKEN^A^A`. */
  xoauth2: string;
}

/** The test identity named `name`: its address, or the part before `@` (`dr.approve`), case-insensitive. */
export function findIdentity(profile: TargetProfile, name: string): Mailbox {
  const n = name.toLowerCase();
  const identities = (profile.mailboxes ?? []).filter((m) => m.nationalId);
  const found = identities.find((m) => m.address.toLowerCase() === n || m.address.toLowerCase().split('@')[0] === n);
  if (!found) {
    throw new InputError({
      field: '--identity',
      ...saying(phrase('vendor-no-identity', { name }), phrase('flag-use-one-of', { values: identities.map((m) => m.address.split('@')[0]).join(', ') })),
    });
  }
  return found;
}

/** Reads a running sandbox's profile (state file or --target), refusing anything but the sandbox. */
export function readSandboxProfile(path: string): { profile: TargetProfile; baseDir: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError({ file: path, ...saying(phrase('vendor-no-sandbox'), phrase('vendor-no-sandbox-fix')) });
  }
  const profile = parse(text) as TargetProfile;
  const issuer = profile?.endpoints?.oidc?.issuer;
  const host = issuer ? new URL(issuer).host.replace(/:\d+$/, '') : undefined;
  if (profile?.operator?.id !== SANDBOX_OPERATOR_ID || !host || !LOOPBACK.has(host)) {
    throw new InputError({ file: path, ...saying(phrase('vendor-not-sandbox'), phrase('vendor-not-sandbox-fix')) });
  }
  return { profile, baseDir: resolve(path, '..') };
}

type Fetch = typeof fetch;

async function json(res: Response, what: string): Promise<Record<string, unknown>> {
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok && body.error !== 'authorization_pending' && body.error !== 'slow_down') {
    throw new InputError({ ...saying(phrase('vendor-http', { what, status: String(res.status), error: typeof body.error === 'string' ? ` ${body.error}` : '' }), phrase('vendor-http-fix')) });
  }
  return body;
}

/** Asks the sandbox's provider for a token for `identity` (CIBA, as the sandbox's client). */
export async function fetchSandboxToken(profile: TargetProfile, baseDir: string, identity: Mailbox, options: { fetch?: Fetch; timeoutMs?: number } = {}): Promise<SandboxToken> {
  const doFetch = options.fetch ?? fetch;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const signal = () => AbortSignal.timeout(Math.max(1, deadline - Date.now()));
  const issuer = profile.endpoints.oidc!.issuer;
  const client = profile.oidcClient;
  const secretRef = client?.clientSecret ?? '';
  if (!client || !secretRef.startsWith('file:')) throw new InputError({ ...saying(phrase('vendor-no-secret'), phrase('vendor-no-secret-fix')) });
  const secretPath = secretRef.slice(5);
  const secret = readFileSync(isAbsolute(secretPath) ? secretPath : resolve(baseDir, secretPath), 'utf8').trim();
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
  const meta = await json(await doFetch(`${issuer}/.well-known/openid-configuration`, { signal: signal() }), 'discovery');
  const form = (fields: Record<string, string | undefined>) => new URLSearchParams(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined));
  const headers = { authorization: basic, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  const auth = await json(
    await doFetch(String(meta.backchannel_authentication_endpoint), {
      method: 'POST',
      headers,
      body: form({ scope: 'openid scope_all', login_hint: identity.nationalId, binding_message: 'msscheck sandbox token', acr_values: 'eidas1', channel: client.channel }),
      signal: signal(),
    }),
    'CIBA authentication request',
  );
  if (typeof auth.auth_req_id !== 'string') throw new InputError({ ...saying(phrase('vendor-ciba-refused', { address: identity.address, error: typeof auth.error === 'string' ? ` (${auth.error})` : '' }), phrase('vendor-use-approve')) });
  let interval = typeof auth.interval === 'number' ? auth.interval : 1;
  for (;;) {
    await new Promise((r) => setTimeout(r, interval * 1000));
    if (Date.now() > deadline) throw new InputError({ ...saying(phrase('vendor-no-token-in-time', { address: identity.address, role: identity.pscTestRole ?? 'unknown' }), phrase('vendor-use-approve')) });
    const answer = await json(
      await doFetch(String(meta.token_endpoint), { method: 'POST', headers, body: form({ grant_type: 'urn:openid:params:grant-type:ciba', auth_req_id: auth.auth_req_id }), signal: signal() }),
      'token request',
    );
    if (typeof answer.access_token === 'string') {
      const xoauth2 = Buffer.from(`user=${identity.address}\u0001auth=Bearer ${answer.access_token}\u0001\u0001`).toString('base64');
      return { address: identity.address, accessToken: answer.access_token, expiresIn: typeof answer.expires_in === 'number' ? answer.expires_in : undefined, xoauth2 };
    }
    if (answer.error === 'slow_down') interval += 5;
    else if (answer.error !== 'authorization_pending') {
      throw new InputError({ ...saying(phrase('vendor-no-token', { address: identity.address, error: String(answer.error) }), phrase('vendor-use-approve')) });
    }
  }
}
