import { parseLimitFlags } from '../limits/limits.js';
import { parseFormats } from '../reporters/index.js';
import { parseAsOf, parseOptionalDuration, parseSeverity } from './options.js';
import type { RunFlags } from './commands/run.js';

/**
 * The flags `run` and a fleet run read the same way: as-of, gate, formats, per-step timeouts, the
 * run's deadline and `--limit` overrides. Each throws an InputError naming its flag.
 */
export function parseSharedRunFlags(flags: Pick<RunFlags, 'asOf' | 'failOn' | 'format' | 'connectTimeout' | 'idleTimeout' | 'timeout' | 'deadline' | 'limit'>, now: () => Date) {
  return {
    asOf: parseAsOf(flags.asOf, now),
    failOn: parseSeverity(flags.failOn, '--fail-on'),
    formats: parseFormats(flags.format ?? 'json,junit,html,md'),
    timeouts: {
      connectMs: parseOptionalDuration(flags.connectTimeout, '--connect-timeout'),
      idleMs: parseOptionalDuration(flags.idleTimeout, '--idle-timeout'),
      overallMs: parseOptionalDuration(flags.timeout, '--timeout'),
    },
    deadlineMs: parseOptionalDuration(flags.deadline, '--deadline'),
    limits: parseLimitFlags(flags.limit),
  };
}
