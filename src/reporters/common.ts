/**
 * Small helpers every reporter shares: how a status reads, how long a run took, how a value found
 * by an assertion is shown in one line, which assertion failed first.
 */
import type { AssertionResult, Evidence, Report, RunSummary, ScenarioResult, Status } from '../model/result.js';
import { translator, type Translator } from '../i18n/index.js';

/** Statuses in the order reports list them: the ones that need attention first. */
export const STATUS_ORDER: readonly Status[] = ['fail', 'error', 'warn', 'review', 'skip', 'not-applicable', 'pass'];

export const STATUS_LABEL: Record<Status, string> = {
  pass: 'pass',
  fail: 'FAIL',
  warn: 'warn',
  error: 'ERROR',
  skip: 'skip',
  'not-applicable': 'n/a',
  review: 'review',
};

/** `123 ms`, `1.2 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms - min * 60_000) / 1000)} s`;
}

/** A value as one line of text: strings as they are, anything else as compact JSON; `absent` for undefined. */
export function showValue(value: unknown, max = 300): string {
  let text: string;
  if (value === undefined) text = '(absent)';
  else if (typeof value === 'string') text = JSON.stringify(value);
  else {
    try {
      text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return truncate(text, max);
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}

/** The assertions that decided a `fail` (fail-level) or `warn` status. */
export function failingAssertions(s: ScenarioResult): AssertionResult[] {
  return s.assertions.filter((a) => a.status === 'fail');
}

export function warningAssertions(s: ScenarioResult): AssertionResult[] {
  return s.assertions.filter((a) => a.status === 'warn');
}

/** The steps whose probe errored or skipped, with their codes: why a scenario is `error`/`skip`. */
export function problemSteps(s: ScenarioResult): ScenarioResult['steps'] {
  return s.steps.filter((st) => st.status === 'error' || st.status === 'skip' || st.status === 'not-applicable');
}

/** An operator as the user reads it (`equals`, `égal à`); an unknown one as it is written. */
export function operatorWord(op: string, tr: Translator = translator('en')): string {
  return tr.has(`op-${op}`) ? tr.t(`op-${op}`) : op;
}

/** `contains "STARTTLS"`, or just `empty` for operators that take no value (the engine records them as their own name). */
export function expectation(a: AssertionResult, max = 120, tr: Translator = translator('en')): string {
  const op = operatorWord(a.operator, tr);
  return a.expected === a.operator ? op : tr.t('expectation', { operator: op, value: showValue(a.expected, max) });
}

/** One line saying why a scenario did not pass: the first failing assertion, else its reason. */
export function whyLine(s: ScenarioResult, tr: Translator = translator('en')): string {
  const a = failingAssertions(s)[0] ?? (s.status === 'warn' || s.status === 'review' ? s.assertions.find((x) => x.status === s.status) : undefined);
  if (a) return tr.t('why-expected-found', { what: a.description, expected: expectation(a, 120, tr), found: showValue(a.found, 120) });
  const st = problemSteps(s)[0];
  if (s.reason) return s.reason;
  if (st) return `${st.id}: ${st.code ?? st.status}${st.message ? ` ${st.message}` : ''}`;
  return '';
}

/** The operator named as the report should name it: `Operator (platform: P, run by Q)`. */
export function targetLine(report: Report, tr: Translator = translator('en')): string {
  const t = report.target;
  if (!t) return tr.t(report.kind === 'lint-message' ? 'target-none-lint' : 'target-none');
  const platform = t.platform ? tr.t(t.platform.operator ? 'target-platform-run-by' : 'target-platform', { platform: t.platform.name, operator: t.platform.operator }) : '';
  return `${t.operator.name}${t.operator.id ? ` [${t.operator.id}]` : ''}${platform}`;
}

/** Scenarios grouped by family, families in first-seen order. */
export function byFamily(scenarios: ScenarioResult[]): Map<string, ScenarioResult[]> {
  const m = new Map<string, ScenarioResult[]>();
  for (const s of scenarios) {
    const list = m.get(s.family) ?? [];
    list.push(s);
    m.set(s.family, list);
  }
  return m;
}

/** The CI gate of a summary (reports written before `gate` existed: derived from the exit code). */
export function gateOf(s: RunSummary): { failOn: RunSummary['failOn']; passed: boolean } {
  return s.gate ?? { failOn: s.failOn, passed: s.exitCode !== 1 };
}

/** The verdict word in the user's language. */
export function verdictWord(s: RunSummary, tr: Translator): string {
  return tr.t(`verdict-${s.verdict}`);
}

/** The CI gate's outcome: `gate passed at --fail-on critical`. */
export function gateText(s: RunSummary, tr: Translator): string {
  const gate = gateOf(s);
  return tr.t(gate.passed ? 'gate-passed' : 'gate-failed', { failOn: gate.failOn });
}

/** `non-conformant; gate passed at --fail-on critical`: the truth first, then what the gate decided. */
export function verdictAndGate(s: RunSummary, tr: Translator, verdict = verdictWord(s, tr)): string {
  return tr.t('verdict-and-gate', { verdict, gate: gateText(s, tr) });
}

/**
 * One exchange in one line, for `--verbose`: its title, the first line it recorded (the request or
 * the client's first command) and, for a transcript, the server's last word.
 */
export function evidenceLine(e: Evidence, max = 160, tr: Translator = translator('en')): string {
  const lines = (e.lines ?? []).filter((l) => l.trim() !== '');
  const first = lines[0];
  const lastServer = e.kind === 'transcript' ? [...lines].reverse().find((l) => l.startsWith('S: ')) : undefined;
  const parts = [`${e.title} [${e.kind}${e.step ? `, ${tr.t('ev-step', { step: e.step })}` : ''}]`];
  if (first) parts.push(truncate(first, 70));
  if (lastServer && lastServer !== first) parts.push(`… ${truncate(lastServer, 60)}`);
  if (lines.length > 1) parts.push(tr.t('ev-lines', { count: lines.length }));
  else if (!first && e.data !== undefined) parts.push(truncate(showValue(e.data), 70));
  return truncate(parts.join(' '), max);
}

/**
 * The reason to show for a scenario: when the engine wrote it from the first failing assertion
 * (`<description>: expected …, found …`, English), the same sentence in the user's language.
 */
export function displayReason(s: ScenarioResult, tr: Translator): string | undefined {
  const a = failingAssertions(s)[0];
  if (s.reason && a && s.reason.startsWith(`${a.description}: expected `)) return whyLine(s, tr);
  return s.reason;
}
