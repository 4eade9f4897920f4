/**
 * `msscheck lint-message FILES`: lints each file and returns the same Report model as `run`
 * (kind `lint-message`). One ScenarioResult per (rule × file): id `<RULE-ID>/<file>`, scenarioId
 * the rule id, variant the file, so JUnit shows one test case per rule and file, grouped by rule,
 * and the HTML/Markdown tables list each finding on its own row. A file that is not MIME gives a
 * single `MSG-PARSE/<file>` result with status `fail` (`error` when it could not be read); the other
 * files go on.
 */
import { buildReport } from '../engine/report.js';
import { translator } from '../i18n/index.js';
import type { Evidence, Report, ScenarioResult, Severity } from '../model/result.js';
import { Redactor } from '../util/redact.js';
import { loadPolicy, type Policy } from '../policy/index.js';
import { messagePolicyView, type MessagePolicyView } from './ins-derogation.js';
import { lintMessageFile, type FileLint } from './lint.js';
import { DEFAULT_RULES_FILE, loadMessageRules } from './rules-data.js';
import { lintAssumptions, withPolicy } from './rules-policy.js';

export { lintAssumptions, withPolicy };

export interface LintMessagesOptions {
  asOf: Date;
  /**
   * The deadline policy (default: policy/default.yaml): its `ins-derogation` rule dates
   * MSG-INS-QUALIFIED, its `patient-message-max-size` rule sets the patient ceiling.
   */
  policy?: Policy;
  /** Rules data file (default rules/message/rules.yaml). */
  rulesFile?: string;
  /** Severity at or above which a failure makes the report non-conformant (default `info`: any). */
  failOn?: Severity;
  /** How the report names each file (same order as `files`), e.g. its path relative to the current folder; default the path given. */
  names?: string[];
  /** S rules fail instead of warning (`--strict`). */
  strict?: boolean;
}

export const PARSE_RULE = {
  id: 'MSG-PARSE',
  title: 'The file is a readable MIME message',
  requirements: ['RFC5322§2.1', 'RFC2045§3'],
  severity: 'high' as Severity,
};

function baseName(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

/** Who a result is: rule `id` on one file (`<RULE-ID>/<variant>`), titled with the file's base name. */
function resultIdentity(rule: { id: string; title: string; requirements: string[] }, variant: string, file: string): Pick<ScenarioResult, 'id' | 'scenarioId' | 'variant' | 'title' | 'family' | 'requirements'> {
  return { id: `${rule.id}/${variant}`, scenarioId: rule.id, variant, title: `${rule.title} — ${baseName(file)}`, family: 'message', requirements: rule.requirements };
}

/** The ScenarioResults of one linted file. */
export function fileResults(lint: FileLint, variant: string): ScenarioResult[] {
  const step = (status: 'ok' | 'error', code?: string, message?: string) => ({ id: 'lint', probe: 'message.lint', status, durationMs: Math.round(lint.durationMs), code, message });
  if (lint.status === 'error') {
    // A file that was read but is not a message (NOT_MIME, header section too large) is a verdict
    // about the file: `fail`. A file that could not be read is `error`: nothing was judged.
    const judged = lint.error?.code === 'NOT_MIME' || lint.error?.code === 'HEADER_TOO_LARGE';
    return [
      {
        ...resultIdentity(PARSE_RULE, variant, lint.file),
        tags: ['message', 'parse'],
        severity: PARSE_RULE.severity,
        status: judged ? 'fail' : 'error',
        reason: `${lint.file}: ${lint.error?.message ?? 'unreadable'}`,
        startedAt: lint.startedAt,
        durationMs: Math.round(lint.durationMs),
        steps: judged ? [step('ok')] : [step('error', lint.error?.code, lint.error?.message)],
        assertions: judged
          ? [{ description: PARSE_RULE.title, step: 'lint', fact: 'parse', operator: 'equals', expected: 'a MIME message', found: `${lint.error?.code}: ${lint.error?.message}`, requirements: PARSE_RULE.requirements, status: 'fail' }]
          : [],
        evidence: [],
      },
    ];
  }
  const evidence: Evidence[] = lint.summary ? [{ kind: 'message', title: `message ${baseName(lint.file)}`, step: 'lint', data: lint.summary }] : [];
  const name = baseName(lint.file);
  const durationMs = Math.round(lint.durationMs);
  // One object literal of one shape per result (a thousand files make tens of thousands of them).
  return lint.results.map(({ rule, outcome, durationMs: ruleMs }): ScenarioResult => {
    const result: ScenarioResult = {
      id: `${rule.id}/${variant}`,
      scenarioId: rule.id,
      variant,
      title: `${rule.title} — ${name}`,
      family: 'message',
      requirements: rule.requirements,
      tags: ['message', rule.check],
      severity: rule.severity,
      confidence: rule.confidence,
      status: outcome.status,
      reason: outcome.reason,
      reasonPhrase: outcome.reasonPhrase,
      startedAt: lint.startedAt,
      durationMs: Math.round(ruleMs * 1000) / 1000,
      steps: [{ id: 'lint', probe: 'message.lint', status: 'ok', durationMs, code: undefined, message: undefined }],
      assertions: outcome.assertions,
      // The message summary is the evidence of what was found; kept on the results that need a look.
      // A message the client did not write keeps it too: the evidence says why the rules did not apply.
      evidence: (outcome.status === 'pass' || outcome.status === 'not-applicable') && lint.summary?.authorship.clientWritten !== false ? [] : evidence,
    };
    return result;
  });
}

/** Variant ids: the file path as given, made unique when a file is named twice. */
function variants(files: string[]): string[] {
  const seen = new Map<string, number>();
  return files.map((f) => {
    const n = (seen.get(f) ?? 0) + 1;
    seen.set(f, n);
    return n === 1 ? f : `${f}#${n}`;
  });
}

/** Files read ahead while one is linted (each larger one streams 256 KiB at a time). */
const FILES_IN_FLIGHT = 4;

/** Lints every file (a few at a time, in order) and builds the report. */
export async function lintMessages(files: string[], opts: LintMessagesOptions): Promise<Report> {
  const baseRules = loadMessageRules(opts.rulesFile ?? DEFAULT_RULES_FILE);
  const policy = opts.policy ?? loadPolicy();
  const view: MessagePolicyView = messagePolicyView(policy);
  const rules = withPolicy(baseRules, view);
  const started = new Date();
  const names = files.map((f, i) => opts.names?.[i] ?? f);
  const ids = variants(names);
  const scenarios: ScenarioResult[] = [];
  // A few files in flight: while one is parsed (CPU), the next ones are read (I/O). Results keep
  // the order of `files`.
  const lintOne = (i: number): Promise<FileLint> => lintMessageFile(files[i]!, { asOf: opts.asOf, rules, insDerogation: view.insDerogation, strength: { strict: opts.strict } });
  const inFlight: Promise<FileLint>[] = [];
  for (let next = 0, done = 0; done < files.length; done++) {
    while (next < files.length && inFlight.length < FILES_IN_FLIGHT) inFlight.push(lintOne(next++));
    const lint = await inFlight.shift()!;
    scenarios.push(...fileResults({ ...lint, file: names[done]! }, ids[done]!));
  }
  return buildReport({
    kind: 'lint-message',
    results: scenarios,
    asOf: opts.asOf,
    startedAt: started,
    finishedAt: new Date(),
    catalogue: { id: 'message-rules', version: rules.rulesVersion, source: opts.rulesFile ?? 'built-in' },
    policy: policy.versioned,
    failOn: opts.failOn ?? 'info',
    redactor: new Redactor(),
    assumptions: lintAssumptions(rules, view),
    strict: opts.strict === true,
    redactionNote: translator('en').t('redaction-note-lint'),
  });
}

