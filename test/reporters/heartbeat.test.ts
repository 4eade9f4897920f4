import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { phrase } from '../../src/i18n/phrase.js';
import { waitDisplay, type Ticker } from '../../src/reporters/heartbeat.js';

/** A clock and timer the test moves by hand. */
function fakeTicker(): Ticker & { advance(ms: number): void } {
  let t = 0;
  const timers: { ms: number; next: number; fn: () => void; live: boolean }[] = [];
  return {
    now: () => t,
    every(ms, fn) {
      const timer = { ms, next: t + ms, fn, live: true };
      timers.push(timer);
      return { cancel: () => void (timer.live = false) };
    },
    advance(ms) {
      const end = t + ms;
      for (;;) {
        const due = timers.filter((x) => x.live && x.next <= end).sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        t = due.next;
        due.next += due.ms;
        due.fn();
      }
      t = end;
    },
  };
}

function sink() {
  const lines: string[] = [];
  const stream = new Writable({ write: (c: Buffer, _e, cb) => (lines.push(...c.toString().split('\n').filter(Boolean)), cb()) });
  return { stream, lines };
}

const wait = (secondsLeft: number) => ({ kind: 'ciba-wait' as const, secondsLeft, message: phrase('ciba-intent-approve', { address: 'dr.test@op.test', code: '4242' }) });

describe('heartbeat while a long step waits, on a non-TTY', () => {
  it('a line when the wait starts, then one every 30 s while the step keeps polling, none after it stops', () => {
    const ticker = fakeTicker();
    const { stream, lines } = sink();
    const d = waitDisplay(stream, { tr: translator('en'), tty: false, ticker });
    d.hook(wait(120));
    expect(lines).toEqual(['waiting: Approve the Pro Santé Connect request for dr.test@op.test (code 4242) (120 s left)']);
    // the probe polls every 5 s: no line per poll
    for (let s = 5; s <= 55; s += 5) {
      ticker.advance(5_000);
      d.hook(wait(120 - s));
    }
    expect(lines).toEqual([
      'waiting: Approve the Pro Santé Connect request for dr.test@op.test (code 4242) (120 s left)',
      'still waiting: Approve the Pro Santé Connect request for dr.test@op.test (code 4242) (90 s left)',
    ]);
    ticker.advance(5_000); // t = 60 s
    expect(lines[2]).toBe('still waiting: Approve the Pro Santé Connect request for dr.test@op.test (code 4242) (60 s left)');
    // the token arrived: no more reports, so the heartbeat stops by itself
    ticker.advance(120_000);
    expect(lines).toHaveLength(3);
    // a new wait starts afresh
    d.hook(wait(30));
    expect(lines[3]).toBe('waiting: Approve the Pro Santé Connect request for dr.test@op.test (code 4242) (30 s left)');
    d.stop();
    ticker.advance(60_000);
    expect(lines).toHaveLength(4);
  });

  it('in French too; on a terminal, the in-place countdown instead', () => {
    const ticker = fakeTicker();
    const fr = sink();
    waitDisplay(fr.stream, { tr: translator('fr'), tty: false, ticker }).hook(wait(60));
    expect(fr.lines[0]).toBe('en attente : Approuvez la demande Pro Santé Connect pour dr.test@op.test (code 4242) (encore 60 s)');
    const tty = sink();
    Object.assign(tty.stream, { isTTY: true });
    waitDisplay(tty.stream, { tr: translator('en'), tty: true, ticker }).hook(wait(60));
    expect(tty.lines.join('')).toContain('\r\u001b[2K');
    const ttyFr = sink();
    Object.assign(ttyFr.stream, { isTTY: true });
    waitDisplay(ttyFr.stream, { tr: translator('fr'), tty: true, ticker }).hook(wait(60));
    expect(ttyFr.lines.join('')).toContain('Approuvez la demande Pro Santé Connect pour dr.test@op.test (code 4242) : encore 60 s');
  });
});
