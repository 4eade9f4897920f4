/** Turns the lint of several messages into probe facts: counts per rule, the findings, the errors. */
import type { Status } from '../../model/result.js';
import type { FileLint } from '../../message/lint.js';
import type { ImapSourceInfo } from './imap-source.js';
import { worseStatus } from '../../engine/verdict-strength.js';

export interface RuleCounts {
  /** Worst status over the messages: fail > error > review > warn > pass > skip > not-applicable. */
  status: Status;
  pass: number;
  fail: number;
  warn: number;
  review: number;
  error: number;
  skip: number;
  'not-applicable': number;
}

export interface MessageLintFacts {
  [key: string]: unknown;
  source: string;
  messages: number;
  linted: number;
  unreadable: number;
  names: string[];
  /** By rule id. */
  rules: Record<string, RuleCounts>;
  /** Rule ids that failed on at least one message. */
  failingRules: string[];
  /** Rule ids that ask for review (unconfirmed rule, or sources that disagree) on at least one message. */
  reviewRules: string[];
  /** Messages the client rules were applied to (written by the client) and those set aside, with why. */
  clientWritten: number;
  /** Messages some rule judged: written by the client, an MDN (judged by the MDN rules), or unreadable. */
  messagesJudged: number;
  selection: { message: string; judged: boolean; reason: string }[];
  /** Every result that is not a pass or not-applicable. */
  findings: { message: string; rule: string; status: Status; reason?: string }[];
  errors: { message: string; code: string; reason: string }[];
  /** source `imap`: which mailbox and folder, how the probe logged in, how many messages were read. */
  imap?: ImapSourceInfo;
}

export function lintFacts(source: string, lints: FileLint[]): MessageLintFacts {
  const rules: Record<string, RuleCounts> = {};
  const findings: MessageLintFacts['findings'] = [];
  for (const l of lints) {
    for (const { rule, outcome } of l.results) {
      const c = (rules[rule.id] ??= { status: 'not-applicable', pass: 0, fail: 0, warn: 0, review: 0, error: 0, skip: 0, 'not-applicable': 0 });
      c[outcome.status]++;
      c.status = worseStatus(outcome.status, c.status);
      if (outcome.status !== 'pass' && outcome.status !== 'not-applicable') findings.push({ message: l.file, rule: rule.id, status: outcome.status, reason: outcome.reason });
    }
  }
  return {
    source,
    messages: lints.length,
    linted: lints.filter((l) => l.status === 'linted').length,
    unreadable: lints.filter((l) => l.status === 'error').length,
    names: lints.map((l) => l.file),
    rules,
    failingRules: Object.entries(rules).filter(([, c]) => c.fail > 0).map(([id]) => id),
    reviewRules: Object.entries(rules).filter(([, c]) => c.review > 0).map(([id]) => id),
    clientWritten: lints.filter((l) => l.summary?.authorship.clientWritten === true).length,
    messagesJudged: lints.filter((l) => l.status === 'error' || l.results.some((r) => r.outcome.status !== 'not-applicable')).length,
    selection: lints.map((l) => ({
      message: l.file,
      judged: l.status === 'linted' && l.summary?.authorship.clientWritten !== false,
      reason: l.status === 'error' ? `unreadable: ${l.error?.message ?? ''}` : (l.summary?.authorship.reason ?? ''),
    })),
    findings,
    errors: lints.filter((l) => l.status === 'error').map((l) => ({ message: l.file, code: l.error?.code ?? 'EINTERNAL', reason: l.error?.message ?? '' })),
  };
}
