import type { Timeouts } from '../probes/types.js';
import type { TimeoutSpec } from '../scenarios/types.js';
import { InputError } from '../util/input-error.js';

/** Default limits for one step: connect 5 s, idle 10 s, overall 30 s. */
export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 5_000, idleMs: 10_000, overallMs: 30_000 };

/** `500ms`, `5s`, `2m`, `1.5s` → milliseconds. */
export function parseDuration(text: string, field = 'duration'): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m)$/.exec(text.trim());
  if (!m) throw new InputError({ field, message: `"${text}" is not a duration`, fix: 'write a duration such as 500ms, 5s or 2m' });
  const n = Number(m[1]);
  return Math.round(m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000);
}

function apply(base: Timeouts, spec: TimeoutSpec | undefined, field: string): Timeouts {
  if (!spec) return base;
  return {
    connectMs: spec.connect ? parseDuration(spec.connect, `${field}.connect`) : base.connectMs,
    idleMs: spec.idle ? parseDuration(spec.idle, `${field}.idle`) : base.idleMs,
    overallMs: spec.overall ? parseDuration(spec.overall, `${field}.overall`) : base.overallMs,
  };
}

/**
 * Precedence, lowest first: defaults, the scenario's `timeouts`, the step's `timeouts`, then the
 * command-line flags (`--connect-timeout`, `--idle-timeout`, `--timeout`), which override all.
 */
export function effectiveTimeouts(scenario?: TimeoutSpec, step?: TimeoutSpec, flags?: Partial<Timeouts>): Timeouts {
  const t = apply(apply(DEFAULT_TIMEOUTS, scenario, 'timeouts'), step, 'step.timeouts');
  return { ...t, ...Object.fromEntries(Object.entries(flags ?? {}).filter(([, v]) => v !== undefined)) };
}
