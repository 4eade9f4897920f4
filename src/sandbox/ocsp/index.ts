/**
 * The sandbox's OCSP responder component: answers for the test PKI's certificates (good, revoked
 * from the CRL data, unknown for the rest), signed by the issuing CA, and gives the profile
 * `endpoints.ocsp.url`, the responder msscheck asks instead of the AIA URL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PkiManifest } from '../../pki/manifest.js';
import type { DefectSpec, SandboxComponent, SandboxComponentFactory } from '../types.js';
import { ocspBook } from './book.js';
import { startOcspResponder } from './responder.js';

export const OCSP_DEFECTS: DefectSpec[] = [
  {
    name: 'ocsp-says-good-for-revoked',
    description:
      'Both SMTP endpoints present serv-ssl-revoked (listed in ACI-EL-ORG-TEST.crl) and the OCSP responder answers `good` for it: a good OCSP answer must not hide a CRL revocation.',
    fails: ['X509-CERT-NOT-REVOKED/mta', 'X509-CERT-NOT-REVOKED/submission'],
  },
];

export const ocspComponent: SandboxComponentFactory = {
  name: 'ocsp',
  defects: OCSP_DEFECTS,
  async start(ctx): Promise<SandboxComponent> {
    const responder = await startOcspResponder(ocspBook(JSON.parse(readFileSync(join(ctx.pkiDir, 'index.json'), 'utf8')) as PkiManifest, ctx.pkiDir), ctx.host, { goodForRevoked: ctx.defects.has('ocsp-says-good-for-revoked') });
    return {
      name: 'ocsp',
      contribute(profile) {
        profile.endpoints.ocsp = { url: responder.url };
      },
      stop: () => responder.close(),
    };
  },
};
