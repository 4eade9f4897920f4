import type { SecureVersion } from 'node:tls';

export type SmtpRole = 'mta' | 'submission';

/** What one sandbox SMTP endpoint does; the conformant values, each defect changes one. */
export interface SmtpBehaviour {
  role: SmtpRole;
  /** STARTTLS advertised and accepted. */
  starttls: boolean;
  /** AUTH exists on this endpoint at all (submission only). */
  auth: boolean;
  /** AUTH advertised and SASL run before STARTTLS (a defect). */
  authBeforeTls: boolean;
  /** STARTTLS still advertised in the EHLO reply once TLS is up (a defect: RFC 3207 §4.2). */
  starttlsAfterTls?: boolean;
  /** Lowest TLS version the endpoint accepts. */
  minTlsVersion: SecureVersion;
  /** MAIL FROM accepted in plaintext (a defect). */
  plaintextMail: boolean;
  /** AUTH PLAIN / LOGIN with the mailbox password advertised and accepted (a defect: no password access is declared). */
  passwordAuth: boolean;
  /** OAUTHBEARER accepted but left out of the EHLO AUTH list (a defect: a mechanism accepted without being advertised). */
  hideOauthbearer: boolean;
  /** Other mechanisms accepted but left out of the EHLO AUTH list (defects; the profile then declares their means on the endpoint). */
  hiddenMechanisms?: ('XOAUTH2' | 'EXTERNAL')[];
  /** RFC 3461 DSN advertised, NOTIFY/RET/ENVID/ORCPT parsed, checked and recorded with the message. */
  dsn: boolean;
  /** With DSN: a success notification goes back to the sender's mailbox when NOTIFY=SUCCESS was asked (RFC 3461 §5.2). */
  dsnReports: boolean;
  /** With DSN: the notification leaves out Original-Envelope-Id (a defect). */
  dsnWithoutEnvid?: boolean;
  /** With DSN: the notification has report-type=delivery and says Action: failed, Status: 5.0.0 for a delivered message (a defect). */
  dsnMisreported?: boolean;
  /** With DSN advertised: MAIL parameters RET/ENVID and RCPT parameters NOTIFY/ORCPT refused with 555 (a defect). */
  dsnParametersRefused?: boolean;
  /**
   * The server prefers a DHE suite it cannot complete (DH parameters with generator 1) to a forbidden
   * CBC-SHA1 suite it accepts (a defect that an enumeration stopping at the first failure misses).
   */
  uncompletableDheFirst?: boolean;
}

const CONFORMANT: Record<SmtpRole, SmtpBehaviour> = {
  mta: { role: 'mta', starttls: true, auth: false, authBeforeTls: false, minTlsVersion: 'TLSv1.2', plaintextMail: false, passwordAuth: false, hideOauthbearer: false, dsn: true, dsnReports: true },
  submission: { role: 'submission', starttls: true, auth: true, authBeforeTls: false, minTlsVersion: 'TLSv1.2', plaintextMail: false, passwordAuth: false, hideOauthbearer: false, dsn: true, dsnReports: true },
};

/** Each defect as the change it makes to one role's behaviour. */
const DEFECT_CHANGES: Record<string, { role: SmtpRole; change: Partial<SmtpBehaviour> }> = {
  'mta-no-starttls': { role: 'mta', change: { starttls: false } },
  'submission-no-starttls': { role: 'submission', change: { starttls: false } },
  'mta-starttls-after-tls': { role: 'mta', change: { starttlsAfterTls: true } },
  'submission-auth-before-tls': { role: 'submission', change: { authBeforeTls: true } },
  'mta-auth-before-tls': { role: 'mta', change: { auth: true, authBeforeTls: true } },
  'submission-password-login': { role: 'submission', change: { passwordAuth: true } },
  'submission-oauthbearer-unadvertised': { role: 'submission', change: { hideOauthbearer: true } },
  'submission-xoauth2-unadvertised': { role: 'submission', change: { hiddenMechanisms: ['XOAUTH2'] } },
  'submission-external-unadvertised': { role: 'submission', change: { hiddenMechanisms: ['EXTERNAL'] } },
  'mta-accepts-tls10': { role: 'mta', change: { minTlsVersion: 'TLSv1' } },
  'submission-accepts-tls11': { role: 'submission', change: { minTlsVersion: 'TLSv1.1' } },
  'mta-plaintext-mail': { role: 'mta', change: { plaintextMail: true } },
  'submission-no-dsn': { role: 'submission', change: { dsn: false } },
  'submission-dsn-not-generated': { role: 'submission', change: { dsnReports: false } },
  'submission-dsn-without-envid': { role: 'submission', change: { dsnWithoutEnvid: true } },
  'submission-dsn-misreported': { role: 'submission', change: { dsnMisreported: true } },
  'submission-dsn-parameters-refused': { role: 'submission', change: { dsnParametersRefused: true } },
  'submission-uncompletable-dhe-first': { role: 'submission', change: { uncompletableDheFirst: true } },
};

export function behaviourFor(role: SmtpRole, defects: ReadonlySet<string>): SmtpBehaviour {
  let b = { ...CONFORMANT[role] };
  for (const d of defects) {
    const c = DEFECT_CHANGES[d];
    if (c?.role === role) b = { ...b, ...c.change };
  }
  return b;
}
