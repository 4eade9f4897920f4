/**
 * The sandbox operator's IMAP endpoint: starts the server, contributes `endpoints.imap` and the
 * mailboxes it serves (with their client certificates, password and TOTP seed as `file:`
 * references in the sandbox's work folder), and implements the IMAP defects.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pkiItem, pkiTrust } from '../../pki/fixtures.js';
import type { Mailbox, TargetProfile } from '../../target/profile.js';
import type { DefectSpec, SandboxComponent, SandboxComponentFactory, SandboxContext } from '../types.js';
import { igcTrustMaterial } from '../client-certificates.js';
import { type ImapAccount, type ImapBehaviour, startImapServer } from './server.js';
import { IMAP_CERTIFICATE_BY_DEFECT, IMAP_DEFECTS } from './defects.js';
import { HARDENED_CIPHERS, WEAK_CIPHERS } from '../tls-ciphers.js';
import { MAILBOX_CONTENT_DEFECTS, seedFor } from './seed-messages.js';
import { PSC_MEANS_ID } from '../psc/index.js';

export const APP_MAILBOX = 'app@sandbox.mssante.test';
export const PERSON_MAILBOX = 'dr.cps@sandbox.mssante.test';
/** National identifier in the CN of the CPS-like person certificate (fixtures/pki: cps-person). */
export const PERSON_NATIONAL_ID = '899700000001';

/** Moved to ../client-certificates.ts (shared with SMTP submission); re-exported for existing callers. */
export { igcTrustMaterial };

/** How the server behaves with the given defects switched on. */
export function behaviourFor(defects: ReadonlySet<string>, profile: TargetProfile): ImapBehaviour {
  return {
    starttls: !defects.has('imap-no-starttls'),
    passwordLogin: defects.has('imap-password-login') || (profile.auth?.declared ?? []).includes('password'),
    oauthbearer: !defects.has('imap-no-oauthbearer'),
    hideOauthbearer: defects.has('imap-oauthbearer-unadvertised'),
    hideXoauth2: defects.has('imap-xoauth2-unadvertised'),
    hideExternal: defects.has('imap-external-unadvertised'),
    passwordBeforeTls: defects.has('imap-password-before-tls'),
    xoauth2ErrorFormat: !defects.has('imap-xoauth2-bad-error-format'),
    clientCertChecks: {
      trust: !defects.has('imap-external-accepts-non-igc'),
      validity: !defects.has('imap-external-accepts-expired'),
      revocation: !defects.has('imap-external-accepts-revoked'),
    },
  };
}

function clientCertRef(name: string): Mailbox['clientCertificate'] {
  const item = pkiItem(name);
  if (item.p12Path && item.p12PassphrasePath) return { cert: item.certPath, key: `file:${item.keyPath}`, pkcs12: item.p12Path, passphrase: `file:${item.p12PassphrasePath}` };
  return { cert: item.certPath, key: `file:${item.keyPath}` };
}

/** Adds `extra` to the mailbox with the same address, or appends it. */
function mergeMailbox(profile: TargetProfile, extra: Mailbox): void {
  profile.mailboxes ??= [];
  const existing = profile.mailboxes.find((m) => m.address.toLowerCase() === extra.address.toLowerCase());
  if (existing) Object.assign(existing, { ...extra, ...existing, clientCertificate: existing.clientCertificate ?? extra.clientCertificate });
  else profile.mailboxes.push(extra);
}

export const imapComponent: SandboxComponentFactory = {
  name: 'imap',
  defects: [...IMAP_DEFECTS, ...MAILBOX_CONTENT_DEFECTS],
  async start(ctx: SandboxContext): Promise<SandboxComponent> {
    const server = pkiItem(IMAP_CERTIFICATE_BY_DEFECT.find((c) => ctx.defects.has(c.defect))?.item ?? 'serv-ssl-sandbox');
    const passwordFile = join(ctx.workDir, 'imap-password.secret');
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
    const password = readFileSync(passwordFile, 'utf8');

    const ownMailboxes: Mailbox[] = [
      { address: APP_MAILBOX, type: 'APP', clientCertificate: clientCertRef('app-client') },
      { address: PERSON_MAILBOX, type: 'PER', nationalId: PERSON_NATIONAL_ID, clientCertificate: clientCertRef('cps-person'), password: `file:${passwordFile}` },
    ];
    const accounts = (): ImapAccount[] =>
      [...(ctx.profile.mailboxes ?? []), ...ownMailboxes].map((m) => ({
        address: m.address,
        nationalId: m.nationalId,
        password: m.address === PERSON_MAILBOX ? password : undefined,
      }));
    const running = await startImapServer({
      host: ctx.host,
      tls: ctx.defects.has('imap-accepts-tls10')
        ? { key: server.key, cert: server.chain, ciphers: 'DEFAULT:@SECLEVEL=0', minVersion: 'TLSv1' }
        : { key: server.key, cert: server.chain, ciphers: ctx.defects.has('imap-weak-cipher') ? WEAK_CIPHERS : HARDENED_CIPHERS },
      trust: igcTrustMaterial(ctx.defects.has('imap-external-refuses-valid') ? ['root'] : ['root', 'ca']),
      accounts,
      tokenVerifier: () => ctx.services.tokenVerifier,
      messages: () => ctx.services.messageStore,
      seed: seedFor(ctx.defects),
      now: () => new Date(),
      behaviour: behaviourFor(ctx.defects, ctx.profile),
    });
    return {
      name: 'imap',
      contribute(profile: TargetProfile): void {
        profile.endpoints.imap = { host: ctx.host, port: running.port, security: 'starttls', serverName: 'localhost' };
        // Under imap-xoauth2-unadvertised the operator declares PSC on IMAP (endpoints.imap.means), so the
        // positive XOAUTH2 test applies and sees the mechanism accepted without being advertised.
        if (ctx.defects.has('imap-xoauth2-unadvertised')) profile.endpoints.imap.means = [PSC_MEANS_ID];
        // Likewise, imap-external-unadvertised: the certificate means are declared on IMAP.
        if (ctx.defects.has('imap-external-unadvertised')) profile.endpoints.imap.means = ['org-certificate', 'cpx-card'];
        // What msscheck knows as IGC-Santé for the sandbox: the test hierarchy, as the ANS .p7b bundle.
        profile.igcSanteBundle ??= pkiTrust().igcP7b;
        for (const m of ownMailboxes) mergeMailbox(profile, m);
      },
      stop: () => running.close(),
    };
  },
};
