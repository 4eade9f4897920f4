import type { X509Certificate } from 'node:crypto';
import { nodeCertificate } from '../../x509/node-certificate.js';
import { readFileSync } from 'node:fs';
import { pkiItem } from '../../pki/fixtures.js';
import { targetPath, type ClientCertificate } from '../../target/profile.js';
import { precondition, ProbeError, type ProbeContext } from '../types.js';
import { phrase } from '../../i18n/phrase.js';

/** Roles of the certificates msscheck presents as a peer operator (keys of the profile's `peerCertificates`). */
export const PEER_ROLES = ['none', 'valid', 'nonIgc', 'expired', 'revoked', 'unlisted'] as const;
export type PeerRole = (typeof PEER_ROLES)[number];

/** Test PKI items used when the target profile gives no certificate for a negative role. */
const TEST_PKI_DEFAULTS: Partial<Record<PeerRole, string>> = {
  nonIgc: 'serv-ssl-non-igc',
  expired: 'serv-ssl-expired',
  revoked: 'serv-ssl-revoked',
  unlisted: 'serv-ssl-unlisted-peer',
};

export interface PeerIdentity {
  role: PeerRole;
  source: 'profile' | 'test-pki' | 'none';
  cert?: string;
  key?: string;
  pfx?: Buffer;
  passphrase?: string;
  /** Leaf certificate, for the sender domain and the report. */
  leaf?: X509Certificate;
}

/**
 * The identity for a role: the target profile's `peerCertificates.<role>` (key and passphrase
 * through the secret resolver, so they are redacted), else the test PKI item for a negative role.
 * A `valid` certificate must come from the profile (a real operator does not trust the test PKI).
 */
export function peerIdentity(role: PeerRole, ctx: ProbeContext): PeerIdentity {
  if (role === 'none') return { role, source: 'none' };
  const given: ClientCertificate | undefined = ctx.target.profile.peerCertificates?.[role];
  if (given) {
    try {
      if (given.pkcs12) {
        const pfx = ctx.secrets.resolveFile(given.pkcs12);
        if (!pfx) throw new ProbeError('EINPUT', phrase('pe-peer-pkcs12-unreadable', { role }));
        return { role, source: 'profile', pfx, passphrase: ctx.secrets.resolve(given.passphrase, `peer ${role} passphrase`) };
      }
      if (!given.cert || !given.key) throw new ProbeError('EINPUT', phrase('pe-peer-needs-key', { role }));
      const cert = readFileSync(targetPath(ctx.target, given.cert), 'utf8');
      const key = ctx.secrets.resolve(given.key, `peer ${role} private key`);
      if (!key) throw new ProbeError('EINPUT', phrase('pe-peer-key-unset', { role }));
      return { role, source: 'profile', cert, key, leaf: nodeCertificate(cert) };
    } catch (err) {
      if (err instanceof ProbeError) throw err;
      throw new ProbeError('EINPUT', `peerCertificates.${role}: ${(err as Error).message}`);
    }
  }
  const item = TEST_PKI_DEFAULTS[role];
  if (!item) throw precondition(phrase('pe-no-peer-certificate', { role }));
  const p = pkiItem(item);
  ctx.redactor.register(p.key, `peer ${role} private key`);
  return { role, source: 'test-pki', cert: p.chain, key: p.key, leaf: nodeCertificate(p.cert) };
}

/** The sender domain a certificate serves: its first dotted DNS name, without a leading `mx.` label. */
export function senderDomainOf(leaf: X509Certificate | undefined, fallback: string): string {
  const dns = (leaf?.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4))
    .find((d) => d.includes('.'));
  return dns ? dns.replace(/^mx\d*\./i, '') : fallback;
}
