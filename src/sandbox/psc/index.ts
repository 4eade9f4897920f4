import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pscKeyPair } from './signing-key.js';
import type { Mailbox, TargetProfile } from '../../target/profile.js';
import type { SandboxComponent, SandboxComponentFactory, SandboxContext } from '../types.js';
import { loadPscConfig, type PscSandboxConfig } from './config.js';
import { PSC_DEFECTS } from './defects.js';
import { PollGovernor, startPscHttpServer } from './http-server.js';
import { buildPscProvider } from './provider.js';
import { PscStore } from './store.js';
import { PscTokenVerifier } from './token-verifier.js';

/** Policy means id the sandbox declares for its PSC login (policy/default.yaml). */
export const PSC_MEANS_ID = 'psc';

/**
 * The sandbox operator's Pro Santé Connect: a real OpenID provider (oidc-provider) on 127.0.0.1 over
 * plain HTTP (acceptable for a loopback sandbox; a real target must use https, which the discovery
 * scenario checks for non-loopback issuers). It sets `services.tokenVerifier` for the IMAP and SMTP
 * components and contributes the issuer, the msscheck client and one mailbox per test identity.
 */
export const pscComponent: SandboxComponentFactory = {
  name: 'psc',
  defects: PSC_DEFECTS,
  async start(ctx: SandboxContext): Promise<SandboxComponent> {
    return startPsc(ctx, loadPscConfig());
  },
};

export async function startPsc(ctx: SandboxContext, config: PscSandboxConfig): Promise<SandboxComponent> {
  const { privateKey, publicKey } = pscKeyPair();
  // A stable kid, as a realm's: a hash of the public key.
  const kid = `psc-sandbox-${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 12)}`;
  const signingJwk = { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
  const clientSecret = randomBytes(24).toString('base64url');
  const secretPath = join(ctx.workDir, config.client.secretFile);
  writeFileSync(secretPath, `${clientSecret}\n`, { mode: 0o600 });

  const store = new PscStore();
  store.verifyKey = publicKey;
  // The issuer needs the port, the port needs the server: the server gets the provider late.
  let issuer = '';
  const holder: { handle?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void } = {};
  const governor = new PollGovernor({
    intervalMs: config.cibaIntervalSeconds * 1000,
    incrementMs: config.slowDownIncrementSeconds * 1000,
    toleranceMs: config.pollToleranceMs,
  });
  const lateProvider = { callback: () => (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => holder.handle!(req, res) };
  const { server, port } = await startPscHttpServer(lateProvider as never, config.realmPath, ctx.host, governor, ctx.defects);
  issuer = `http://${ctx.host}:${port}${config.realmPath}`;
  const { provider, device } = buildPscProvider({
    issuer,
    config,
    store,
    signingJwk,
    verifyKey: publicKey,
    clientSecret,
    cookieKey: randomBytes(16).toString('hex'),
    defects: ctx.defects,
  });
  holder.handle = provider.callback();
  // oidc-provider logs nothing by default; swallow its server_error events (they carry no secrets, but
  // a test peer must stay quiet).
  provider.on('server_error', () => undefined);

  ctx.services.tokenVerifier = new PscTokenVerifier({
    issuer,
    audience: config.mailAudience,
    acceptedAcr: config.acceptedAcr,
    publicKey,
    store,
    defects: ctx.defects,
  });

  return {
    name: 'psc',
    contribute(profile: TargetProfile): void {
      profile.endpoints.oidc = { issuer };
      profile.oidcClient = { clientId: config.client.clientId, clientSecret: `file:${secretPath}`, channel: 'MOBILE' };
      const auth = (profile.auth ??= {});
      auth.declared = [...new Set([...(auth.declared ?? []), PSC_MEANS_ID])];
      auth.tokenValidation = 'jwt';
      auth.expectedAudience = config.mailAudience;
      const mailboxes: Mailbox[] = config.identities.map((i) => ({ address: i.address, type: 'PER', nationalId: i.nationalId, pscTestRole: i.pscTestRole }));
      profile.mailboxes = [...mailboxes, ...(profile.mailboxes ?? [])];
    },
    async stop(): Promise<void> {
      device.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
