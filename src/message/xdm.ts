/**
 * Reads an IHE_XDM archive: METADATA.XML (the patientId the receiver relies on) and each CDA R2
 * document (code, display name, patient identifiers and identity traits). Every limit comes from
 * the rules data; nothing here inflates more than the limits allow.
 */
import type { LintLimits, MessageRules } from './rules-data.js';
import { attr, child, childrenNamed, decodeXmlBytes, descendants, parseXml, path, XmlError, type XmlElement } from './xml.js';
import { extractZipEntry, readZipDirectory, ZipError } from './zip.js';
import { phrase, renderPhrase, type Phrase } from '../i18n/phrase.js';

export interface PatientId {
  /** The identifier (extension / CX id). */
  id: string;
  /** Its assigning authority OID ('' when none). */
  oid: string;
}

export interface PatientTraits {
  family: string[];
  given: string[];
  birthTime?: string;
  gender?: string;
}

export interface CdaDocumentFacts {
  path: string;
  code?: string;
  codeSystem?: string;
  displayName?: string;
  title?: string;
  patientIds: PatientId[];
  patient: PatientTraits;
}

export interface MetadataFacts {
  path: string;
  /** patientId values of XDSDocumentEntry / XDSSubmissionSet, as written (`id^^^&oid&ISO`). */
  patientIdValues: string[];
  patientIds: PatientId[];
  /** Document URIs in the order METADATA.XML lists them. */
  documentUris: string[];
  /** typeCode of each document entry, in the same order. */
  typeCodes: string[];
}

export interface XdmFacts {
  /** `read` when the archive was read; otherwise why not. */
  status: 'read' | 'corrupt' | 'over-limit' | 'unsupported';
  reason?: string;
  /** `reason` as a phrase (readable reports say it in the reader's language). */
  reasonPhrase?: Phrase;
  entries: string[];
  metadata?: MetadataFacts;
  documents: CdaDocumentFacts[];
  /** Files that could not be read (invalid XML, refused DTD, bad encoding...). */
  problems: { path: string; message: string }[];
  /** The same problems as phrases (same order). */
  problemPhrases: Phrase[];
}

/** Parses an HL7 v2 CX value `id^^^&oid&ISO`. */
export function parseCx(value: string): PatientId {
  const [id = '', , , authority = ''] = value.split('^');
  const oid = authority.split('&')[1] ?? '';
  return { id: id.trim(), oid: oid.trim() };
}

function readXml(bytes: Uint8Array, limits: LintLimits): XmlElement {
  if (bytes.length > limits.maxXmlBytes) throw new XmlError(phrase('xml-document-too-large', { max: `${limits.maxXmlBytes}` }), 1);
  return parseXml(decodeXmlBytes(bytes));
}

function readMetadata(root: XmlElement, filePath: string, rules: MessageRules): MetadataFacts {
  const schemes = new Set(rules.xdm.patientIdSchemes);
  const values: string[] = [];
  for (const ei of descendants(root, 'ExternalIdentifier')) {
    if (schemes.has(attr(ei, 'identificationScheme') ?? '')) values.push(attr(ei, 'value') ?? '');
  }
  const documentUris: string[] = [];
  const typeCodes: string[] = [];
  for (const eo of descendants(root, 'ExtrinsicObject')) {
    const uriSlot = childrenNamed(eo, 'Slot').find((s) => attr(s, 'name') === 'URI');
    const uri = uriSlot ? childrenNamed(child(uriSlot, 'ValueList'), 'Value').map((v) => v.text.trim()).join('') : '';
    documentUris.push(uri);
    const typeCode = childrenNamed(eo, 'Classification').find((c) => attr(c, 'classificationScheme') === 'urn:uuid:f0306f51-975f-434e-a61c-c59651d33983');
    typeCodes.push(attr(typeCode, 'nodeRepresentation') ?? '');
  }
  return { path: filePath, patientIdValues: values, patientIds: values.map(parseCx), documentUris, typeCodes };
}

function readCda(root: XmlElement, filePath: string): CdaDocumentFacts {
  const code = child(root, 'code');
  const patientRole = path(root, 'recordTarget', 'patientRole');
  const patient = child(patientRole, 'patient');
  const name = child(patient, 'name');
  return {
    path: filePath,
    code: attr(code, 'code'),
    codeSystem: attr(code, 'codeSystem'),
    displayName: attr(code, 'displayName'),
    title: child(root, 'title')?.text.trim(),
    patientIds: childrenNamed(patientRole, 'id').map((id) => ({ id: attr(id, 'extension') ?? '', oid: attr(id, 'root') ?? '' })),
    patient: {
      family: childrenNamed(name, 'family').map((f) => f.text.trim()).filter(Boolean),
      given: childrenNamed(name, 'given').map((g) => g.text.trim()).filter(Boolean),
      birthTime: attr(child(patient, 'birthTime'), 'value'),
      gender: attr(child(patient, 'administrativeGenderCode'), 'code'),
    },
  };
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Reads an IHE_XDM archive held in memory. Never throws: problems are in the result. */
export function readXdm(zip: Uint8Array, rules: MessageRules): XdmFacts {
  const facts: XdmFacts = { status: 'read', entries: [], documents: [], problems: [], problemPhrases: [] };
  const problem = (path: string, message: Phrase): void => {
    facts.problems.push({ path, message: renderPhrase(message) });
    facts.problemPhrases.push(message);
  };
  let entries;
  try {
    entries = readZipDirectory(zip, rules.limits);
  } catch (err) {
    if (!(err instanceof ZipError)) throw err;
    facts.status = err.code === 'ZIP_LIMIT' ? 'over-limit' : err.code === 'ZIP_UNSUPPORTED' ? 'unsupported' : 'corrupt';
    facts.reason = err.message;
    facts.reasonPhrase = err.phrase;
    return facts;
  }
  facts.entries = entries.map((e) => e.name);
  const docs: CdaDocumentFacts[] = [];
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const isMetadata = rules.re.metadataPath.test(e.name);
    const isDocument = !isMetadata && rules.re.documentPath.test(e.name);
    if (!isMetadata && !isDocument) continue;
    let root: XmlElement;
    try {
      root = readXml(extractZipEntry(zip, e, rules.limits), rules.limits);
    } catch (err) {
      if (err instanceof ZipError) {
        facts.status = err.code === 'ZIP_LIMIT' ? 'over-limit' : err.code === 'ZIP_UNSUPPORTED' ? 'unsupported' : 'corrupt';
        facts.reason = err.message;
        facts.reasonPhrase = err.phrase;
        return facts;
      }
      problem(e.name, err instanceof XmlError ? phrase('xdm-not-well-formed', { message: err.phrase }) : phrase('text-verbatim', { text: (err as Error).message }));
      continue;
    }
    if (isMetadata) {
      if (facts.metadata) problem(e.name, phrase('xdm-second-metadata'));
      else facts.metadata = readMetadata(root, e.name, rules);
    } else if (root.local === 'ClinicalDocument' && root.ns === rules.xdm.cdaNamespace) {
      docs.push(readCda(root, e.name));
    }
  }
  // Documents in the order METADATA.XML lists them; the others after, in archive order.
  const order = facts.metadata?.documentUris.map((u) => u.toUpperCase()) ?? [];
  const rank = (d: CdaDocumentFacts) => {
    const i = order.indexOf(baseName(d.path).toUpperCase());
    return i < 0 ? order.length : i;
  };
  facts.documents = docs.map((d, i) => ({ d, i })).sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i).map((x) => x.d);
  return facts;
}
