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

/**
 * The default deadline: for each scenario its longest step overall timeout (as the run will apply
 * it, command-line overrides included), summed and shared among the concurrent slots, plus a margin.
 */
export function defaultDeadlineMs(instances: ScenarioInstance[], overrides: Partial<Timeouts> | undefined, concurrency: number): number {
  let total = 0;
  for (const i of instances) {
    const steps = i.spec.steps.length ? i.spec.steps : [{ timeouts: undefined }];
    total += Math.max(...steps.map((s) => effectiveTimeouts(i.spec.timeouts, s.timeouts, overrides).overallMs));
  }
  return MARGIN_MS + Math.ceil(total / Math.max(1, concurrency));
}

export interface RunDeadline {
  /** Aborts when the deadline passes or `outer` aborts (Ctrl-C), with a ProbeError reason. */
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
  const onOuter = (): void => controller.abort(new ProbeError('ETIMEDOUT_OVERALL', phrase('run-interrupted')));
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
