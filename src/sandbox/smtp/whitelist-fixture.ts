import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pkiItem } from '../../pki/fixtures.js';
import type { ClientCertificate, TargetProfile } from '../../target/profile.js';
import { SANDBOX_WHITELIST, WHITELIST_WITHOUT_SANDBOX } from './peer-trust.js';

/** fixtures/whitelist: the test whitelists (liste blanche). */
export const WHITELIST_DIR = fileURLToPath(new URL('../../../fixtures/whitelist/', import.meta.url));

function peer(item: string): ClientCertificate {
  const p = pkiItem(item);
  return { cert: p.chainPath, key: `file:${p.keyPath}` };
}

/**
 * What the sandbox tells msscheck about the trust space: the whitelist (without the sandbox's own
 * domain under `whitelist-missing-domain`) and the certificates to play peer operators with
 * (test PKI; keys as `file:` references, so they are redacted like any secret).
 */
export function whitelistFor(defects: ReadonlySet<string>): Pick<TargetProfile, 'whitelist' | 'peerCertificates'> {
  return {
    whitelist: join(WHITELIST_DIR, defects.has('whitelist-missing-domain') ? WHITELIST_WITHOUT_SANDBOX : SANDBOX_WHITELIST),
    peerCertificates: {
      valid: peer('serv-ssl-peer'),
      nonIgc: peer('serv-ssl-non-igc'),
      expired: peer('serv-ssl-expired'),
      revoked: peer('serv-ssl-revoked'),
      unlisted: peer('serv-ssl-unlisted-peer'),
    },
  };
}
