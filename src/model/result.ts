/**
 * The one result model. Every reporter (JSON, JUnit, HTML, Markdown, console) renders from these
 * types; nothing else is a source of truth for what a run found.
 */

/** Scenario statuses, as PRODUCT.md defines them. */
export const STATUSES = ['pass', 'fail', 'warn', 'error', 'skip', 'not-applicable', 'review'] as const;
export type Status = (typeof STATUSES)[number];

/** Severities, highest first. `--fail-on` takes one of them. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** True when `severity` is at or above `threshold`. */
export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/** Confidence marks of MSSANTE.md: P official, S implementer's notes, ? unconfirmed. */
export type Confidence = 'P' | 'S' | '?';

/**
 * `review`: the check found a difference, but the rule rests on an unconfirmed source (`?`) or two
 * sources disagree, so a person must decide (see src/engine/verdict-strength.ts).
 */
export type AssertionStatus = 'pass' | 'fail' | 'warn' | 'review';

/**
 * A text of the result as a message of the catalogue (locales/<lang>/messages.ftl): the English text
 * stays beside it (report.json is English); readable reports render the phrase in the user's
 * language (src/i18n/phrase.ts). An argument may itself be a phrase.
 */
export interface Phrase {
  id: string;
  args?: Record<string, PhraseArg>;
}
export type PhraseArg = string | number | Phrase;

/** A failure whose rule is not strong enough to fail: what it would have been, what it became, why. */
export interface Downgrade {
  from: 'fail';
  to: 'warn' | 'review';
  reason: string;
  reasonPhrase?: Phrase;
}

/** The rule behind an assertion, as the requirement catalogue states it. */
export interface RequirementDetail {
  id: string;
  summary: string;
  /** Source document (and section), e.g. `REF2 §3.8.1`. */
  source: string;
  version?: string;
  confidence: Confidence;
}

/** One assertion over a probe's facts: what was expected, what was found, which requirements. */
export interface AssertionResult {
  /** Human sentence saying what must hold. */
  description: string;
  /** `description` as a message of the catalogue, when code wrote it (message lint checks); scenario data have their own translations. */
  descriptionPhrase?: Phrase;
  /** Step whose facts were examined. */
  step: string;
  /** Path of the fact in that step's facts. */
  fact: string;
  operator: string;
  expected: unknown;
  found: unknown;
  /** `found` as a phrase, when the value found is a text of msscheck's (a parser's reason): readable reports say it in the reader's language; `found` keeps the English. */
  foundPhrase?: Phrase;
  requirements: string[];
  status: AssertionStatus;
  /** Effective confidence: the weakest of the requirements' and the rule's own. */
  confidence?: Confidence;
  /** Set when a failure was lowered to warn/review because the rule's confidence is too weak to fail. */
  downgrade?: Downgrade;
  /** The cited requirements as the catalogue states them (set at least for non-passing assertions). */
  requirementDetails?: RequirementDetail[];
}

export type EvidenceKind =
  | 'transcript'
  | 'certificate-chain'
  | 'tls-table'
  | 'http-exchange'
  | 'token-claims'
  | 'message'
  | 'text'
  | 'json';

/** Evidence a probe captured. Already redacted when it is recorded. */
export interface Evidence {
  kind: EvidenceKind;
  title: string;
  titlePhrase?: Phrase;
  step?: string;
  /** For transcripts: lines prefixed `C: ` (client) / `S: ` (server) / `*: ` (note). */
  lines?: string[];
  /** Set when a transcript was cut at the `transcriptBytesPerStep` limit: what was not kept. */
  truncated?: { limitBytes: number; droppedLines: number; droppedBytes: number };
  /** Structured evidence (certificate chain, TLS table, claims...). */
  data?: unknown;
}

export interface StepResult {
  id: string;
  probe: string;
  status: 'ok' | 'error' | 'skip' | 'not-applicable' | 'not-run';
  durationMs: number;
  /** Stable error or skip code (e.g. `ETIMEDOUT_IDLE`, `ECONNREFUSED`, `PRECONDITION`). */
  code?: string;
  message?: string;
  messagePhrase?: Phrase;
}

export interface ScenarioResult {
  /** Instance id: the scenario id, plus `/variant` for a scenario with variants. */
  id: string;
  scenarioId: string;
  variant?: string;
  title: string;
  family: string;
  requirements: string[];
  tags: string[];
  severity: Severity;
  /** Confidence of the rule the scenario checks (lowest of its requirements, or the scenario's own). */
  confidence?: Confidence;
  /** The unconfirmed rule this scenario relies on, when it relies on one. */
  assumption?: string;
  status: Status;
  /** Why the status is what it is, in one sentence (always set unless pass). */
  reason?: string;
  /** `reason` as a message of the catalogue, when the engine wrote it. */
  reasonPhrase?: Phrase;
  startedAt: string;
  durationMs: number;
  steps: StepResult[];
  assertions: AssertionResult[];
  evidence: Evidence[];
  /** Authentication methods this scenario saw the target accept, by policy means id. */
  observedMethods?: ObservedMethod[];
  /** A negative scenario's positive control: the instance (or step) that had to accept the valid counterpart, and how it ended. */
  control?: { id: string; status: Status };
}

export interface ObservedMethod {
  means: string;
  endpoint: string;
  detail: string;
  /** `detail` as a message of the catalogue. */
  detailPhrase?: Phrase;
  /** Policy context the endpoint serves, when it is not the target's own (e.g. `patient-access`). */
  context?: string;
}

export type Verdict = 'conformant' | 'non-conformant' | 'incomplete';

export interface RunSummary {
  total: number;
  byStatus: Record<Status, number>;
  /** The truth: non-conformant when anything failed, whatever `--fail-on` says. */
  verdict: Verdict;
  /** Decided by the gate: 1 when it did not pass, else 3 when something errored, else 0. */
  exitCode: 0 | 1 | 3;
  failOn: Severity;
  /** The CI gate: passed when no failure is at or above `failOn`. It decides the exit code only. */
  gate?: { failOn: Severity; passed: boolean };
}

export interface VersionedSource {
  id: string;
  version: string;
  /** Where it came from: `built-in` or a file path. */
  source: string;
}

export interface TargetSummary {
  /** `sandbox` or the target file path. */
  source: string;
  operator: { name: string; id?: string };
  platform?: { name: string; operator?: string };
  domains: string[];
  endpoints: Record<string, unknown>;
  sandboxDefects?: string[];
}

export interface Report {
  schema: 'https://msscheck.dev/schemas/report/1.json';
  reportVersion: '1.0.0';
  kind: 'run' | 'lint-message';
  tool: { name: 'msscheck'; version: string; node: string };
  catalogue: VersionedSource;
  policy: VersionedSource;
  /** The as-of instant, ISO 8601 in Europe/Paris time with its offset (`2026-01-01T00:00:00+01:00`). */
  asOf: string;
  target?: TargetSummary;
  selection: { only?: string[]; tags?: string[] };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  redaction: { applied: true; note: string; secretsRedacted: number };
  summary: RunSummary;
  scenarios: ScenarioResult[];
  /** Judgement of identification means against the deadline policy (filled by the policy module). */
  identification?: IdentificationJudgement;
  /** Assumptions the run relied on (unconfirmed rules, default cipher policy, ...). */
  assumptions: string[];
  /** True when `--strict` (or the target profile) let secondary-source (S) rules fail. */
  strict?: boolean;
  /** CIBA requests the run sent, per PSC test identity role: each is a person acting on a phone or card. */
  cibaApprovals?: { role: string; count: number }[];
}

export function emptyStatusCounts(): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
}

/**
 * Verdict and exit code of PRODUCT.md, kept apart. The verdict is the truth: non-conformant when any
 * scenario failed, else incomplete when some could not reach a verdict (`error`), else conformant.
 * `--fail-on` is a CI gate that decides the exit code only: 1 when a failure is at or above
 * `failOn`, else 3 when something errored, else 0.
 */
export function summarise(results: ScenarioResult[], failOn: Severity): RunSummary {
  const byStatus = emptyStatusCounts();
  for (const r of results) byStatus[r.status]++;
  const gatePassed = !results.some((r) => r.status === 'fail' && severityAtLeast(r.severity, failOn));
  const verdict: Verdict = byStatus.fail > 0 ? 'non-conformant' : byStatus.error > 0 ? 'incomplete' : 'conformant';
  const exitCode = !gatePassed ? 1 : byStatus.error > 0 ? 3 : 0;
  return { total: results.length, byStatus, verdict, exitCode, failOn, gate: { failOn, passed: gatePassed } };
}

/** Status of one identification means on a date, per the deadline policy. */
export type MeansStatus = 'allowed' | 'tolerated' | 'forbidden' | 'unknown';

/** One coloured stretch of a timeline row: [from, to) with to = null meaning open-ended. */
export interface TimelineSegment {
  from: string;
  to: string | null;
  status: MeansStatus;
  ruleId: string;
}

/** How the deadline policy judges one means of the target (declared and/or observed). */
export interface MeansJudgement {
  means: string;
  label: string;
  /** Set when the means is judged in another context than the target's (see ObservedMethod.context). */
  context?: string;
  declared: boolean;
  observed: ObservedMethod[];
  status: MeansStatus;
  reason: string;
  source: string;
  confidence: Confidence;
  /** Last day it is compliant (allowed or tolerated), when it stops being so; null when never stops. */
  compliantUntil: string | null;
  /** First day it is compliant, when that is after the timeline start. */
  compliantFrom: string | null;
}

/** `report.identification`: the means of the target judged on the as-of date, and the timeline. */
export interface IdentificationJudgement {
  policy: VersionedSource;
  asOf: string;
  context: string;
  means: MeansJudgement[];
  /** `compliant` when every means in use is allowed or tolerated on the as-of date. */
  verdict: 'compliant' | 'non-compliant' | 'no-means';
  /** First date on which the target as a whole is non-compliant (null: never, with this policy). */
  firstNonCompliantDate: string | null;
  timeline: { from: string; to: string; rows: { means: string; label: string; segments: TimelineSegment[] }[] };
}
