/**
 * The clock live revocation answers are judged by: the real time (injected by callers and tests),
 * with the clock-skew allowance of protocol/live-answers.yaml. An OCSP response or a CRL fetched
 * now is fresh when thisUpdate <= now + skew and now - skew <= nextUpdate, whatever the as-of
 * instant (which still decides whether a revocation had happened by then).
 */
import { fileURLToPath } from 'node:url';
import { parseDuration } from '../engine/durations.js';
import { YamlFile } from '../util/yaml-file.js';
import { phrase, renderPhrase, type Phrase } from '../i18n/phrase.js';

export interface LiveClock {
  now: Date;
  skewMs: number;
}

export const LIVE_ANSWERS_FILE = fileURLToPath(new URL('../../protocol/live-answers.yaml', import.meta.url));

let skew: number | undefined;

/** The allowance from the data file, read once. */
export function clockSkewMs(): number {
  return (skew ??= parseDuration(YamlFile.read<{ clockSkew: string }>(LIVE_ANSWERS_FILE, 'live answers').validate('live-answers').clockSkew, 'clockSkew'));
}

/** The live clock at `now` (default: the real time). */
export function liveClock(now: Date = new Date()): LiveClock {
  return { now, skewMs: clockSkewMs() };
}

/** Why a live answer issued at `thisUpdate`, valid until `nextUpdate`, is not fresh now; null when it is. */
export function notFresh(clock: LiveClock, thisUpdate: Date, nextUpdate: Date | undefined): { code: 'NOT_YET_VALID' | 'STALE'; why: string; whyPhrase: Phrase } | null {
  const args = { now: clock.now.toISOString(), skew: `${Math.round(clock.skewMs / 1000)}` };
  const said = (code: 'NOT_YET_VALID' | 'STALE', p: Phrase) => ({ code, why: renderPhrase(p), whyPhrase: p });
  if (thisUpdate.getTime() > clock.now.getTime() + clock.skewMs) return said('NOT_YET_VALID', phrase('fresh-this-update-after-now', { ...args, at: thisUpdate.toISOString() }));
  if (nextUpdate && nextUpdate.getTime() < clock.now.getTime() - clock.skewMs) return said('STALE', phrase('fresh-next-update-before-now', { ...args, at: nextUpdate.toISOString() }));
  return null;
}
