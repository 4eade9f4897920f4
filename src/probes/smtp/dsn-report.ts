/**
 * Reads one message of a mailbox as msscheck's DSN check needs it: is it the check's own message
 * (its Message-ID), or a delivery status notification about it (RFC 3464: `multipart/report;
 * report-type=delivery-status` whose `message/delivery-status` part carries the ENVID msscheck sent,
 * or which returns the check's Message-ID in its headers part), and what that notification says
 * per recipient (Final-Recipient, Original-Recipient, Action, Status).
 */
import { scanMimeBuffer } from '../../message/mime.js';
import { readReportFields, reportFieldValues } from '../../message/report-fields.js';

export interface DsnRecipient {
  finalRecipient: string | null;
  originalRecipient: string | null;
  action: string | null;
  status: string | null;
}

export interface DsnSummary {
  from: string | null;
  subject: string | null;
  /** `report-type` of the top-level multipart/report. */
  reportType: string;
  /** Original-Envelope-Id of the per-message fields (RFC 3464 §2.2.1), null when absent. */
  originalEnvelopeId: string | null;
  reportingMta: string | null;
  recipients: DsnRecipient[];
}

export type MailboxItem = { kind: 'own-message' } | { kind: 'dsn'; dsn: DsnSummary } | { kind: 'other' };

const DELIVERY_STATUS = new Set(['message/delivery-status', 'message/global-delivery-status']);
const SCAN = { maxCaptureBytes: 256 * 1024, maxHeaderBytes: 256 * 1024, maxParts: 64, maxDepth: 8, maxLineLength: 998 };

/** The value after `<type>;` (`rfc822; a@b` → `a@b`), lower-cased; the raw value when there is no type. */
export function addressOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  const semi = value.indexOf(';');
  return (semi >= 0 ? value.slice(semi + 1) : value).trim().replace(/^<|>$/g, '').toLowerCase();
}

/** What `raw` is to the DSN check sent with `envid` and `messageId` (with its angle brackets). */
export function classifyMailboxItem(raw: Buffer, envid: string, messageId: string): MailboxItem {
  let scanned;
  try {
    scanned = scanMimeBuffer(raw, { ...SCAN, capture: (p) => DELIVERY_STATUS.has(p.contentType.mediaType) });
  } catch {
    return { kind: 'other' };
  }
  const head = (name: string): string | null => scanned.headers.find((h) => h.name.toLowerCase() === name)?.value ?? null;
  const top = scanned.parts[0];
  const isReport = top?.contentType.mediaType === 'multipart/report';
  if (!isReport && head('message-id')?.trim() === messageId) return { kind: 'own-message' };
  const status = scanned.parts.find((p) => DELIVERY_STATUS.has(p.contentType.mediaType));
  const fields = status?.captured ? readReportFields(status.captured) : [];
  const envids = reportFieldValues(fields.filter((f) => f.group === 0), 'Original-Envelope-Id');
  const aboutUs = envids.some((v) => v.trim() === envid) || (isReport && raw.includes(messageId));
  if (!isReport || !aboutUs) return { kind: 'other' };
  const groups = [...new Set(fields.filter((f) => f.group > 0).map((f) => f.group))];
  const recipients = groups.map((g) => {
    const of = fields.filter((f) => f.group === g);
    const one = (name: string): string | null => reportFieldValues(of, name)[0] ?? null;
    return { finalRecipient: addressOf(one('Final-Recipient') ?? undefined), originalRecipient: addressOf(one('Original-Recipient') ?? undefined), action: one('Action')?.toLowerCase() ?? null, status: one('Status')?.split(/\s/)[0] ?? null };
  });
  return {
    kind: 'dsn',
    dsn: {
      from: head('from'),
      subject: head('subject'),
      reportType: (top!.contentType.params['report-type'] ?? '').toLowerCase(),
      originalEnvelopeId: envids[0]?.trim() ?? null,
      reportingMta: reportFieldValues(fields.filter((f) => f.group === 0), 'Reporting-MTA')[0] ?? null,
      recipients,
    },
  };
}
