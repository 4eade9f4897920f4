/**
 * Waits until this process's own event loop answers timers promptly again: the rest of the run has
 * finished its busy part. Used before asking again a short-lived CIBA request whose first poll came
 * too late (ciba-flow.ts): on a loaded machine the run's other scenarios keep the loop busy, so a
 * poll 0.2 s away may be sent a second later; once the loop is quiet it is sent on time. It judges
 * only our client, never the provider, and is bounded by the step's signal.
 */
import { sleep } from './step-sleep.js';

/** A timer that fires within this of its time counts as prompt. */
const PROMPT_MS = 25;
/** Consecutive prompt timers that make the loop quiet. */
const PROMPT_IN_A_ROW = 15;
const TICK_MS = 20;

/** Resolves once PROMPT_IN_A_ROW timers in a row fired within PROMPT_MS of their time, or after `maxWaitMs`. */
export async function quietClient(signal: AbortSignal, maxWaitMs = 30_000): Promise<void> {
  const until = Date.now() + maxWaitMs;
  let prompt = 0;
  while (prompt < PROMPT_IN_A_ROW && Date.now() < until) {
    const t = performance.now();
    await sleep(TICK_MS, signal);
    prompt = performance.now() - t - TICK_MS <= PROMPT_MS ? prompt + 1 : 0;
  }
}
