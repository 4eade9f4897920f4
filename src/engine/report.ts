import type { IdentificationJudgement, Report, ScenarioResult, Severity, VersionedSource } from '../model/result.js';
import { translator } from '../i18n/index.js';
import { summarise } from '../model/result.js';
import { summariseTarget, type ResolvedTarget } from '../target/profile.js';
import type { Redactor } from '../util/redact.js';
import { TOOL_VERSION } from '../version.js';
import { formatAsOf } from '../util/as-of.js';

export interface ReportInput {
  kind: Report['kind'];
  results: ScenarioResult[];
  target?: ResolvedTarget;
  asOf: Date;
  startedAt: Date;
  finishedAt: Date;
  catalogue: VersionedSource;
  policy: VersionedSource;
  failOn: Severity;
  redactor: Redactor;
  selection?: Report['selection'];
  assumptions?: string[];
  identification?: IdentificationJudgement;
  /** `--strict` (or the target profile): S rules were allowed to fail. */
  strict?: boolean;
  /** Replaces the standard redaction note (for reports that read no credential). */
  redactionNote?: string;
}

/** Assembles the canonical report. Everything in it has already been redacted at capture. */
export function buildReport(input: ReportInput): Report {
  const report: Report = {
    schema: 'https://msscheck.dev/schemas/report/1.json',
    reportVersion: '1.0.0',
    kind: input.kind,
    tool: { name: 'msscheck', version: TOOL_VERSION, node: process.version },
    catalogue: input.catalogue,
    policy: input.policy,
    asOf: formatAsOf(input.asOf),
    target: input.target ? input.redactor.redactValue(summariseTarget(input.target)) : undefined,
    selection: input.selection ?? {},
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    durationMs: input.finishedAt.getTime() - input.startedAt.getTime(),
    redaction: {
      applied: true,
      note: input.redactionNote ?? translator('en').t('redaction-note-run'),
      secretsRedacted: 0,
    },
    summary: summarise(input.results, input.failOn),
    scenarios: input.results,
    identification: input.identification,
    assumptions: input.assumptions ?? [],
    ...(input.strict ? { strict: true } : {}),
  };
  report.redaction.secretsRedacted = input.redactor.redactions;
  return report;
}
