import { webcrypto } from 'node:crypto';
import { x509 } from '../pki/x509-lib.js';

export interface KeyAndCert {
  /** PKCS#8 PEM private key. */
  key: string;
  /** PEM certificate. */
  cert: string;
}

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').match(/.{1,64}/g)?.join('\n') ?? '';
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/**
 * Key types for throwaway certificates: ECDSA P-256 by default; RSA 1024 bits where only the key
 * type matters (a loopback server offering RSA-authenticated suites) and it must be made fast.
 */
const KEY_ALGORITHMS = {
  'ecdsa-p256': { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
  'rsa-1024': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
};

export type SelfSignedKeyType = keyof typeof KEY_ALGORITHMS;

/**
 * A throwaway self-signed certificate (ECDSA P-256 unless `keyType` says otherwise), made in
 * memory, for loopback servers that only need some certificate: our own TLS and cipher capability
 * checks, tests. Never for the test PKI.
 */
export async function selfSignedCertificate(options: {
  commonName?: string;
  dnsNames?: string[];
  ipAddresses?: string[];
  notBefore: Date;
  notAfter: Date;
  keyType?: SelfSignedKeyType;
}): Promise<KeyAndCert> {
  const alg = KEY_ALGORITHMS[options.keyType ?? 'ecdsa-p256'];
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const names = [
    ...(options.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(options.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex').replace(/^[89a-f]/, '1'),
    name: `CN=${options.commonName ?? 'localhost'}`,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    keys,
    signingAlgorithm: alg,
    extensions: names.length ? [new x509.SubjectAlternativeNameExtension(names)] : [],
  });
  return { key: pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)), cert: cert.toString('pem') };
}
