/**
 * Inconclusive exchanges (a temporary failure, a drop mid-exchange) are retried after a pause, as
 * many times as protocol/reply-meanings.yaml says (once); still inconclusive, the step is `error`
 * with the server's words and the reason: never a pass, never a fail.
 */
import { ProbeError, type ProbeContext } from '../types.js';
import { replyMeanings, type ReplyVerdict } from './reply-meanings.js';
import { phrase, type Phrase } from '../../i18n/phrase.js';

/** Waits `ms`, or less when the step's signal aborts (the next attempt then fails on its timeout). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The error a step ends with when every attempt was inconclusive. */
export function inconclusiveError(what: string | Phrase, verdicts: readonly ReplyVerdict[]): ProbeError {
  const last = verdicts[verdicts.length - 1]!;
  const n = verdicts.length;
  return new ProbeError(
    'EINCONCLUSIVE',
    n === 1
      ? phrase('pe-inconclusive-once', { what, reply: last.reply, meaning: last.meaningPhrase ?? last.meaning, ref: last.ref })
      : phrase('pe-inconclusive-times', { what, n, reply: last.reply, meaning: last.meaningPhrase ?? last.meaning, ref: last.ref }),
  );
}

/**
 * Runs `attempt`; while its verdict is inconclusive and retries remain, pauses and runs it again.
 * Returns the first conclusive result, with the inconclusive verdicts that preceded it.
 */
export async function retryInconclusive<T>(
  ctx: Pick<ProbeContext, 'signal'>,
  what: string | Phrase,
  attempt: (n: number) => Promise<T>,
  verdictOf: (result: T) => ReplyVerdict,
  options: { pauseMs?: number; times?: number } = {},
): Promise<T & { inconclusiveBefore: ReplyVerdict[] }> {
  const meanings = replyMeanings();
  const times = options.times ?? meanings.retryTimes;
  const pauseMs = options.pauseMs ?? meanings.retryPauseMs;
  const seen: ReplyVerdict[] = [];
  for (let n = 0; ; n++) {
    const result = await attempt(n);
    const verdict = verdictOf(result);
    if (verdict.outcome !== 'inconclusive') return { ...result, inconclusiveBefore: seen };
    seen.push(verdict);
    if (n >= times) throw inconclusiveError(what, seen);
    await pause(pauseMs, ctx.signal);
  }
}
