import type { DefectSpec } from '../types.js';

const TOKEN_KINDS = ['EXPIRED', 'WRONG-AUDIENCE', 'FOREIGN-ISSUER', 'BAD-SIGNATURE', 'LOW-ACR', 'REVOKED'];

/** The IMAP endpoint's defects and the scenario instances each one makes fail (and only those). */
export const IMAP_DEFECTS: DefectSpec[] = [
  {
    name: 'imap-password-login',
    description: 'IMAP accepts LOGIN and AUTHENTICATE PLAIN with the mailbox password after STARTTLS although the operator declares no password access',
    // The accepted password is an observed identification means, forbidden on the as-of date: IDENT-MEANS-COMPLIANT fails too.
    fails: ['AUTH-PASSWORD-REFUSED/imap-login', 'AUTH-PASSWORD-REFUSED/imap-plain'], warns: ['IDENT-MEANS-COMPLIANT'],
  },
  {
    name: 'imap-no-starttls',
    description: 'IMAP does not offer STARTTLS (and refuses the command)',
    fails: ['IMAP-STARTTLS'],
  },
  {
    name: 'imap-no-oauthbearer',
    description: 'IMAP does not offer OAUTHBEARER (RFC 7628): allowed, the scenario only warns',
    fails: [], reviews: ['AUTH-OAUTHBEARER/imap'],
  },
  {
    name: 'imap-password-before-tls',
    description: 'IMAP announces AUTH=PLAIN and AUTH=LOGIN before STARTTLS, without LOGINDISABLED',
    fails: ['IMAP-STARTTLS'],
  },
  {
    name: 'imap-oauthbearer-unadvertised',
    description: 'IMAP accepts AUTHENTICATE OAUTHBEARER with a valid PSC token but does not list AUTH=OAUTHBEARER in its capabilities',
    fails: [], reviews: ['AUTH-OAUTHBEARER/imap'],
  },
  {
    name: 'imap-xoauth2-unadvertised',
    description: 'IMAP accepts AUTHENTICATE XOAUTH2 with a valid PSC token but does not list AUTH=XOAUTH2 in its capabilities (the profile declares PSC on IMAP)',
    // The advertising rule rests on S sources: a warning. The negatives' control (AUTH-XOAUTH2-VALID/imap) did not pass, so they are unverifiable.
    fails: [], warns: ['AUTH-XOAUTH2-VALID/imap'],
    unverifiable: [...['EXPIRED', 'WRONG-AUDIENCE', 'FOREIGN-ISSUER', 'BAD-SIGNATURE', 'LOW-ACR', 'REVOKED'].map((k) => `AUTH-XOAUTH2-${k}/imap`), 'AUTH-PASSWORD-REFUSED/imap-login', 'AUTH-PASSWORD-REFUSED/imap-plain'],
  },
  {
    name: 'imap-external-unadvertised',
    description: 'IMAP accepts AUTHENTICATE EXTERNAL with a valid IGC-Santé certificate but does not list AUTH=EXTERNAL in its capabilities (the profile declares the certificate means on IMAP)',
    fails: [], warns: ['AUTH-EXTERNAL-CPS/imap', 'AUTH-EXTERNAL-ORG/imap-pem', 'AUTH-EXTERNAL-ORG/imap-pkcs12'],
    // The advertising rule is S: a warning. Only the negative whose control is AUTH-EXTERNAL-ORG/imap-pem is unverifiable (the others' control step checks acceptance alone).
    unverifiable: ['AUTH-EXTERNAL-REFUSED/imap-non-igc'],
  },
  {
    name: 'imap-external-refuses-valid',
    description: 'IMAP\'s client-certificate trust store holds the IGC-Santé root CAs but not the intermediate CAs that issue organisation and person certificates: EXTERNAL refuses every valid IGC-Santé certificate',
    fails: [], warns: ['AUTH-EXTERNAL-CPS/imap', 'AUTH-EXTERNAL-ORG/imap-pem', 'AUTH-EXTERNAL-ORG/imap-pkcs12'],
    unverifiable: ['AUTH-EXTERNAL-REFUSED/imap-expired', 'AUTH-EXTERNAL-REFUSED/imap-revoked', 'AUTH-EXTERNAL-REFUSED/imap-non-igc'],
  },
  {
    name: 'imap-external-accepts-non-igc',
    description: 'IMAP EXTERNAL accepts a client certificate from a CA outside IGC-Santé',
    fails: ['AUTH-EXTERNAL-REFUSED/imap-non-igc'],
  },
  {
    name: 'imap-external-accepts-expired',
    description: 'IMAP EXTERNAL accepts an expired client certificate',
    fails: ['AUTH-EXTERNAL-REFUSED/imap-expired'],
  },
  {
    name: 'imap-external-accepts-revoked',
    description: 'IMAP EXTERNAL accepts a client certificate listed in its CA\'s CRL',
    fails: ['AUTH-EXTERNAL-REFUSED/imap-revoked'],
  },
  {
    name: 'imap-xoauth2-bad-error-format',
    description: 'IMAP refuses a bad XOAUTH2 token with a bare NO instead of the XOAUTH2 error challenge',
    // The XOAUTH2 error format rests on one observation (ANS-PSC.XOAUTH2-ERROR, S): a warning, not a failure.
    fails: [],
    warns: TOKEN_KINDS.map((k) => `AUTH-XOAUTH2-${k}/imap`),
  },
  {
    name: 'imap-accepts-tls10',
    description: 'IMAP accepts TLS 1.0 and 1.1 handshakes after STARTTLS (and the CBC-SHA1 suites that come with them)',
    fails: ['TLS-VERSIONS/imap'], reviews: ['TLS-CIPHER-SUITES/imap'],
  },
  {
    name: 'imap-cert-expired',
    description: 'IMAP presents serv-ssl-expired, an IGC-Santé TEST certificate that expired before the as-of date',
    fails: ['X509-CERT-VALID/imap'],
  },
  {
    name: 'imap-cert-untrusted',
    description: 'IMAP presents serv-ssl-non-igc, issued by a CA outside IGC-Santé',
    fails: ['X509-CERT-PROFILE/imap', 'X509-CERT-TRUSTED/imap'],
  },
  {
    name: 'imap-cert-wrong-host',
    description: 'IMAP presents serv-ssl-host-mismatch, which names another host',
    fails: ['X509-CERT-HOSTNAME/imap'],
  },
  {
    name: 'imap-cert-revoked',
    description: 'IMAP presents serv-ssl-revoked, listed in ACI-EL-ORG-TEST.crl',
    fails: ['X509-CERT-NOT-REVOKED/imap'],
  },
  {
    name: 'imap-cert-weak-key',
    description: 'IMAP presents serv-ssl-rsa1024 (RSA 1024 bits, outside the SERV SSL profile)',
    fails: ['X509-CERT-PROFILE/imap'],
  },
  {
    name: 'imap-cert-no-crl-dp',
    description: 'IMAP presents serv-ssl-no-crl-dp, a SERV SSL certificate without the CRL distribution points extension (OCSP only)',
    fails: ['X509-CERT-CRL-DP/imap'],
  },
  {
    name: 'imap-cert-no-policy',
    description: 'IMAP presents serv-ssl-no-policy, a SERV SSL certificate without the IGC-Santé policy OID (no certificate policies extension)',
    fails: [], reviews: ['X509-CERT-PROFILE/imap'],
  },
  {
    name: 'imap-weak-cipher',
    description: 'IMAP also accepts TLS_RSA_WITH_AES_128_CBC_SHA (no forward secrecy) and TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (CBC-SHA1)',
    fails: [], reviews: ['TLS-CIPHER-SUITES/imap'],
  },
];

/** The server certificate the IMAP endpoint presents under a certificate defect. */
export const IMAP_CERTIFICATE_BY_DEFECT: { defect: string; item: string }[] = [
  { defect: 'imap-cert-expired', item: 'serv-ssl-expired' },
  { defect: 'imap-cert-untrusted', item: 'serv-ssl-non-igc' },
  { defect: 'imap-cert-wrong-host', item: 'serv-ssl-host-mismatch' },
  { defect: 'imap-cert-revoked', item: 'serv-ssl-revoked' },
  { defect: 'imap-cert-weak-key', item: 'serv-ssl-rsa1024' },
  { defect: 'imap-cert-no-crl-dp', item: 'serv-ssl-no-crl-dp' },
  { defect: 'imap-cert-no-policy', item: 'serv-ssl-no-policy' },
];
