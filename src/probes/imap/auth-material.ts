/**
 * What an authentication probe presents, taken from the target profile and resolved through the
 * redactor: the mailbox (by address or by PSC test identity role), a bearer token (vault handle from the
 * oidc probes, or an env:/file: reference), a password, and a TLS client certificate (PEM or
 * PKCS#12 with its passphrase by reference, or a built-in test PKI item `pki:<name>`).
 */
import { phrase } from '../../i18n/phrase.js';
import { pkiItem } from '../../pki/fixtures.js';
import type { Mailbox, PscTestRole } from '../../target/profile.js';
import { targetPath } from '../../target/profile.js';
import type { TlsClientOptions } from '../../net/line-connection.js';
import { ProbeError, precondition, type ProbeContext } from '../types.js';
import type { AuthInput } from './auth-facts.js';
import { selectPscTestIdentity } from '../oidc/test-identity.js';

/**
 * The mailbox named by address; else the first of `type` (preferring one that has what `needs`
 * says); else the PSC test identity with `role` (default approve; or the legacy `identity` rank),
 * as src/probes/oidc/test-identity.ts selects it.
 */
export function pickMailbox(
  ctx: ProbeContext,
  sel: { mailbox?: string; role?: PscTestRole | PscTestRole[]; identity?: number; type?: Mailbox['type']; needs?: 'clientCertificate' | 'password' | 'totpSeed' | 'otpCodeSource' },
): Mailbox {
  const all = ctx.target.profile.mailboxes ?? [];
  if (sel.mailbox) {
    const m = all.find((x) => x.address.toLowerCase() === sel.mailbox!.toLowerCase());
    if (!m) throw precondition(phrase('pre-no-mailbox', { mailbox: sel.mailbox }));
    return m;
  }
  const has = (m: Mailbox): boolean => !sel.needs || Boolean(m[sel.needs]);
  if (sel.type) {
    const ofType = all.filter((x) => x.type === sel.type);
    const m = ofType.find(has) ?? ofType[0];
    if (!m) throw precondition(phrase('pre-no-mailbox-type', { type: sel.type }));
    return m;
  }
  if (sel.identity === undefined && sel.role === undefined && sel.needs) {
    const m = all.find(has);
    if (!m) throw precondition(phrase('pre-no-mailbox-with', { needs: sel.needs }));
    return m;
  }
  return selectPscTestIdentity(all, { role: sel.role, identity: sel.identity }).mailbox;
}

/** The access token behind a vault handle (`vault:<id>`) or a secret reference; registered with the redactor. */
export async function resolveBearerToken(ctx: ProbeContext, ref: string | undefined): Promise<string> {
  if (!ref || ref.includes('${')) throw precondition(phrase('pre-no-token'));
  if (ref.startsWith('vault:')) {
    // This run's token vault: registers the token with the redactor before handing it out.
    return ctx.oidc.vault.resolve(ref, ctx.redactor);
  }
  if (ref.startsWith('env:') || ref.startsWith('file:')) {
    const value = ctx.secrets.resolve(ref, 'access token');
    if (!value) throw precondition(phrase('pre-token-unset', { ref }));
    return value;
  }
  throw new ProbeError('EINPUT', phrase('pe-token-ref-form'));
}

/** The mailbox's password (or an explicit reference), registered with the redactor. */
export function resolvePassword(ctx: ProbeContext, mailbox: Mailbox, ref?: string): string {
  const r = ref ?? mailbox.password;
  if (!r) throw precondition(phrase('pre-no-password', { mailbox: mailbox.address }));
  const value = ctx.secrets.resolve(r, 'password');
  if (!value) throw precondition(phrase('pre-password-unset', { mailbox: mailbox.address }));
  return value;
}

export interface ClientCertMaterial {
  tls: Pick<TlsClientOptions, 'cert' | 'key' | 'pfx' | 'passphrase'>;
  /** Where it came from, for the facts: `mailbox:<address>:pem`, `pki:app-client-expired`... */
  source: string;
  format: 'pem' | 'pkcs12';
}

/**
 * `certificate`: `mailbox` (the mailbox's clientCertificate), or `pki:<item>` (a built-in test PKI
 * certificate, e.g. a deliberately expired one). `format` picks PEM or PKCS#12 when both are given.
 */
export function resolveClientCertificate(ctx: ProbeContext, mailbox: Mailbox | undefined, certificate: string, format?: 'pem' | 'pkcs12'): ClientCertMaterial {
  if (certificate.startsWith('pki:')) {
    const name = certificate.slice(4);
    let item;
    try {
      item = pkiItem(name);
    } catch {
      throw new ProbeError('EINPUT', phrase('pe-no-pki-item', { name }));
    }
    ctx.redactor.register(item.key, 'private key');
    return { tls: { cert: item.chain, key: item.key }, source: certificate, format: 'pem' };
  }
  if (certificate !== 'mailbox') throw new ProbeError('EINPUT', phrase('pe-certificate-form'));
  const cc = mailbox?.clientCertificate;
  if (!cc) throw precondition(phrase('pre-no-client-cert', { mailbox: mailbox?.address ?? 'the mailbox' }));
  const wantP12 = format === 'pkcs12' || (!format && !cc.cert && Boolean(cc.pkcs12));
  if (wantP12) {
    if (!cc.pkcs12) throw precondition(phrase('pre-no-pkcs12', { mailbox: mailbox!.address }));
    const pfx = ctx.secrets.resolveFile(targetPath(ctx.target, cc.pkcs12));
    if (!pfx) throw precondition(phrase('pre-pkcs12-unreadable', { mailbox: mailbox!.address }));
    const passphrase = cc.passphrase ? ctx.secrets.resolve(cc.passphrase, 'passphrase') : undefined;
    if (cc.passphrase && passphrase === undefined) throw precondition(phrase('pre-pkcs12-passphrase-unset', { mailbox: mailbox!.address }));
    return { tls: { pfx, passphrase }, source: `mailbox:${mailbox!.address}:pkcs12`, format: 'pkcs12' };
  }
  if (!cc.cert || !cc.key) throw precondition(phrase('pre-cert-needs-key', { mailbox: mailbox!.address }));
  const cert = ctx.secrets.resolveFile(targetPath(ctx.target, cc.cert));
  if (!cert) throw precondition(phrase('pre-cert-unreadable', { mailbox: mailbox!.address }));
  const key = ctx.secrets.resolve(cc.key, 'private key');
  if (!key) throw precondition(phrase('pre-key-unset', { mailbox: mailbox!.address }));
  return { tls: { cert, key }, source: `mailbox:${mailbox!.address}:pem`, format: 'pem' };
}

/** What one authentication attempt presents, whatever the protocol that carries it. */
export type AuthMaterial =
  | { kind: 'certificate'; mailbox?: Mailbox; user: string | null; cert: ClientCertMaterial }
  | { kind: 'bearer'; mechanism: 'XOAUTH2' | 'OAUTHBEARER'; mailbox: Mailbox; user: string; token: string }
  | { kind: 'password'; mechanism: 'PLAIN' | 'LOGIN'; mailbox: Mailbox; user: string; password: string };

/**
 * Picks the mailbox and resolves the credential an `imap.authenticate` / `smtp.authenticate` step
 * asks for: a client certificate (EXTERNAL), a bearer token (XOAUTH2, OAUTHBEARER) or a password
 * (PLAIN, LOGIN). Every secret is registered with the redactor on the way.
 */
export async function resolveAuthMaterial(input: AuthInput, ctx: ProbeContext): Promise<AuthMaterial> {
  const mech = input.mechanism;
  const select = { mailbox: input.mailbox, role: input.role, identity: input.identity, type: input.mailboxType };
  if (mech === 'EXTERNAL') {
    const certificate = input.certificate ?? 'mailbox';
    const mailbox = input.mailbox || input.mailboxType || certificate === 'mailbox' ? pickMailbox(ctx, { ...select, type: input.mailboxType ?? (input.mailbox ? undefined : 'APP'), needs: 'clientCertificate' }) : undefined;
    return { kind: 'certificate', mailbox, user: mailbox?.address ?? null, cert: resolveClientCertificate(ctx, mailbox, certificate, input.certificateFormat) };
  }
  const mailbox = pickMailbox(ctx, { ...select, needs: mech === 'PLAIN' || mech === 'LOGIN' ? 'password' : undefined });
  const user = mailbox.login ?? mailbox.address;
  if (mech === 'XOAUTH2' || mech === 'OAUTHBEARER') return { kind: 'bearer', mechanism: mech, mailbox, user, token: await resolveBearerToken(ctx, input.token) };
  return { kind: 'password', mechanism: mech, mailbox, user, password: resolvePassword(ctx, mailbox, input.password) };
}
