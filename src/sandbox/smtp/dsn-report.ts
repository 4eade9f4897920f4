/**
 * The sandbox operator's delivery status notifications (RFC 3461 §5.2, format RFC 3464): when a
 * submitted message's recipient asked NOTIFY=SUCCESS, the sandbox "delivers" it and returns to the
 * envelope sender a `multipart/report; report-type=delivery-status` shaped as Postfix writes one
 * (human-readable part, message/delivery-status with Original-Envelope-Id, Reporting-MTA and per
 * recipient Final-Recipient, Original-Recipient, Action and Status, then the original's headers
 * (RET=HDRS) or the whole original (RET=FULL)). The DSN defects change what is returned (none, no
 * ENVID, or a misreport).
 */
import { randomBytes } from 'node:crypto';
import type { StoredMessage } from '../types.js';
import { rfc5322Date, splitMessage } from '../imap/mailbox-view.js';

export interface DsnReportOptions {
  reportingMta: string;
  /** Leave Original-Envelope-Id out (a defect: the sender cannot match the report to its message). */
  omitEnvid?: boolean;
  /** Misreport (a defect): report-type=delivery instead of delivery-status, and Action: failed, Status: 5.0.0 for a delivered message. */
  misreport?: boolean;
  now: Date;
}

/** The recipients a success notification is due for: NOTIFY contains SUCCESS. */
export function successRecipients(message: StoredMessage): { address: string; orcpt: string | null }[] {
  return (message.dsn?.recipients ?? []).filter((r) => (r.notify ?? []).some((n) => n.toUpperCase() === 'SUCCESS'));
}

/** The success DSN for `message` to its envelope sender, or undefined when none is due. */
export function successReport(message: StoredMessage, o: DsnReportOptions): Buffer | undefined {
  const recipients = successRecipients(message);
  if (!recipients.length || !message.from) return undefined;
  const boundary = `dsn-${randomBytes(8).toString('hex')}`;
  const envid = message.dsn?.envid;
  const perMessage = [`Reporting-MTA: dns; ${o.reportingMta}`, ...(envid && !o.omitEnvid ? [`Original-Envelope-Id: ${envid}`] : []), `Arrival-Date: ${rfc5322Date(new Date(message.receivedAt))}`];
  const perRecipient = recipients.flatMap((r) => ['', `Final-Recipient: rfc822; ${r.address}`, ...(r.orcpt ? [`Original-Recipient: ${r.orcpt.replace(/;\s*/, '; ')}`] : []), `Action: ${o.misreport ? 'failed' : 'delivered'}`, `Status: ${o.misreport ? '5.0.0' : '2.0.0'}`, `Diagnostic-Code: smtp; 250 2.0.0 delivered to mailbox`]);
  const returned = message.dsn?.ret === 'FULL' ? { type: 'message/rfc822', body: message.raw.toString('utf8') } : { type: 'text/rfc822-headers', body: splitMessage(message.raw).header.toString('utf8') };
  const lines = [
    `From: Mail Delivery System <MAILER-DAEMON@${o.reportingMta}>`,
    `To: <${message.from}>`,
    'Subject: Successful Mail Delivery Report',
    `Date: ${rfc5322Date(o.now)}`,
    `Message-ID: <${boundary}@${o.reportingMta}>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=${o.misreport ? 'delivery' : 'delivery-status'}; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'Your message was successfully delivered to the destination(s) listed below.',
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    ...perMessage,
    ...perRecipient,
    '',
    `--${boundary}`,
    `Content-Type: ${returned.type}`,
    '',
    returned.body.replace(/\r?\n$/, ''),
    '',
    `--${boundary}--`,
    '',
  ];
  return Buffer.from(lines.join('\r\n').replace(/\r?\n/g, '\r\n'), 'utf8');
}
