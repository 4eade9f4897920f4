/**
 * What `message.lint` presents to read a test mailbox over IMAP: by default SASL XOAUTH2 with a Pro
 * Santé Connect access token (a vault handle from `oidc.ciba`, or an env:/file: reference), for the
 * mailbox of the PSC test identity with `role` (default approve) or the one named by `mailbox`. A
 * password only when the input asks for it (`auth: password`): a conformant operator refuses it.
 * Every secret is registered with the redactor before it is used, including the XOAUTH2 payload.
 */
import type { Mailbox, PscTestRole } from '../../target/profile.js';
import { pickMailbox, resolveBearerToken, resolvePassword } from '../imap/auth-material.js';
import { precondition, type ProbeContext } from '../types.js';
import { phrase } from '../../i18n/phrase.js';

export type ImapAuthChoice = 'xoauth2' | 'password';

export interface ImapCredentialInput {
  /** `xoauth2` (default) or `password`. */
  auth?: ImapAuthChoice;
  /** Access token: `vault:<id>` (the tokenHandle fact of oidc.ciba) or an env:/file: reference. */
  token?: string;
  /** Mailbox address in the target profile; default: the PSC identity's mailbox (xoauth2) or the first with a password. */
  mailbox?: string;
  /** PSC test identity role whose mailbox is read (the mailbox's pscTestRole); default approve. */
  role?: PscTestRole;
  /** Legacy: PSC test identity rank (mailboxes with a nationalId, in profile order), when no role is given. */
  identity?: number;
}

export interface ImapCredentials {
  mailbox: Mailbox;
  user: string;
  mechanism: 'XOAUTH2' | 'PASSWORD';
  /** What imapflow's `auth` option receives. */
  auth: { user: string; accessToken: string } | { user: string; pass: string };
}

/** The XOAUTH2 initial response (base64), as the client will write it. */
export function xoauth2Payload(user: string, token: string): string {
  return Buffer.from(`user=${user}\x01auth=Bearer ${token}\x01\x01`, 'utf8').toString('base64');
}

export async function resolveImapCredentials(ctx: ProbeContext, input: ImapCredentialInput): Promise<ImapCredentials> {
  if (input.auth === 'password') {
    const mailbox = pickMailbox(ctx, { mailbox: input.mailbox, needs: 'password' });
    const user = mailbox.login ?? mailbox.address;
    const pass = resolvePassword(ctx, mailbox);
    return { mailbox, user, mechanism: 'PASSWORD', auth: { user, pass } };
  }
  if (!input.token) throw precondition(phrase('pe-no-token-mailbox'));
  const mailbox = pickMailbox(ctx, input.mailbox ? { mailbox: input.mailbox } : { role: input.role, identity: input.identity });
  const user = mailbox.login ?? mailbox.address;
  const token = await resolveBearerToken(ctx, input.token);
  // The payload goes on the wire in base64: register it (and its decoded form) before it is written.
  ctx.redactor.registerBase64(xoauth2Payload(user, token), 'xoauth2');
  return { mailbox, user, mechanism: 'XOAUTH2', auth: { user, accessToken: token } };
}
