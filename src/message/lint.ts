/**
 * Lints one message: scan the MIME (streaming), read its IHE_XDM archives, build the view, run
 * every enabled rule of the rules data. A file that cannot be read or is not MIME at all gives an
 * error result for that file; it never throws for bad input.
 */
import { phrase, renderPhrase } from '../i18n/phrase.js';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { runCheck, type RuleOutcome } from './checks.js';
import { PLACEHOLDER_INS_DEROGATION, type InsDerogation } from './ins-derogation.js';
import { MimeError, scanMime, scanMimeFile, type ScanOptions, type ScannedMessage } from './mime.js';
import { loadMessageRules, type MessageRuleSpec, type MessageRules } from './rules-data.js';
import { buildView, isXdmArchive, type MessageView } from './view.js';
import { authorshipOf, type Authorship } from './authorship.js';
import type { StrengthOptions } from '../engine/verdict-strength.js';

export interface LintOptions {
  /** The as-of date: dated rules (the INS derogation) are judged on it. */
  asOf: Date;
  /** Rules data (default: rules/message/rules.yaml). */
  rules?: MessageRules;
  insDerogation?: InsDerogation;
  /** Verdict strength (`strict`: S rules fail). */
  strength?: StrengthOptions;
}

export interface RuleResult {
  rule: MessageRuleSpec;
  outcome: RuleOutcome;
  durationMs: number;
}

export interface FileLint {
  file: string;
  startedAt: string;
  durationMs: number;
  /** `error` when the file could not be read or is not a MIME message. */
  status: 'linted' | 'error';
  error?: { code: string; message: string };
  results: RuleResult[];
  /** A compact, JSON summary of the message (evidence). */
  summary?: MessageSummary;
}

export interface MessageSummary {
  file: string;
  /** Whether the client under test wrote it (the client rules apply only then), and why. */
  authorship: Authorship;
  sizeBytes: number;
  headers: { name: string; value: string }[];
  parts: { path: string; mediaType: string; charset?: string; transferEncoding: string; filename?: string; size: number }[];
  archives: {
    filename: string;
    size: number;
    status: string;
    reason?: string;
    entries?: number;
    metadataPatientIds?: string[];
    documents?: { path: string; code?: string; displayName?: string; patientIds: string[] }[];
    problems?: string[];
  }[];
  mimeProblems: string[];
}

const SUMMARY_HEADERS = new Set(['from', 'to', 'cc', 'subject', 'date', 'message-id', 'in-reply-to', 'references', 'mime-version', 'content-type', 'disposition-notification-to']);

export function scanOptions(rules: MessageRules): ScanOptions {
  return {
    capture: (part) => isXdmArchive(part, rules) || part.contentType.mediaType === rules.mdn?.notificationMediaType,
    maxCaptureBytes: rules.limits.maxArchiveBytes,
    maxHeaderBytes: rules.limits.maxHeaderBytes,
    maxParts: rules.limits.maxParts,
    maxDepth: rules.limits.maxDepth,
    maxLineLength: rules.values.maxHeaderLineLength,
  };
}

function summarise(v: MessageView, rules: MessageRules, authorship: Authorship): MessageSummary {
  const own = new Set(Object.values(rules.headers).map((h) => h.toLowerCase()));
  return {
    file: v.file,
    authorship,
    sizeBytes: v.scanned.totalBytes,
    headers: v.headers.filter((h) => SUMMARY_HEADERS.has(h.name.toLowerCase()) || own.has(h.name.toLowerCase())).map((h) => ({ name: h.name, value: h.value.slice(0, 500) })),
    parts: v.scanned.parts.map((p) => ({
      path: p.path,
      mediaType: p.contentType.mediaType,
      charset: p.contentType.params.charset,
      transferEncoding: p.transferEncoding,
      filename: p.filename,
      size: p.size,
    })),
    archives: v.archives.map((a) => ({
      filename: a.filename,
      size: a.size,
      status: a.skipped ? 'skipped' : a.xdm!.status,
      reason: a.skipped ?? a.xdm?.reason,
      entries: a.xdm?.entries.length,
      metadataPatientIds: a.xdm?.metadata?.patientIdValues,
      documents: a.xdm?.documents.map((d) => ({ path: d.path, code: d.code, displayName: d.displayName, patientIds: d.patientIds.map((p) => `${p.id}@${p.oid}`) })),
      problems: a.xdm?.problems.map((p) => `${p.path}: ${p.message}`),
    })),
    mimeProblems: v.scanned.problems.map((p) => p.message),
  };
}

/** Runs the rules over a scanned message. */
export function lintScanned(file: string, scanned: ScannedMessage, opts: LintOptions): { results: RuleResult[]; summary: MessageSummary } {
  const rules = opts.rules ?? loadMessageRules();
  const view = buildView(file, scanned, rules);
  const insDerogation = opts.insDerogation ?? PLACEHOLDER_INS_DEROGATION;
  const authorship = authorshipOf(view, rules);
  const results: RuleResult[] = [];
  for (const rule of rules.rules) {
    if (rule.enabled === false) continue;
    const t0 = performance.now();
    let outcome: RuleOutcome;
    // A rule judges the kinds of message it names (default: what the client writes); an MDN is
    // judged by the MDN rules only, a DSN, auto-reply or notice by none of the client rules.
    if (!(rule.appliesTo ?? ['client']).includes(authorship.kind)) {
      const reasonPhrase = phrase(authorship.clientWritten ? 'lint-na-not-judged' : 'lint-na-not-client', { why: authorship.reasonPhrase });
      results.push({ rule, outcome: { status: 'not-applicable', reason: renderPhrase(reasonPhrase), reasonPhrase, assertions: [] }, durationMs: performance.now() - t0 });
      continue;
    }
    try {
      outcome = runCheck(rule.check, view, { rules, rule, asOf: opts.asOf, insDerogation, strength: opts.strength });
    } catch (err) {
      outcome = { status: 'error', reason: `internal error in check ${rule.check}: ${(err as Error).message}`, assertions: [] };
    }
    results.push({ rule, outcome, durationMs: performance.now() - t0 });
  }
  return { results, summary: summarise(view, rules, authorship) };
}

async function lintWith(file: string, scan: () => Promise<ScannedMessage>, opts: LintOptions): Promise<FileLint> {
  const started = new Date();
  const t0 = performance.now();
  try {
    const scanned = await scan();
    const { results, summary } = lintScanned(file, scanned, opts);
    return { file, startedAt: started.toISOString(), durationMs: performance.now() - t0, status: 'linted', results, summary };
  } catch (err) {
    const code = err instanceof MimeError ? err.code : 'EINTERNAL';
    return { file, startedAt: started.toISOString(), durationMs: performance.now() - t0, status: 'error', error: { code, message: (err as Error).message }, results: [] };
  }
}

/** Lints a message file, streaming it from disk. */
export function lintMessageFile(path: string, opts: LintOptions): Promise<FileLint> {
  const rules = opts.rules ?? loadMessageRules();
  return lintWith(path, () => scanMimeFile(path, scanOptions(rules)), { ...opts, rules });
}

/** Lints a message held in memory or given as a stream (IMAP fetch, sandbox store). */
export function lintMessageSource(name: string, source: Buffer | Readable, opts: LintOptions): Promise<FileLint> {
  const rules = opts.rules ?? loadMessageRules();
  const stream = Buffer.isBuffer(source) ? Readable.from([source]) : source;
  return lintWith(name, () => scanMime(stream, scanOptions(rules)), { ...opts, rules });
}
