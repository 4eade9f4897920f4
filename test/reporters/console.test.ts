import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConsoleReporter } from '../../src/reporters/console.js';
import { fixtureReport } from './fixture.js';

function sink(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  }) as Writable & { isTTY: boolean; text: () => string };
  w.isTTY = isTTY;
  w.text = () => chunks.join('');
  return w;
}

function drive(reporter: ConsoleReporter): void {
  const report = fixtureReport();
  reporter.onStart(report.scenarios.length);
  for (const s of report.scenarios) {
    reporter.onScenarioStart(s.id);
    reporter.onScenarioEnd(s);
  }
  reporter.onEnd(report);
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

describe('console progress reporter', { timeout: 10_000 }, () => {
  it('writes a line per finished scenario with glyph and duration, then a summary, plain on a pipe', () => {
    const out = sink(false);
    drive(new ConsoleReporter({ stream: out, env: {} }));
    const text = out.text();
    expect(text).not.toMatch(ANSI);
    expect(text).not.toContain('running SMTP'); // no transient line on a pipe
    expect(text).toContain('msscheck: running 7 scenarios');
    expect(text).toContain('[1/7] ✓ SMTP-STARTTLS-OFFERED/mta  STARTTLS is advertised and works (42 ms)');
    expect(text).toMatch(/\[2\/7\] ✗ TLS-VERSIONS\/mta .*\n\s+fail: TLS 1\.0 is refused <b>: expected notContains "TLSv1"/);
    expect(text).toMatch(/\[4\/7\] E IMAP-LOGIN-TLS .*\n\s+error: the server never answered/);
    expect(text).toContain('1 failed, 1 error, 1 warning, 1 to review, 1 skipped, 1 not applicable, 1 passed');
    expect(text).toContain('NON-CONFORMANT; gate failed at --fail-on high (exit code 1)');
    expect(text).toContain('identification means: compliant on 2025-06-15');
  });

  it('uses colours on a TTY unless NO_COLOR is set', () => {
    const tty = sink(true);
    drive(new ConsoleReporter({ stream: tty, env: {} }));
    expect(tty.text()).toMatch(ANSI);
    expect(tty.text()).toContain('running SMTP-STARTTLS-OFFERED/mta');

    const noColor = sink(true);
    drive(new ConsoleReporter({ stream: noColor, env: { NO_COLOR: '1' } }));
    // only the line-clearing sequence of the transient progress line, no colour codes
    expect(noColor.text().replace(/\r\u001b\[2K/g, '')).not.toMatch(ANSI);
  });
});
