import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pkiItem } from '../../pki/fixtures.js';
import type { ClientCertificate, TargetProfile } from '../../target/profile.js';
import { SANDBOX_WHITELIST, WHITELIST_WITHOUT_SANDBOX } from './peer-trust.js';

/** The sandbox list where sandbox.mssante.test names another operator's certificate DN (defect whitelist-foreign-dn). */
export const WHITELIST_FOREIGN_DN = 'liste-blanche-foreign-dn.xml';

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
export function whitelistFor(defects: ReadonlySet<string>, workDir: string): Pick<TargetProfile, 'whitelist' | 'whitelistChecksum' | 'peerCertificates'> {
  const whitelist = join(WHITELIST_DIR, defects.has('whitelist-missing-domain') ? WHITELIST_WITHOUT_SANDBOX : defects.has('whitelist-foreign-dn') ? WHITELIST_FOREIGN_DN : SANDBOX_WHITELIST);
  // ANS publishes `checksum` beside the list: the hex SHA-256 of its bytes. Under the defect, another file's.
  const checksummed = defects.has('whitelist-checksum-mismatch') ? join(WHITELIST_DIR, WHITELIST_WITHOUT_SANDBOX) : whitelist;
  const whitelistChecksum = join(workDir, 'liste-blanche.checksum');
  writeFileSync(whitelistChecksum, `${createHash('sha256').update(readFileSync(checksummed)).digest('hex')}\n`);
  return {
    whitelist,
    whitelistChecksum,
    peerCertificates: {
      valid: peer('serv-ssl-peer'),
      nonIgc: peer('serv-ssl-non-igc'),
      expired: peer('serv-ssl-expired'),
      revoked: peer('serv-ssl-revoked'),
      unlisted: peer('serv-ssl-unlisted-peer'),
    },
  };
}
