import { phrase } from '../../i18n/phrase.js';
import { ProbeError } from '../types.js';

/** Waits `ms`, or rejects with the step's overall timeout when its signal aborts first (a CIBA poll's pause, a token's wait). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ProbeError('ETIMEDOUT_OVERALL', phrase('pe-overall-timeout-waiting')));
    const onAbort = () => {
      clearTimeout(t);
      reject(new ProbeError('ETIMEDOUT_OVERALL', phrase('pe-overall-timeout-waiting')));
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
