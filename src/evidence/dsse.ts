/**
 * DSSE (Dead Simple Signing Envelope, github.com/secure-systems-lab/dsse, protocol v1) over an
 * in-toto Statement. The signature covers the Pre-Authentication Encoding
 *   PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body
 * (LEN = decimal byte count), never the JSON of the envelope, so a verifier needs no JSON
 * canonicalisation: `printf` and `openssl` reproduce it (docs/EVIDENCE.md).
 *
 * Keys: Ed25519 (pure EdDSA over the PAE bytes) or ECDSA P-256 with SHA-256 (DER-encoded signature,
 * what `openssl dgst -sha256 -sign/-verify` reads and writes). `keyid` is the SHA-256 (hex) of the
 * public key's SubjectPublicKeyInfo DER.
 */
import { createHash, createPublicKey, KeyObject, sign, verify, createPrivateKey } from 'node:crypto';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export interface DsseSignature {
  keyid: string;
  sig: string;
}

export interface DsseEnvelope {
  payloadType: string;
  /** Base64 (standard alphabet, padded) of the payload bytes. */
  payload: string;
  signatures: DsseSignature[];
}

export type SigningAlgorithm = 'ed25519' | 'ecdsa-p256-sha256';

/** DSSE v1 Pre-Authentication Encoding. */
export function pae(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `, 'utf8'), type, Buffer.from(` ${payload.length} `, 'utf8'), payload]);
}

/** Which DSSE signing scheme a key supports, or a sentence saying why it is not supported. */
export function keyAlgorithm(key: KeyObject): SigningAlgorithm | string {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1' || curve === 'P-256') return 'ecdsa-p256-sha256';
    return `an EC key on curve ${curve ?? 'unknown'} (only P-256 is supported)`;
  }
  return `a ${key.asymmetricKeyType ?? 'unknown'} key (Ed25519 or ECDSA P-256 expected)`;
}

/** SHA-256 (hex) of the SubjectPublicKeyInfo DER of a key (private or public). */
export function keyId(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(pub.export({ type: 'spki', format: 'der' })).digest('hex');
}

function digestFor(alg: SigningAlgorithm): string | null {
  return alg === 'ed25519' ? null : 'sha256';
}

/** Signs `payload` into a one-signature envelope. */
export function signEnvelope(payload: Uint8Array, privateKey: KeyObject, payloadType = IN_TOTO_PAYLOAD_TYPE): DsseEnvelope {
  const alg = keyAlgorithm(privateKey);
  if (alg !== 'ed25519' && alg !== 'ecdsa-p256-sha256') throw new Error(`cannot sign with ${alg}`);
  const sig = sign(digestFor(alg), pae(payloadType, payload), privateKey);
  return { payloadType, payload: Buffer.from(payload).toString('base64'), signatures: [{ keyid: keyId(privateKey), sig: sig.toString('base64') }] };
}

/**
 * The envelope as written in a bundle: one field a line, `payload` and each `sig` on their own
 * line, so that `sed` can lift them out without a JSON tool (docs/EVIDENCE.md).
 */
export function serialiseEnvelope(env: DsseEnvelope): string {
  const sigs = env.signatures.map((s) => `    {"keyid": ${JSON.stringify(s.keyid)},\n     "sig": ${JSON.stringify(s.sig)}}`).join(',\n');
  return `{\n  "payloadType": ${JSON.stringify(env.payloadType)},\n  "payload": ${JSON.stringify(env.payload)},\n  "signatures": [\n${sigs}\n  ]\n}\n`;
}

/** Parses an envelope; throws with a sentence when it is not one. */
export function parseEnvelope(text: string): DsseEnvelope {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new Error(`not JSON: ${(err as Error).message}`);
  }
  const e = v as Partial<DsseEnvelope>;
  if (typeof e?.payloadType !== 'string' || typeof e.payload !== 'string' || !Array.isArray(e.signatures)) throw new Error('not a DSSE envelope (payloadType, payload, signatures)');
  for (const s of e.signatures) if (typeof s?.sig !== 'string') throw new Error('a signature has no "sig"');
  return { payloadType: e.payloadType, payload: e.payload, signatures: e.signatures.map((s) => ({ keyid: typeof s.keyid === 'string' ? s.keyid : '', sig: s.sig })) };
}

export interface EnvelopeCheck {
  ok: boolean;
  /** The signature that verified, when one did. */
  keyid?: string;
  algorithm?: SigningAlgorithm;
  reason?: string;
}

/** Verifies the envelope's signatures over its own payload with `publicKey`; ok when one verifies. */
export function verifyEnvelope(env: DsseEnvelope, publicKey: KeyObject): EnvelopeCheck {
  const alg = keyAlgorithm(publicKey);
  if (alg !== 'ed25519' && alg !== 'ecdsa-p256-sha256') return { ok: false, reason: `the key given is ${alg}` };
  const body = pae(env.payloadType, Buffer.from(env.payload, 'base64'));
  const id = keyId(publicKey);
  for (const s of env.signatures) {
    let good = false;
    try {
      good = verify(digestFor(alg), body, publicKey, Buffer.from(s.sig, 'base64'));
    } catch {
      good = false;
    }
    if (good) return { ok: true, keyid: id, algorithm: alg };
  }
  const named = env.signatures.some((s) => s.keyid === id);
  return { ok: false, reason: named ? `the signature by key ${id.slice(0, 16)}… does not verify` : `no signature verifies with key ${id.slice(0, 16)}… (the envelope names ${env.signatures.map((s) => s.keyid.slice(0, 16) + '…').join(', ') || 'no key'})` };
}

/** A private key from PEM (PKCS#8, SEC1 or encrypted PKCS#8 with `passphrase`). */
export function privateKeyFromPem(pem: string | Buffer, passphrase?: string): KeyObject {
  return createPrivateKey({ key: pem, format: 'pem', passphrase });
}

/** A public key from PEM (SPKI), or the public half of a private key PEM, or a certificate. */
export function publicKeyFromPem(pem: string | Buffer): KeyObject {
  return createPublicKey({ key: pem, format: 'pem' });
}
