import { phrase } from '../i18n/phrase.js';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import { currentLimits, limitExceeded } from '../limits/limits.js';

/** One certificate as the peer presented it. */
export interface PresentedCertificate {
  der: Buffer;
  pem: string;
}

/** What a completed TLS handshake tells us. */
export interface TlsInfo {
  /** `TLSv1.3`, `TLSv1.2`, ... */
  protocol: string | null;
  cipher: { name: string; standardName: string; version: string };
  /** The chain the peer sent, leaf first (as far as Node exposes it); empty when the session did not ask for it. */
  peerChain: PresentedCertificate[];
  /** Whether Node's own verification (system CAs) succeeded: informative only, we verify ourselves. */
  authorized: boolean;
  authorizationError?: string;
  servername?: string;
}

export function derToPem(der: Buffer): string {
  const b64 = der.toString('base64').match(/.{1,64}/g)?.join('\n') ?? '';
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/**
 * The peer's chain, leaf first. Node links each certificate to its issuer when it can find it in
 * the presented chain (and, for the last one, in its own CA store); we stop at a repeat. A chain
 * longer than `certificatesPerChain`, or a certificate larger than `certificateBytes`, is ELIMIT.
 */
function peerChain(socket: TLSSocket): PresentedCertificate[] {
  const out: PresentedCertificate[] = [];
  const seen = new Set<string>();
  const { certificatesPerChain, certificateBytes } = currentLimits();
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true) as DetailedPeerCertificate;
  while (cert && cert.raw && !seen.has(cert.fingerprint256)) {
    if (out.length >= certificatesPerChain) throw limitExceeded('certificatesPerChain', phrase('limit-what-chain-length'), `more than ${out.length} certificates`);
    if (cert.raw.length > certificateBytes) throw limitExceeded('certificateBytes', phrase('limit-what-certificate-size'), `${cert.raw.length} bytes, subject ${JSON.stringify(cert.subject?.CN ?? '')}`);
    seen.add(cert.fingerprint256);
    out.push({ der: cert.raw, pem: derToPem(cert.raw) });
    cert = cert.issuerCertificate;
  }
  return out;
}

export function tlsInfoOf(socket: TLSSocket, servername?: string, withChain = true): TlsInfo {
  const c = socket.getCipher();
  const err = socket.authorizationError as unknown;
  return {
    protocol: socket.getProtocol(),
    cipher: { name: c.name, standardName: c.standardName, version: c.version },
    peerChain: withChain ? peerChain(socket) : [],
    authorized: socket.authorized,
    ...(err ? { authorizationError: String(err instanceof Error ? err.message : err) } : {}),
    ...(servername ? { servername } : {}),
  };
}
