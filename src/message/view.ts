/**
 * What the checks look at: one message, scanned, with its IHE_XDM archives read, and the values
 * derived from them (recipients, documents, patient identities). Built once per message.
 */
import { decodeEncodedWords, parseAddressList, type ParsedAddress } from './header-values.js';
import { headerValues, type HeaderField, type MimePart, type ScannedMessage } from './mime.js';
import type { MessageRules } from './rules-data.js';
import { readXdm, type CdaDocumentFacts, type PatientId, type XdmFacts } from './xdm.js';
import { phrase, type Phrase } from '../i18n/phrase.js';

export interface ArchiveFacts {
  part: string;
  filename: string;
  size: number;
  /** Set when the archive was read (even if it turned out corrupt). */
  xdm?: XdmFacts;
  /** Set when the archive was not read: too large for the deep check. */
  skipped?: string;
}

/** Whether the CDA documents of the message are known. */
export type DocumentsState = 'none' | 'known' | 'skipped' | 'unreadable';

export interface MessageView {
  file: string;
  scanned: ScannedMessage;
  headers: HeaderField[];
  subject?: string;
  recipients: ParsedAddress[];
  invalidRecipients: string[];
  patientRecipients: ParsedAddress[];
  archives: ArchiveFacts[];
  documentsState: DocumentsState;
  /** Why the documents are not known: English, or a phrase readable reports say in the reader's language. */
  documentsReason?: string | Phrase;
  documents: CdaDocumentFacts[];
  /** patientId values of every METADATA.XML, parsed. */
  metadataPatientIds: PatientId[];
  /** The INS identifiers (under an INS OID) found in METADATA.XML and the CDA documents. */
  insIds: PatientId[];
  hasQualifiedIns: boolean;
}

/** True when the part is an IHE_XDM archive by its file name. */
export function isXdmArchive(part: MimePart, rules: MessageRules): boolean {
  const name = part.filename?.toLowerCase();
  return !!name && rules.xdm.archiveNames.some((n) => n.toLowerCase() === name);
}

export function header(view: { headers: HeaderField[] }, name: string): string[] {
  return headerValues(view.headers, name);
}

export function buildView(file: string, scanned: ScannedMessage, rules: MessageRules): MessageView {
  const headers = scanned.headers;
  const subjectRaw = headerValues(headers, 'subject')[0];
  const recipients: ParsedAddress[] = [];
  const invalidRecipients: string[] = [];
  for (const name of ['to', 'cc', 'bcc']) {
    for (const v of headerValues(headers, name)) {
      const r = parseAddressList(v);
      recipients.push(...r.addresses);
      invalidRecipients.push(...r.invalid);
    }
  }
  const archives: ArchiveFacts[] = [];
  for (const part of scanned.parts) {
    if (part.multipart || !isXdmArchive(part, rules)) continue;
    const a: ArchiveFacts = { part: part.path, filename: part.filename ?? '', size: part.size };
    if (part.captured) a.xdm = readXdm(part.captured, rules);
    else a.skipped = `the archive (${part.size} bytes) exceeds the ${rules.limits.maxArchiveBytes}-byte limit of the deep check`;
    archives.push(a);
  }
  let documentsState: DocumentsState = 'none';
  let documentsReason: string | Phrase | undefined;
  const documents: CdaDocumentFacts[] = [];
  const metadataPatientIds: PatientId[] = [];
  for (const a of archives) {
    if (a.skipped) {
      documentsState = 'skipped';
      documentsReason = `${a.filename}: ${a.skipped}`;
      continue;
    }
    const x = a.xdm!;
    if (x.status !== 'read' || x.problems.length > 0) {
      if (documentsState !== 'skipped') {
        documentsState = 'unreadable';
        const problems = x.problemPhrases.map((p, i) => phrase('lint-found-path-problem', { path: x.problems[i]!.path, problem: p }));
        const detail = x.reasonPhrase ?? x.reason ?? (problems.length ? problems.reduce((all, p) => phrase('list-semicolon', { first: all, next: p })) : '');
        documentsReason = phrase('lint-found-path-problem', { path: a.filename, problem: detail });
      }
    }
    documents.push(...x.documents);
    if (x.metadata) metadataPatientIds.push(...x.metadata.patientIds);
  }
  if (documentsState === 'none' && documents.length > 0) documentsState = 'known';
  const insOids = new Set(rules.ins.oids.map((o) => o.oid));
  const insIds = [...metadataPatientIds, ...documents.flatMap((d) => d.patientIds)].filter((p) => insOids.has(p.oid) && p.id !== '');
  const patientDomain = rules.values.patientDomain.toLowerCase();
  return {
    file,
    scanned,
    headers,
    subject: subjectRaw === undefined ? undefined : decodeEncodedWords(subjectRaw).text,
    recipients,
    invalidRecipients,
    patientRecipients: recipients.filter((r) => r.domain === patientDomain),
    archives,
    documentsState,
    documentsReason,
    documents,
    metadataPatientIds,
    insIds,
    hasQualifiedIns: insIds.some((p) => rules.re.ins.test(p.id)),
  };
}
