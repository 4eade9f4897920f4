/** Phrases the fleet's renderers and console share. */
import type { Translator } from '../../i18n/index.js';
import type { FleetReport } from '../../model/fleet.js';
import { SEVERITIES, type Severity } from '../../model/result.js';

/** "1 conformant, 2 non-conformant" in the translator's language (verdicts with no target left out). */
export function fleetCounts(f: Pick<FleetReport, 'summary'>, tr: Translator): string {
  const parts = Object.entries(f.summary.byVerdict)
    .filter(([, n]) => n)
    .map(([v, n]) => `${n} ${tr.t(`fleet-verdict-${v}`)}`);
  return parts.length ? parts.join(', ') : '—';
}

/** "1 critical, 2 high", or "—". */
export function fleetFailures(counts: Record<Severity, number>, tr: Translator): string {
  const parts = SEVERITIES.filter((s) => counts[s]).map((s) => `${counts[s]} ${tr.t(`severity-${s}`)}`);
  return parts.length ? parts.join(', ') : '—';
}
