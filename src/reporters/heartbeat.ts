/**
 * What a person sees while msscheck waits on a long step (a CIBA approval on a real Pro Santé
 * Connect). On a terminal: a countdown rewritten in place. Elsewhere (a CI log): one line when the
 * wait starts, then a heartbeat line every 30 s while it lasts, so that the log shows the run is
 * alive without a line per poll. A wait is over when its step stops reporting (no report for one
 * heartbeat period) or its time is up. The clock and timer are injectable (tests do not wait 30 s).
 */
import { renderPhrase } from '../i18n/phrase.js';
import type { OidcProgress, OidcProgressHook } from '../probes/oidc/progress.js';
import { stderrCountdown } from '../probes/oidc/progress.js';
import type { Translator } from '../i18n/index.js';

export interface Ticker {
  now(): number;
  every(ms: number, fn: () => void): { cancel(): void };
}

export const systemTicker: Ticker = {
  now: () => Date.now(),
  every(ms, fn) {
    const handle = setInterval(fn, ms);
    handle.unref();
    return { cancel: () => clearInterval(handle) };
  },
};

export const HEARTBEAT_MS = 30_000;

export interface WaitDisplay {
  hook: OidcProgressHook;
  /** Stops the heartbeat (end of the run). */
  stop(): void;
}

export function waitDisplay(stream: NodeJS.WritableStream, options: { tr: Translator; tty: boolean; ticker?: Ticker; intervalMs?: number }): WaitDisplay {
  if (options.tty) return { hook: stderrCountdown(stream as NodeJS.WriteStream, options.tr), stop: () => undefined };
  const ticker = options.ticker ?? systemTicker;
  const intervalMs = options.intervalMs ?? HEARTBEAT_MS;
  const { tr } = options;
  let latest: { p: OidcProgress; at: number } | undefined;
  let timer: { cancel(): void } | undefined;
  const secondsLeft = (): number => (latest ? Math.max(0, Math.ceil(latest.p.secondsLeft - (ticker.now() - latest.at) / 1000)) : 0);
  const stop = (): void => {
    timer?.cancel();
    timer = undefined;
    latest = undefined;
  };
  const beat = (): void => {
    if (!latest || ticker.now() - latest.at > intervalMs || secondsLeft() <= 0) return stop();
    stream.write(`${tr.t('wait-heartbeat', { message: renderPhrase(latest.p.message, tr), seconds: secondsLeft() })}\n`);
  };
  const hook: OidcProgressHook = (p) => {
    const starting = timer === undefined;
    latest = { p, at: ticker.now() };
    if (!starting) return;
    stream.write(`${tr.t('wait-start', { message: renderPhrase(p.message, tr), seconds: secondsLeft() })}\n`);
    timer = ticker.every(intervalMs, beat);
  };
  return { hook, stop };
}
