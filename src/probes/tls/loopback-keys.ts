import { webcrypto } from 'node:crypto';
import { x509 } from '../../pki/x509-lib.js';

export interface LoopbackIdentity {
  key: string;
  cert: string;
}

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').match(/.{1,64}/g)?.join('\n') ?? '';
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

async function selfSigned(alg: webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams, signing: object): Promise<LoopbackIdentity> {
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=msscheck loopback',
    notBefore: new Date(now - 86_400_000),
    notAfter: new Date(now + 86_400_000),
    keys,
    signingAlgorithm: signing,
  });
  return { key: pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)), cert: cert.toString('pem') };
}

/**
 * One RSA (1024 bits: only its type matters here, and it is made fast) and one ECDSA throwaway identity for the loopback server that measures which cipher
 * suites our own client can offer (RSA- and ECDSA-authenticated suites both need a certificate).
 */
export async function loopbackIdentities(): Promise<LoopbackIdentity[]> {
  const rsa = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  const ec = { name: 'ECDSA', namedCurve: 'P-256' };
  return Promise.all([selfSigned(rsa, rsa), selfSigned(ec, { ...ec, hash: 'SHA-256' })]);
}
