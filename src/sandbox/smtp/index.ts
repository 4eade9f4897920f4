import { pkiItem, pkiTrust } from '../../pki/fixtures.js';
import type { MailEndpoint } from '../../target/profile.js';
import type { SandboxComponent, SandboxComponentFactory, StoredMessage } from '../types.js';
import { behaviourFor } from './behaviour.js';
import { CERTIFICATE_BY_DEFECT, DEFAULT_CERTIFICATE, SMTP_DEFECTS } from './defects.js';
import { startSmtpEndpoint } from './server.js';
import { storeDirWriter } from './store-dir.js';
import { profilePasswordLookup } from './mailbox-passwords.js';
import { TRUST_CERTIFICATE_BY_DEFECT, TRUST_DEFECTS, tlsExtrasFor } from './peer-trust.js';
import { WHITELIST_DIR, whitelistFor } from './whitelist-fixture.js';
import { SUBMISSION_EXTERNAL_DEFECTS, submissionExternalFor } from './external.js';
import { PSC_MEANS_ID } from '../psc/index.js';

/** Name both SMTP endpoints' certificates carry, and that the profile tells clients to expect. */
export const SANDBOX_SMTP_SERVER_NAME = 'localhost';

/**
 * The sandbox operator's SMTP transport: the operator-to-operator MTA (port 25 role) and the
 * submission endpoint (587 role), both STARTTLS with an IGC-Santé TEST SERV SSL certificate.
 */
type MessageHook = (message: StoredMessage, n: number) => void;

function bothHooks(a: MessageHook | undefined, b: MessageHook | undefined): MessageHook | undefined {
  if (!a || !b) return a ?? b;
  return (m, n) => {
    a(m, n);
    b(m, n);
  };
}

export const smtpComponent: SandboxComponentFactory = {
  name: 'smtp',
  defects: [...SMTP_DEFECTS, ...TRUST_DEFECTS, ...SUBMISSION_EXTERNAL_DEFECTS],
  async start(ctx): Promise<SandboxComponent> {
    const certName = [...TRUST_CERTIFICATE_BY_DEFECT, ...CERTIFICATE_BY_DEFECT].find((c) => ctx.defects.has(c.defect))?.item ?? DEFAULT_CERTIFICATE;
    const cert = pkiItem(certName);
    const store: StoredMessage[] = (ctx.services.messageStore ??= []);
    const localDomains = ctx.profile.domains.map((d) => d.toLowerCase());
    const common = { host: ctx.host, key: cert.key, cert: cert.chain, localDomains, services: ctx.services, store, passwordFor: profilePasswordLookup(ctx.profile), onStored: bothHooks(storeDirWriter(ctx.storeDir), ctx.onMessage) };
    const mta = await startSmtpEndpoint({ ...common, behaviour: behaviourFor('mta', ctx.defects), tlsExtras: tlsExtrasFor('mta', ctx.defects, ctx.pkiDir, WHITELIST_DIR) });
    let submission;
    try {
      submission = await startSmtpEndpoint({ ...common, behaviour: behaviourFor('submission', ctx.defects), tlsExtras: tlsExtrasFor('submission', ctx.defects, ctx.pkiDir, WHITELIST_DIR), external: submissionExternalFor('submission', ctx.defects, ctx.profile) });
    } catch (err) {
      await mta.close();
      throw err;
    }
    const endpoint = (port: number): MailEndpoint => ({ host: ctx.host, port, security: 'starttls', serverName: SANDBOX_SMTP_SERVER_NAME });
    const trustChain = pkiTrust().igcChain;
    return {
      name: 'smtp',
      contribute(profile) {
        profile.endpoints.smtpMta = endpoint(mta.port);
        profile.endpoints.smtpSubmission = endpoint(submission.port);
        // Under the *-unadvertised defects the operator declares the means on submission (endpoints.*.means),
        // so the positive tests apply and see the mechanism accepted without being advertised.
        const declared = [...(ctx.defects.has('submission-xoauth2-unadvertised') ? [PSC_MEANS_ID] : []), ...(ctx.defects.has('submission-external-unadvertised') ? ['org-certificate', 'cpx-card'] : [])];
        if (declared.length) profile.endpoints.smtpSubmission.means = declared;
        profile.trustAnchors = [...new Set([...(profile.trustAnchors ?? []), trustChain])];
        // What msscheck knows as IGC-Santé for the sandbox: the test hierarchy, as the ANS .p7b bundle.
        profile.igcSanteBundle ??= pkiTrust().igcP7b;
        if (!profile.domains.includes('sandbox.mssante.test')) profile.domains.push('sandbox.mssante.test');
        Object.assign(profile, whitelistFor(ctx.defects, ctx.workDir));
      },
      async stop() {
        await Promise.all([mta.close(), submission.close()]);
      },
    };
  },
};
