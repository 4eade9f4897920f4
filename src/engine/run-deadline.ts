/**
 * The whole run's deadline (`--deadline`, default proportional to the selection). When it passes,
 * the run's signal aborts with a `deadline` reason: the steps still running end as `error`
 * "deadline", the scenarios not started yet end the same way at once, and the CLI writes the reports
 * of what finished. Step timeouts bound one step; this bounds the sum, whatever the target does.
 */
import { phrase } from '../i18n/phrase.js';
import { ProbeError, type Timeouts } from '../probes/types.js';
import type { ScenarioInstance } from '../scenarios/types.js';
import { effectiveTimeouts } from './durations.js';

/** Added to the estimate: start-up, the final phase, writing reports. */
const MARGIN_MS = 60_000;

/** A scenario's longest step overall timeout, as the run will apply it (command-line overrides included): how long it may take. */
export function instanceBoundMs(i: ScenarioInstance, overrides: Partial<Timeouts> | undefined): number {
  const steps = i.spec.steps.length ? i.spec.steps : [{ timeouts: undefined }];
  return Math.max(...steps.map((s) => effectiveTimeouts(i.spec.timeouts, s.timeouts, overrides).overallMs));
}

/** Each scenario's longest step overall timeout, summed. */
function selectionWorkMs(instances: ScenarioInstance[], overrides: Partial<Timeouts> | undefined): number {
  let total = 0;
  for (const i of instances) total += instanceBoundMs(i, overrides);
  return total;
}

/**
 * The default deadline: the selection's work (each scenario's longest step overall timeout) shared
 * among the concurrent slots, plus a margin.
 */
export function defaultDeadlineMs(instances: ScenarioInstance[], overrides: Partial<Timeouts> | undefined, concurrency: number, marginMs = MARGIN_MS): number {
  return marginMs + Math.ceil(selectionWorkMs(instances, overrides) / Math.max(1, concurrency));
}

/**
 * One fleet target's default deadline, counted from when that target starts. The fleet's scenario
 * slots (`concurrency`) are shared by every target in progress (`targetsAtOnce`), first come first
 * served: a target that starts while others are in progress waits behind their scenarios. So its
 * work is estimated with its share of the slots, not with all of them, and a target that was
 * queued, or slowed by its neighbours, is not cut short as `error "deadline"`. The fleet's own
 * `--deadline`, when given, still bounds every target (startDeadline's `outer`).
 */
export function fleetTargetDeadlineMs(instances: ScenarioInstance[], overrides: Partial<Timeouts> | undefined, fleet: { concurrency: number; targetsAtOnce: number }, marginMs = MARGIN_MS): number {
  const share = Math.max(1, fleet.concurrency) / Math.max(1, fleet.targetsAtOnce);
  return marginMs + Math.ceil(selectionWorkMs(instances, overrides) / share);
}

export interface RunDeadline {
  /** Aborts when the deadline passes or `outer` aborts (Ctrl-C, or with its own ProbeError reason), with a ProbeError reason. */
  signal: AbortSignal;
  ms: number;
  /** Whether the deadline (not an interruption) ended the run. */
  readonly expired: boolean;
  dispose(): void;
}

/** Starts the clock. Call `dispose()` when the run ends. */
export function startDeadline(ms: number, outer?: AbortSignal): RunDeadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new ProbeError('ETIMEDOUT_OVERALL', phrase('run-deadline-passed', { deadline: formatMs(ms) })));
  }, ms);
  // An outer abort with its own reason (a fleet's --deadline around a target's, the sandbox's worker
  // that died) keeps it; anything else (Ctrl-C) is an interruption.
  const onOuter = (): void => controller.abort(outer?.reason instanceof ProbeError ? outer.reason : new ProbeError('ETIMEDOUT_OVERALL', phrase('run-interrupted')));
  if (outer?.aborted) onOuter();
  else outer?.addEventListener('abort', onOuter, { once: true });
  return {
    signal: controller.signal,
    ms,
    get expired() {
      return expired;
    },
    dispose() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}

/** Why a run's signal aborted, as the ProbeError a step ends with. */
export function interruption(signal: AbortSignal | undefined): ProbeError {
  const reason: unknown = signal?.reason;
  return reason instanceof ProbeError ? reason : new ProbeError('ETIMEDOUT_OVERALL', phrase('run-interrupted'));
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
