/**
 * The message every sandbox mailbox holds in its INBOX (UID 1): a realistic, conformant MSSanté
 * message from the fixture generator (two CDA documents in IHE_XDM.zip, a PDF, X-MSS-NIL,
 * X-MSS-CODECDA, X-MSS-INS), addressed to that mailbox. With the defect
 * `mailbox-nonconformant-message`, the message is the one a faulty client software wrote: CDA
 * documents travel but X-MSS-CODECDA is missing (ECO.2.4.1, a rule read in the official REF2 text,
 * so a failure and not a mere warning).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentMessage, renderMessage } from '../../message/fixtures/generate.js';
import type { DefectSpec } from '../types.js';
import { rfc5322Date } from './mailbox-view.js';

export const NONCONFORMANT_MESSAGE_DEFECT = 'mailbox-nonconformant-message';
export const EVERY_FAULTY_MESSAGE_DEFECT = 'mailbox-every-faulty-message';
/** The mailbox also holds a message whose IHE_XDM.zip cannot be read: the document rules cannot judge it (error), none fails. */
export const UNREADABLE_DOCUMENTS_DEFECT = 'mailbox-unreadable-documents';
const UNREADABLE_DOCUMENTS_FIXTURE = 'defect-xdm-broken-zip.eml';
/** The faulty messages of the lint's own fixtures, one per way a client software can get a rule wrong. */
const FAULTY_FIXTURES = fileURLToPath(new URL('../../../fixtures/messages/', import.meta.url));

/** Defects of the mailboxes' content (implemented here, registered with the IMAP component). */
export const MAILBOX_CONTENT_DEFECTS: DefectSpec[] = [
  {
    name: NONCONFORMANT_MESSAGE_DEFECT,
    description: 'The test mailbox holds a message written by a faulty client software: CDA documents travel in IHE_XDM without the X-MSS-CODECDA header',
    fails: ['MSG-MAILBOX-CONFORMANT'],
  },
  {
    name: EVERY_FAULTY_MESSAGE_DEFECT,
    description: 'The test mailbox holds, after the conformant message, every faulty message of fixtures/messages (defect-*.eml): each message rule is broken by at least one of them',
    fails: ['MSG-MAILBOX-CONFORMANT'],
  },
  {
    name: UNREADABLE_DOCUMENTS_DEFECT,
    description: `The test mailbox also holds a message whose IHE_XDM.zip is broken (${UNREADABLE_DOCUMENTS_FIXTURE}): the rules that read the documents cannot judge it, so the lint warns that the mailbox could not be judged on every message`,
    fails: [], warns: ['MSG-MAILBOX-CONFORMANT'],
  },
];

/** The seed message of `address` (conformant, or faulty when `faulty`), dated `date`. */
export function seedDocumentMessage(address: string, date: Date, faulty: boolean): Buffer {
  const spec = documentMessage();
  spec.to = [address];
  spec.date = rfc5322Date(date);
  spec.messageId = `<seed-xdm.${address.replace(/[^A-Za-z0-9]/g, '.')}@lps-test.example.fr>`;
  if (faulty) spec.headers = spec.headers.filter(([name]) => name.toLowerCase() !== 'x-mss-codecda');
  return renderMessage(spec);
}

/** The seed function the IMAP server calls per mailbox (cached: one rendering per address). */
export function seedFor(defects: ReadonlySet<string>): (address: string, date: Date) => Buffer | Buffer[] {
  const faulty = defects.has(NONCONFORMANT_MESSAGE_DEFECT);
  const extra = defects.has(EVERY_FAULTY_MESSAGE_DEFECT)
    ? readdirSync(FAULTY_FIXTURES).filter((f) => /^defect-.*\.eml$/.test(f)).sort().map((f) => readFileSync(join(FAULTY_FIXTURES, f)))
    : defects.has(UNREADABLE_DOCUMENTS_DEFECT)
      ? [readFileSync(join(FAULTY_FIXTURES, UNREADABLE_DOCUMENTS_FIXTURE))]
      : [];
  const cache = new Map<string, Buffer>();
  return (address, date) => {
    const key = `${address.toLowerCase()} ${date.getTime()}`;
    let raw = cache.get(key);
    if (!raw) cache.set(key, (raw = seedDocumentMessage(address, date, faulty)));
    return extra.length ? [raw, ...extra] : raw;
  };
}
