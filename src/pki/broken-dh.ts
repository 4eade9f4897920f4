/**
 * Diffie-Hellman parameters a server can load but cannot complete a DHE handshake with: the RFC 3526
 * 2048-bit MODP prime with generator 1 (every public value is 1; a client refuses them, OpenSSL:
 * "not suitable generator"). For the sandbox defect and the real mail stack variant whose cipher list
 * puts an uncompletable DHE suite before an accepted forbidden one.
 */
const RFC3526_MODP_2048 =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AACAA68FFFFFFFFFFFFFFFF';

function der(tag: number, body: Buffer): Buffer {
  const n = body.length;
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}

function derInteger(hex: string): Buffer {
  let b = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return der(0x02, b);
}

/** PKCS#3 DHParameter (PEM) with the RFC 3526 group 14 prime and generator 1. */
export function brokenDhParams(): string {
  const body = der(0x30, Buffer.concat([derInteger(RFC3526_MODP_2048), derInteger('01')]));
  return `-----BEGIN DH PARAMETERS-----\n${body.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END DH PARAMETERS-----\n`;
}
