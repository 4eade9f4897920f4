/**
 * The sandbox MTA's operator-to-operator trust (mutual TLS, whitelist) and the TLS hardening of
 * both SMTP endpoints, with the defects that break them. Hooked into server.ts through
 * `SmtpTlsExtras`; written by the TLS/x509 engineer (issue 3).
 */
import { X509Certificate } from 'node:crypto';
import { nodeCertificate } from '../../x509/node-certificate.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import type { SMTPServerSession } from 'smtp-server';
import { pkiManifest, pkiTrust } from '../../pki/fixtures.js';
import { buildChain } from '../../probes/x509/chain.js';
import { listsDomainWithDn, readWhitelist, type Whitelist } from '../../probes/trust/whitelist.js';
import { distributionPoints, judgeWithLocalCrl } from '../../x509/revocation.js';
import { readTrustAnchors } from '../../x509/trust-store.js';
import type { DefectSpec } from '../types.js';
import type { SmtpRole } from './behaviour.js';
import { HARDENED_CIPHERS, WEAK_CIPHERS } from '../tls-ciphers.js';

/** Forward secrecy and AEAD only (TLS 1.2), plus OpenSSL's TLS 1.3 defaults: the conformant sandbox. */

/** Whitelist the sandbox MTA trusts peers by (fixtures/whitelist). */
export const SANDBOX_WHITELIST = 'liste-blanche-sandbox.xml';
export const WHITELIST_WITHOUT_SANDBOX = 'liste-blanche-without-sandbox.xml';

export const TRUST_DEFECTS: DefectSpec[] = [
  { name: 'tls-weak-cipher', description: 'The MTA also accepts TLS_RSA_WITH_AES_128_CBC_SHA (no forward secrecy) and TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (CBC-SHA1).', fails: [], reviews: ['TLS-CIPHER-SUITES/mta'] },
  { name: 'cert-revoked', description: 'Both SMTP endpoints present serv-ssl-revoked, listed in ACI-EL-ORG-TEST.crl.', fails: ['X509-CERT-NOT-REVOKED/mta', 'X509-CERT-NOT-REVOKED/submission'] },
  { name: 'cert-weak-key', description: 'Both SMTP endpoints present serv-ssl-rsa1024 (RSA 1024 bits, outside the SERV SSL profile).', fails: ['X509-CERT-PROFILE/mta', 'X509-CERT-PROFILE/submission'] },
  { name: 'mta-no-client-cert-request', description: 'The MTA never asks a peer operator for a client certificate (and so accepts any peer).', fails: [], reviews: ['TRUST-MTA-CLIENT-CERT-REQUESTED', 'TRUST-MTA-PEER-REFUSED/none'] },
  { name: 'mta-accepts-no-client-cert', description: 'The MTA asks for a client certificate but accepts a peer that sends none.', fails: [], reviews: ['TRUST-MTA-PEER-REFUSED/none'] },
  { name: 'mta-accepts-non-igc-peer', description: 'The MTA accepts a peer whose certificate is issued outside IGC-Santé.', fails: [], reviews: ['TRUST-MTA-PEER-REFUSED/non-igc'] },
  { name: 'mta-accepts-expired-peer', description: 'The MTA accepts a peer whose certificate has expired.', fails: [], reviews: ['TRUST-MTA-PEER-REFUSED/expired'] },
  { name: 'mta-accepts-revoked-peer', description: 'The MTA does not check peer certificates against the CRL.', fails: [], reviews: ['TRUST-MTA-PEER-REFUSED/revoked'] },
  { name: 'mta-accepts-unlisted-peer', description: 'The MTA accepts a peer whose certificate DN is not in the whitelist for its domain.', fails: [], reviews: ['TRUST-MTA-PEER-REFUSED/unlisted'] },
  { name: 'mta-refuses-valid-peer', description: 'The MTA refuses every peer certificate, even a valid whitelisted SERV SSL one.', fails: [], reviews: ['TRUST-MTA-PEER-ACCEPTED'], unverifiable: [...['none', 'non-igc', 'expired', 'revoked', 'unlisted'].map((v) => `TRUST-MTA-PEER-REFUSED/${v}`), 'SMTP-MTA-PLAINTEXT-MAIL-REFUSED'] },
  { name: 'whitelist-missing-domain', description: "The whitelist given in the profile does not list the sandbox's domain.", fails: ['TRUST-WHITELIST-DOMAINS'] },
  { name: 'whitelist-foreign-dn', description: "The whitelist lists the sandbox's domain with another operator's certificate DN, not the DN of the certificate its MTA presents.", fails: ['TRUST-WHITELIST-MTA-DN'] },
  { name: 'whitelist-checksum-mismatch', description: 'The checksum file given beside the whitelist is the SHA-256 of another file.', fails: ['TRUST-WHITELIST-CHECKSUM'] },
];

/** Certificates the SMTP endpoints present under these defects (checked before the SMTP component's own table). */
export const TRUST_CERTIFICATE_BY_DEFECT: { defect: string; item: string }[] = [
  { defect: 'cert-revoked', item: 'serv-ssl-revoked' },
  { defect: 'ocsp-says-good-for-revoked', item: 'serv-ssl-revoked' }, // the OCSP component's defect: its responder answers good for it
  { defect: 'cert-weak-key', item: 'serv-ssl-rsa1024' },
];

/** What server.ts adds to an endpoint: TLS options, and the peer checks of the MTA. */
export interface SmtpTlsExtras {
  ciphers: string;
  requestCert: boolean;
  /** Called in onSecure: keeps what the peer presented. */
  onSecure(socket: TLSSocket, session: SMTPServerSession): void;
  /** Called in onMailFrom after STARTTLS: an SMTP error (5xx) when the peer operator is refused. */
  checkMailFrom(session: SMTPServerSession, address: string): Promise<(Error & { responseCode: number }) | undefined>;
}

interface PeerChecks {
  requireCert: boolean;
  chain: boolean;
  expiry: boolean;
  revocation: boolean;
  whitelist: boolean;
  refuseAll: boolean;
}

function refusal(message: string): Error & { responseCode: number } {
  return Object.assign(new Error(`5.7.1 ${message}`), { responseCode: 550 });
}

/**
 * The TLS extras of one SMTP endpoint. The MTA asks for a client certificate and, at MAIL FROM,
 * refuses a peer without one, outside IGC-Santé, expired or revoked (judged on the sandbox clock:
 * the test PKI's referenceAsOf), or whose certificate DN the whitelist does not list for the
 * sender's domain. Each defect lifts one check.
 */
export function tlsExtrasFor(role: SmtpRole, defects: ReadonlySet<string>, pkiDir: string, whitelistDir: string): SmtpTlsExtras {
  const ciphers = role === 'mta' && defects.has('tls-weak-cipher') ? WEAK_CIPHERS : HARDENED_CIPHERS;
  const requestCert = role === 'mta' && !defects.has('mta-no-client-cert-request');
  const checks: PeerChecks = {
    requireCert: !defects.has('mta-accepts-no-client-cert'),
    chain: !defects.has('mta-accepts-non-igc-peer'),
    expiry: !defects.has('mta-accepts-expired-peer'),
    revocation: !defects.has('mta-accepts-revoked-peer'),
    whitelist: !defects.has('mta-accepts-unlisted-peer'),
    refuseAll: defects.has('mta-refuses-valid-peer'),
  };
  const presented = new Map<string, Buffer[]>();
  // A peer certificate's status on the sandbox clock, judged once per leaf and issuer: the CRLs and
  // the clock do not change during the sandbox's life, and a run presents the same few certificates
  // on dozens of connections.
  const revocationByPeer = new Map<string, Promise<string>>();
  let trust: { anchors: X509Certificate[]; whitelist: Whitelist; clock: Date } | undefined;
  const material = (): NonNullable<typeof trust> =>
    (trust ??= {
      anchors: readTrustAnchors([pkiTrust().igcChain]),
      whitelist: readWhitelist(join(whitelistDir, SANDBOX_WHITELIST)),
      clock: new Date(`${pkiManifest().referenceAsOf}T12:00:00Z`),
    });
  return {
    ciphers,
    requestCert,
    onSecure(socket, session) {
      if (!requestCert) return;
      const chain: Buffer[] = [];
      let c = socket.getPeerCertificate(true);
      const seen = new Set<string>();
      while (c && c.raw && !seen.has(c.fingerprint256)) {
        seen.add(c.fingerprint256);
        chain.push(c.raw);
        c = c.issuerCertificate;
      }
      presented.set(session.id, chain);
    },
    async checkMailFrom(session, address) {
      if (role !== 'mta' || !requestCert) return undefined;
      const chain = presented.get(session.id) ?? [];
      if (!chain.length) return checks.requireCert ? refusal('a peer operator must present its IGC-Sante SERV SSL certificate') : undefined;
      if (checks.refuseAll) return refusal('peer certificate refused');
      const m = material();
      const certs = chain.map((d) => nodeCertificate(d));
      const leaf = certs[0]!;
      const built = buildChain(certs, m.anchors);
      if (checks.chain && !built.trusted) return refusal('peer certificate not issued by IGC-Sante');
      const t = m.clock.getTime();
      if (checks.expiry && (new Date(leaf.validTo).getTime() < t || new Date(leaf.validFrom).getTime() > t)) return refusal('peer certificate expired or not yet valid');
      if (checks.revocation && built.path[1]) {
        const issuer = built.path[1];
        const key = `${leaf.fingerprint256}/${issuer.fingerprint256}`;
        let judged = revocationByPeer.get(key);
        if (!judged) {
          judged = (async () => {
            const file = distributionPoints(leaf.raw).map((u) => new URL(u).pathname.split('/').pop()!)[0];
            return file ? await judgeWithLocalCrl(leaf.raw, issuer.raw, readFileSync(join(pkiDir, 'crl', file)), m.clock) : 'unknown';
          })().catch(() => 'unknown');
          revocationByPeer.set(key, judged);
        }
        const status = await judged;
        if (status !== 'good') return refusal(`peer certificate ${status === 'revoked' ? 'revoked' : 'revocation status unknown'}`);
      }
      const domain = address.split('@').pop() ?? '';
      if (checks.whitelist && !listsDomainWithDn(m.whitelist, domain, leaf.subject)) return refusal(`the whitelist does not list ${domain} with this certificate`);
      return undefined;
    },
  };
}
