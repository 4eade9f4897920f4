import { buildReport } from '../engine/report.js';
import { runInstances, type RunOptions } from '../engine/run.js';
import type { Report, Severity, VersionedSource } from '../model/result.js';
import type { Policy } from '../policy/types.js';
import type { ScenarioInstance } from '../scenarios/types.js';
import type { ResolvedTarget } from '../target/profile.js';
import { OidcRun } from '../probes/oidc/oidc-run.js';
import { Redactor } from '../util/redact.js';
import { resolveLimits, withLimits, type Limits } from '../limits/limits.js';
import { judgeIdentification } from './identification.js';
import { runAssumptions } from '../policy/run-assumptions.js';

/** Everything one target's run needs, already read and checked. */
export interface TargetRunInput extends Omit<RunOptions, 'target' | 'asOf' | 'policy' | 'redactor'> {
  target: ResolvedTarget;
  instances: ScenarioInstance[];
  asOf: Date;
  policy: Policy;
  catalogue: VersionedSource;
  failOn: Severity;
  selection: Report['selection'];
  /** The clock of start and end times (tests inject theirs). */
  now: () => Date;
  /** One per target: a redactor never sees another target's secrets. */
  redactor?: Redactor;
  /** `--limit` overrides; they beat the profile's `limits:` block, which beats limits/default.yaml. */
  limits?: Partial<Limits>;
}

/**
 * Runs the selected scenario instances against one target and assembles its report. `run` calls
 * it once; a fleet run calls it once per target, so a target's report is the same either way.
 */
export async function runTarget(input: TargetRunInput): Promise<Report> {
  const redactor = input.redactor ?? new Redactor();
  const startedAt = input.now();
  // One OIDC state per target's run: its tokens, its progress hook, the persons it asked.
  const oidc = input.oidc ?? new OidcRun();
  let results;
  try {
    results = await withLimits(resolveLimits(input.target.profile.limits, input.limits), () => runInstances(input.instances, { ...input, redactor, oidc }));
  } finally {
    oidc.close();
  }
  const finishedAt = input.now();
  const report = buildReport({
    kind: 'run',
    results,
    target: input.target,
    asOf: input.asOf,
    startedAt,
    finishedAt,
    catalogue: input.catalogue,
    policy: input.policy.versioned,
    failOn: input.failOn,
    redactor,
    selection: input.selection,
    assumptions: runAssumptions(input.instances, input.policy),
    strict: input.strength?.strict === true || input.target.profile.strict === true,
    identification: judgeIdentification(input.policy, input.target, results, input.asOf),
  });
  return { ...report, cibaApprovals: oidc.approvalCounts() };
}
