/**
 * PKCS#12 (.p12) of a certificate, its chain and its private key, built with pkijs: key in a
 * PKCS8ShroudedKeyBag and certificates in a SafeContents encrypted with PBES2 (PBKDF2-HMAC-SHA256,
 * AES-256-CBC), integrity by HMAC-SHA256 with the PKCS#12 key derivation (what OpenSSL 3 writes;
 * pkijs turns the UTF-8 passphrase into the BMPString that derivation takes).
 * Salts and IVs come from a generator seeded by the item's name, so the file is reproducible.
 */
import { createHash, createPrivateKey, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const OID_KEY_BAG_SHROUDED = '1.2.840.113549.1.12.10.1.2';
const OID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const OID_X509_CERTIFICATE = '1.2.840.113549.1.9.22.1';
const OID_FRIENDLY_NAME = '1.2.840.113549.1.9.20';
const OID_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';

/** A pkijs crypto engine whose "random" bytes are SHA-256(seed || counter): reproducible salts and IVs. */
class SeededEngine extends pkijs.CryptoEngine {
  private counter = 0;
  constructor(private readonly seed: string) {
    super({ name: 'node-seeded', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] });
  }

  override getRandomValues<T extends ArrayBufferView | null>(array: T): T {
    if (!array) return array;
    const out = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let off = 0; off < out.length; off += 32) {
      const block = createHash('sha256').update(`${this.seed}/${this.counter++}`).digest();
      out.set(block.subarray(0, Math.min(32, out.length - off)), off);
    }
    return array;
  }
}

export interface Pkcs12Input {
  /** Seed of the salts and IVs (the item name). */
  seed: string;
  /** Shown by tools as the friendly name of the key and certificate. */
  friendlyName: string;
  /** DER certificate of the holder, then its CA certificates. */
  certificates: Uint8Array[];
  /** PKCS#8 PEM private key of the first certificate. */
  keyPem: string;
  passphrase: string;
  /** PBKDF2 / MAC iterations (default 2048). */
  iterations?: number;
}

export async function buildPkcs12(input: Pkcs12Input): Promise<Uint8Array> {
  const engine = new SeededEngine(input.seed);
  const iterations = input.iterations ?? 2048;
  const utf8Password = toArrayBuffer(Buffer.from(input.passphrase, 'utf8'));
  const keyDer = createPrivateKey(input.keyPem).export({ type: 'pkcs8', format: 'der' });
  const localKeyId = createHash('sha1').update(input.certificates[0]).digest();

  const bagAttributes = (withName: boolean): pkijs.Attribute[] => [
    ...(withName ? [new pkijs.Attribute({ type: OID_FRIENDLY_NAME, values: [new asn1js.BmpString({ value: input.friendlyName })] })] : []),
    new pkijs.Attribute({ type: OID_LOCAL_KEY_ID, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(localKeyId) })] }),
  ];

  const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(keyDer)) });
  await keyBag.makeInternalValues(
    { password: utf8Password, contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 }, hmacHashAlgorithm: 'SHA-256', iterationCount: iterations },
    engine,
  );

  const certBags = input.certificates.map(
    (der, i) =>
      new pkijs.SafeBag({
        bagId: OID_CERT_BAG,
        bagValue: new pkijs.CertBag({ certId: OID_X509_CERTIFICATE, parsedValue: pkijs.Certificate.fromBER(toArrayBuffer(der)) }),
        ...(i === 0 ? { bagAttributes: bagAttributes(true) } : {}),
      }),
  );

  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            { privacyMode: 1, value: new pkijs.SafeContents({ safeBags: certBags }) },
            {
              privacyMode: 0,
              value: new pkijs.SafeContents({
                safeBags: [new pkijs.SafeBag({ bagId: OID_KEY_BAG_SHROUDED, bagValue: keyBag, bagAttributes: bagAttributes(true) })],
              }),
            },
          ],
        },
      }),
    },
  });
  await pfx.parsedValue!.authenticatedSafe!.makeInternalValues(
    {
      safeContents: [
        { password: utf8Password, contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 }, hmacHashAlgorithm: 'SHA-256', iterationCount: iterations },
        {},
      ],
    },
    engine,
  );
  await pfx.makeInternalValues(
    { password: utf8Password, iterations, pbkdf2HashAlgorithm: 'SHA-256', hmacHashAlgorithm: 'SHA-256' },
    engine,
  );
  return new Uint8Array(pfx.toSchema().toBER(false));
}

function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}
