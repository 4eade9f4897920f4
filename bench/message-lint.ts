/**
 * Benchmark: lint 1,000 generated messages, a tenth of them with a 2 MB attachment, from disk, the
 * way `msscheck lint-message` does (the compiled linter in dist/, built first when stale). Prints messages per second and peak RSS.
 * Goal: at least 500 messages per second, under 300 MB peak RSS.
 *
 *   node bin/run-ts.js bench/message-lint.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { documentMessage, patientMessage, plainMessage, renderMessage } from '../src/message/fixtures/generate.js';
import type { lintMessages as LintMessages } from '../src/message/lint-command.js';
import { ensureBuilt, figure, printFigures, ROOT } from './figures.js';

/** The compiled linter, as the installed `msscheck lint-message` runs it (data from the build's cache). */
async function compiledLinter(): Promise<typeof LintMessages> {
  ensureBuilt();
  return ((await import(pathToFileURL(join(ROOT, 'dist', 'message', 'lint-command.js')).href)) as { lintMessages: typeof LintMessages }).lintMessages;
}

export interface MessageLintBenchResult {
  name: 'message-lint';
  messages: number;
  withLargeAttachment: number;
  seconds: number;
  messagesPerSecond: number;
  peakRssMb: number;
  results: number;
  goal: { messagesPerSecond: number; peakRssMb: number };
  met: boolean;
}

/** Runs the benchmark and prints its line (unless `print: false`); returns the figures. */
export async function runMessageLintBench(options: { messages?: number; largeEvery?: number; attachmentBytes?: number; print?: boolean } = {}): Promise<MessageLintBenchResult> {
  const count = options.messages ?? 1000;
  const every = options.largeEvery ?? 10;
  const attachment = options.attachmentBytes ?? 2 * 1024 * 1024;
  const dir = mkdtempSync(join(tmpdir(), 'msscheck-bench-lint-'));
  try {
    const kinds = [documentMessage, patientMessage, plainMessage].map((f) => renderMessage(f()));
    const big = (() => {
      const s = documentMessage();
      s.extraAttachmentBytes = attachment;
      return renderMessage(s);
    })();
    const files: string[] = [];
    for (let i = 0; i < count; i++) {
      const p = join(dir, `m${String(i).padStart(5, '0')}.eml`);
      writeFileSync(p, i % every === 0 ? big : kinds[i % kinds.length]);
      files.push(p);
    }
    const lintMessages = await compiledLinter();
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const report = await lintMessages(files, { asOf: new Date('2024-06-01T00:00:00Z') });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    const messagesPerSecond = count / seconds;
    const peakRssMb = peak / (1024 * 1024);
    const goal = { messagesPerSecond: 500, peakRssMb: 300 };
    const result: MessageLintBenchResult = {
      name: 'message-lint',
      messages: count,
      withLargeAttachment: Math.ceil(count / every),
      seconds: Math.round(seconds * 1000) / 1000,
      messagesPerSecond: Math.round(messagesPerSecond),
      peakRssMb: Math.round(peakRssMb),
      results: report.scenarios.length,
      goal,
      met: messagesPerSecond >= goal.messagesPerSecond && peakRssMb < goal.peakRssMb,
    };
    if (options.print !== false) {
      process.stdout.write(`${formatMessageLintBench(result)}\n`);
      printFigures([
        figure({ bench: 'message', figure: 'message lint throughput', value: result.messagesPerSecond, unit: 'msg/s', goal: { op: '>=', value: goal.messagesPerSecond }, note: `${cpuSeconds.toFixed(2)} s of CPU for ${count} messages (${Math.round(count / cpuSeconds)} per CPU-second: the wall figure on a machine with a core to spare)` }),
        figure({ bench: 'message', figure: 'message lint peak RSS', value: result.peakRssMb, unit: 'MB', goal: { op: '<=', value: goal.peakRssMb } }),
      ]);
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatMessageLintBench(r: MessageLintBenchResult): string {
  return `message-lint: ${r.messages} messages (${r.withLargeAttachment} with a 2 MB attachment) in ${r.seconds} s: ${r.messagesPerSecond} msg/s, peak RSS ${r.peakRssMb} MB (goal >= ${r.goal.messagesPerSecond} msg/s, < ${r.goal.peakRssMb} MB): ${r.met ? 'met' : 'NOT met'}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await runMessageLintBench();
}
