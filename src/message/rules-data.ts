import { fileURLToPath } from 'node:url';
import type { Confidence, Severity } from '../model/result.js';
import { InputError, saying } from '../util/input-error.js';
import { phrase } from '../i18n/phrase.js';
import { YamlFile } from '../util/yaml-file.js';

/** Where the built-in message lint rules live (data, validated by schemas/message-rules.schema.json). */
export const DEFAULT_RULES_FILE = fileURLToPath(new URL('../../rules/message/rules.yaml', import.meta.url));

export type CheckName =
  | 'mimeStructure'
  | 'contentType'
  | 'messageId'
  | 'threading'
  | 'utf8'
  | 'nil'
  | 'codeCda'
  | 'insHeader'
  | 'insQualified'
  | 'mes'
  | 'patientAddress'
  | 'patientSize'
  | 'xdmPackage'
  | 'xdmPatientId'
  | 'cdaPatient'
  | 'onePatient'
  | 'xdmSubject'
  | 'mdnRequest'
  | 'mdnStructure';

export interface MessageRuleSpec {
  id: string;
  check: CheckName;
  title: string;
  requirements: string[];
  severity: Severity;
  confidence: Confidence;
  assumption?: string;
  policyRule?: string;
  enabled?: boolean;
  /** Kinds of message the rule judges (src/message/authorship.ts); default `[client]`. */
  appliesTo?: ('client' | 'dsn' | 'mdn' | 'auto' | 'notice')[];
}

export interface InsOid {
  oid: string;
  kind: 'NIR' | 'NIA';
  test: boolean;
}

export interface LintLimits {
  maxArchiveBytes: number;
  maxArchiveEntries: number;
  maxEntryBytes: number;
  maxTotalUncompressedBytes: number;
  maxCompressionRatio: number;
  maxXmlBytes: number;
  maxHeaderBytes: number;
  maxParts: number;
  maxDepth: number;
}

/** The rules file as written. */
export interface MessageRulesFile {
  rulesVersion: string;
  source?: string;
  headers: { codeCda: string; ins: string; nil: string; mes: string; dispositionNotificationTo: string };
  values: {
    codeCdaSeparator: string;
    insQualified: string;
    insNotQualified: string;
    mesValues: string[];
    nilPattern?: string;
    xdmSubjectPattern: string;
    mdnErrorSubjectPattern?: string;
    patientDomain: string;
    patientLocalPartPattern: string;
    textCharsets: string[];
    patientMaxBytes: number;
    maxHeaderLineLength: number;
  };
  ins: { oids: InsOid[]; insPattern: string };
  xdm: {
    archiveNames: string[];
    metadataPathPattern: string;
    documentPathPattern: string;
    patientIdSchemes: string[];
    cdaNamespace: string;
    companionContentTypes: string[];
  };
  limits: LintLimits;
  /** The shape of a disposition notification (RFC 8098 §3, RFC 6522 §3); needed by the mdnStructure check. */
  mdn?: {
    reportType: string;
    notificationMediaType: string;
    minParts: number;
    maxParts: number;
    requiredFields: string[];
    finalRecipientField: string;
    finalRecipientPattern: string;
    dispositionField: string;
    dispositionPattern: string;
    originalMessageIdField: string;
    /** Shapes another source prescribes that RFC 8098 §3 does not allow: judged with their own confidence (review), not failed. */
    alternativeShapes?: MdnAlternativeShape[];
  };
  /** Signs of a message the client did not write (see src/message/authorship.ts). */
  notClientWritten?: { reportTypes: string[]; reportTypeMeaning: Record<string, string>; autoSubmittedHeader: string; nullReturnPath: boolean; senderPatterns: string[] };
  rules: MessageRuleSpec[];
}

/** An MDN shape from another source (e.g. the ANS HL7v2 volet's extra attachments). */
export interface MdnAlternativeShape {
  id: string;
  description: string;
  maxParts: number;
  extraPartFilenamePattern?: string;
  extraPartMediaTypes?: string[];
  requirements: string[];
  confidence: Confidence;
}

/** The rules file with its patterns compiled, ready for the checks. */
export interface MessageRules extends MessageRulesFile {
  path: string;
  re: {
    nil?: RegExp;
    xdmSubject: RegExp;
    mdnErrorSubject?: RegExp;
    patientLocalPart: RegExp;
    ins: RegExp;
    metadataPath: RegExp;
    documentPath: RegExp;
    mdnFinalRecipient?: RegExp;
    mdnDisposition?: RegExp;
    /** `notClientWritten.senderPatterns`, compiled once (case-insensitive). */
    notClientSenders: { pattern: string; re: RegExp }[];
  };
}

const cache = new Map<string, MessageRules>();

/** Reads, validates and compiles a rules file (the built-in one by default). Bad data is an InputError. */
export function loadMessageRules(path: string = DEFAULT_RULES_FILE): MessageRules {
  const hit = cache.get(path);
  if (hit) return hit;
  const file = YamlFile.read<MessageRulesFile>(path, 'message rules');
  const data = file.validate('message-rules');
  const ids = new Set<string>();
  for (const [i, r] of data.rules.entries()) {
    if (ids.has(r.id)) {
      throw new InputError(file.problem(`/rules/${i}/id`, saying(phrase('rules-duplicate', { id: r.id }), phrase('rules-duplicate-fix'))));
    }
    ids.add(r.id);
    if (r.check === 'mdnStructure' && !data.mdn) {
      throw new InputError(file.problem(`/rules/${i}/check`, saying(phrase('rules-mdn-block', { id: r.id }), phrase('rules-mdn-block-fix'))));
    }
  }
  const rules: MessageRules = {
    ...data,
    path,
    re: {
      nil: data.values.nilPattern === undefined ? undefined : new RegExp(data.values.nilPattern),
      xdmSubject: new RegExp(data.values.xdmSubjectPattern, 'u'),
      mdnErrorSubject: data.values.mdnErrorSubjectPattern === undefined ? undefined : new RegExp(data.values.mdnErrorSubjectPattern, 'u'),
      patientLocalPart: new RegExp(data.values.patientLocalPartPattern),
      ins: new RegExp(data.ins.insPattern),
      metadataPath: new RegExp(data.xdm.metadataPathPattern, 'i'),
      documentPath: new RegExp(data.xdm.documentPathPattern, 'i'),
      mdnFinalRecipient: data.mdn ? new RegExp(data.mdn.finalRecipientPattern, 'i') : undefined,
      mdnDisposition: data.mdn ? new RegExp(data.mdn.dispositionPattern, 'i') : undefined,
      notClientSenders: (data.notClientWritten?.senderPatterns ?? []).map((pattern) => ({ pattern, re: new RegExp(pattern, 'i') })),
    },
  };
  cache.set(path, rules);
  return rules;
}
