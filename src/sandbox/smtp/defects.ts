import type { DefectSpec } from '../types.js';

/**
 * The SMTP component's non-conformities. `fails` lists exactly the scenario instances that must
 * fail with the defect on (test/smtp walks this list against the sandbox).
 */
export const SMTP_DEFECTS: DefectSpec[] = [
  {
    name: 'mta-no-starttls',
    description: 'The MTA endpoint neither advertises nor accepts STARTTLS (TLS scenarios on it are skipped).',
    fails: ['SMTP-STARTTLS-OFFERED/mta'],
  },
  {
    name: 'submission-no-starttls',
    description: 'The submission endpoint neither advertises nor accepts STARTTLS (TLS scenarios on it are skipped).',
    fails: ['SMTP-STARTTLS-OFFERED/submission'],
  },
  {
    name: 'mta-starttls-after-tls',
    description: 'The MTA endpoint still advertises STARTTLS in its EHLO reply once TLS is established (RFC 3207 §4.2).',
    fails: ['SMTP-STARTTLS-OFFERED/mta'],
  },
  {
    name: 'submission-xoauth2-unadvertised',
    description: 'The submission endpoint accepts AUTH XOAUTH2 with a valid PSC token but leaves it out of the EHLO AUTH list (the profile declares PSC on submission).',
    // The advertising rule rests on S sources: a warning; the negatives whose control is AUTH-XOAUTH2-VALID/submission are unverifiable.
    fails: [], warns: ['AUTH-XOAUTH2-VALID/submission'],
    unverifiable: [...['EXPIRED', 'WRONG-AUDIENCE', 'FOREIGN-ISSUER', 'BAD-SIGNATURE', 'LOW-ACR', 'REVOKED'].map((k) => `AUTH-XOAUTH2-${k}/submission`), 'AUTH-PASSWORD-REFUSED/submission-plain', 'AUTH-PASSWORD-REFUSED/submission-login'],
  },
  {
    name: 'submission-external-unadvertised',
    description: 'The submission endpoint accepts AUTH EXTERNAL with a valid IGC-Santé certificate but leaves it out of the EHLO AUTH list (the profile declares the certificate means on submission).',
    fails: [], warns: ['AUTH-EXTERNAL-CPS/submission', 'AUTH-EXTERNAL-ORG/submission-pem', 'AUTH-EXTERNAL-ORG/submission-pkcs12'],
    unverifiable: ['AUTH-EXTERNAL-REFUSED/submission-non-igc'],
  },
  {
    name: 'submission-auth-before-tls',
    description: 'The submission endpoint advertises AUTH and runs SASL exchanges in plaintext, before STARTTLS.',
    fails: ['SMTP-NO-AUTH-BEFORE-TLS/submission'],
  },
  {
    name: 'mta-auth-before-tls',
    description: 'The MTA endpoint advertises AUTH and runs SASL exchanges in plaintext, before STARTTLS.',
    fails: ['SMTP-NO-AUTH-BEFORE-TLS/mta'],
  },
  {
    name: 'submission-password-login',
    description: 'The submission endpoint advertises and accepts AUTH PLAIN and AUTH LOGIN with the mailbox password after STARTTLS, although the operator declares no password access.',
    // The accepted password is an observed identification means, forbidden on the as-of date: IDENT-MEANS-COMPLIANT fails too.
    fails: ['AUTH-PASSWORD-REFUSED/submission-login', 'AUTH-PASSWORD-REFUSED/submission-plain'], warns: ['IDENT-MEANS-COMPLIANT'],
  },
  {
    name: 'submission-oauthbearer-unadvertised',
    description: 'The submission endpoint accepts AUTH OAUTHBEARER with a valid PSC token but leaves it out of the EHLO AUTH list.',
    fails: [], reviews: ['AUTH-OAUTHBEARER/submission'],
  },
  {
    name: 'submission-uncompletable-dhe-first',
    description: 'Submission prefers a DHE suite it cannot complete (DH parameters with generator 1) to a forbidden CBC-SHA1 suite it accepts: an enumeration that stops at the first failed handshake misses the CBC suite.',
    // The cipher policy is an assumption (TLS-CIPHER-SUITES is ?): a review, not a failure.
    fails: [],
    reviews: ['TLS-CIPHER-SUITES/submission'],
  },
  {
    name: 'mta-accepts-tls10',
    description: 'The MTA endpoint accepts TLS 1.0 (and 1.1) handshakes after STARTTLS.',
    fails: ['TLS-VERSIONS/mta'], reviews: ['TLS-CIPHER-SUITES/mta'],
  },
  {
    name: 'submission-accepts-tls11',
    description: 'The submission endpoint accepts TLS 1.1 handshakes after STARTTLS.',
    fails: ['TLS-VERSIONS/submission'], reviews: ['TLS-CIPHER-SUITES/submission'],
  },
  {
    name: 'smtp-cert-expired',
    description: 'Both SMTP endpoints present an IGC-Santé TEST certificate that expired before the as-of date (serv-ssl-expired).',
    fails: ['X509-CERT-VALID/mta', 'X509-CERT-VALID/submission'],
  },
  {
    name: 'smtp-cert-untrusted',
    description: 'Both SMTP endpoints present a certificate issued outside IGC-Santé (serv-ssl-non-igc, TEST AUTRE AC ORGANISATIONS).',
    fails: ['X509-CERT-PROFILE/mta', 'X509-CERT-PROFILE/submission', 'X509-CERT-TRUSTED/mta', 'X509-CERT-TRUSTED/submission'],
  },
  {
    name: 'smtp-cert-wrong-host',
    description: 'Both SMTP endpoints present a certificate naming mx.other-operator.test only (serv-ssl-host-mismatch).',
    // Its subject DN (CN=mx.other-operator.test) is not the one the whitelist lists for the sandbox's domain either.
    fails: ['X509-CERT-HOSTNAME/mta', 'X509-CERT-HOSTNAME/submission', 'TRUST-WHITELIST-MTA-DN'],
  },
  {
    name: 'smtp-cert-no-crl-dp',
    description: 'Both SMTP endpoints present serv-ssl-no-crl-dp, a SERV SSL certificate without the CRL distribution points extension (OCSP only).',
    fails: ['X509-CERT-CRL-DP/mta', 'X509-CERT-CRL-DP/submission'],
  },
  {
    name: 'submission-no-dsn',
    description: 'The submission endpoint neither advertises DSN (RFC 3461) nor checks NOTIFY: it accepts NOTIFY=BOGUS and drops the request.',
    fails: [], warns: ['SMTP-DSN'],
  },
  {
    name: 'submission-dsn-not-generated',
    description: 'The submission endpoint advertises DSN and accepts NOTIFY=SUCCESS with ENVID, delivers the message, but never returns a delivery status notification to the sender.',
    // RFC 3461 sets no delay for the notification: not received within msscheck's wait is an error, not a failure.
    fails: [], inconclusive: ['SMTP-DSN'],
  },
  {
    name: 'submission-dsn-without-envid',
    description: 'The submission endpoint returns the success notification asked for, but without the Original-Envelope-Id the sender gave as ENVID (RFC 3464 §2.2.1): the sender cannot match it to its message.',
    fails: ['SMTP-DSN'],
  },
  {
    name: 'submission-dsn-misreported',
    description: 'The submission endpoint returns a notification for a delivered message that misreports it: report-type=delivery instead of delivery-status, Action: failed, Status: 5.0.0.',
    fails: ['SMTP-DSN'],
  },
  {
    name: 'submission-dsn-parameters-refused',
    description: 'The submission endpoint advertises DSN but refuses its parameters: RET/ENVID on MAIL FROM and NOTIFY/ORCPT on RCPT TO get 555 5.5.4.',
    fails: ['SMTP-DSN'],
  },
  {
    name: 'mta-plaintext-mail',
    description: 'The MTA endpoint accepts MAIL FROM in plaintext, before STARTTLS.',
    fails: [], reviews: ['SMTP-MTA-PLAINTEXT-MAIL-REFUSED'],
  },
];

/** Which test PKI certificate the SMTP endpoints present, by defect; first match wins. */
export const CERTIFICATE_BY_DEFECT: { defect: string; item: string }[] = [
  { defect: 'smtp-cert-expired', item: 'serv-ssl-expired' },
  { defect: 'smtp-cert-untrusted', item: 'serv-ssl-non-igc' },
  { defect: 'smtp-cert-wrong-host', item: 'serv-ssl-host-mismatch' },
  { defect: 'smtp-cert-no-crl-dp', item: 'serv-ssl-no-crl-dp' },
];
export const DEFAULT_CERTIFICATE = 'serv-ssl-sandbox';
