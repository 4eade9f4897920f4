/**
 * The cipher suites the sandbox's TLS endpoints accept for TLS 1.2: forward secrecy and AEAD only,
 * which the built-in ANSSI-based cipher policy allows. The `*-weak-cipher` defects add a suite
 * without forward secrecy and a CBC-SHA1 one.
 */
export const HARDENED_CIPHERS =
  'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384';
export const WEAK_CIPHERS = `${HARDENED_CIPHERS}:AES128-SHA:ECDHE-RSA-AES128-SHA`;
