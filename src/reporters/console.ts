/**
 * Live progress on a terminal (or a CI log): a line per finished scenario with a status glyph and
 * its duration, then a summary. Colours per terminal.ts (--color/--no-color, FORCE_COLOR, NO_COLOR,
 * TERM=dumb, TTY). On a TTY a transient "running" line shows what is in flight; on a pipe nothing
 * but finished lines is written. `verbose`: each step and each exchange of a scenario, one line each.
 */
import type { Report, ScenarioResult, Status } from '../model/result.js';
import { translator, type Translator } from '../i18n/index.js';
import { localise, type DataLocaliser } from '../i18n/data.js';
import { localiseScenarioResult } from '../i18n/localise-report.js';
import { colourEnabled, cursorControl } from '../util/terminal.js';
import { STATUS_ORDER, evidenceLine, formatDuration, gateText, targetLine, truncate, verdictWord, whyLine } from './common.js';

export interface ProgressReporter {
  onStart(total: number): void;
  onScenarioStart(id: string): void;
  onScenarioEnd(result: ScenarioResult): void;
  onEnd(report: Report): void;
}

export interface ConsoleReporterOptions {
  /** Where to write; default process.stdout. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Environment read for NO_COLOR; default process.env. */
  env?: Record<string, string | undefined>;
  /** Force colours on or off (--color / --no-color), overriding the environment. */
  color?: boolean;
  /** Each step and each exchange of every finished scenario, one line each. */
  verbose?: boolean;
  /** The user's language; default English. */
  tr?: Translator;
}

const GLYPH: Record<Status, string> = {
  pass: '✓',
  fail: '✗',
  warn: '!',
  error: 'E',
  skip: '-',
  'not-applicable': '·',
  review: '?',
};

const COLOUR: Record<Status, string> = {
  pass: '32',
  fail: '31',
  warn: '33',
  error: '35',
  skip: '90',
  'not-applicable': '90',
  review: '36',
};

export class ConsoleReporter implements ProgressReporter {
  private readonly stream: NodeJS.WritableStream & { isTTY?: boolean };
  private readonly color: boolean;
  private readonly tty: boolean;
  private readonly tr: Translator;
  private readonly data: DataLocaliser;
  private readonly verbose: boolean;
  private total = 0;
  private done = 0;
  private readonly running = new Set<string>();
  private transient = false;

  constructor(options: ConsoleReporterOptions = {}) {
    this.stream = options.stream ?? process.stdout;
    const env = options.env ?? process.env;
    this.tty = cursorControl(this.stream, env);
    this.tr = options.tr ?? translator('en');
    this.data = localise(this.tr.lang);
    this.verbose = options.verbose === true;
    this.color = colourEnabled(this.stream, env, options.color);
  }

  private paint(code: string, text: string): string {
    return this.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  }

  private write(text: string): void {
    this.clearTransient();
    this.stream.write(text);
  }

  private clearTransient(): void {
    if (this.transient) {
      this.stream.write('\r\u001b[2K');
      this.transient = false;
    }
  }

  private showRunning(): void {
    if (!this.tty || this.running.size === 0) return;
    const first = [...this.running][0]!;
    const more = this.running.size > 1 ? ` (+${this.running.size - 1})` : '';
    this.clearTransient();
    this.stream.write(this.paint('90', truncate(`  [${this.done}/${this.total}] ${this.tr.t('console-in-flight', { id: first })}${more}`, 100)));
    this.transient = true;
  }

  onStart(total: number): void {
    this.total = total;
    this.done = 0;
    this.write(`${this.tr.t('console-running', { count: total })}\n`);
  }

  onScenarioStart(id: string): void {
    this.running.add(id);
    this.showRunning();
  }

  onScenarioEnd(result: ScenarioResult): void {
    const r = localiseScenarioResult(result, this.data);
    this.running.delete(r.id);
    this.done++;
    const width = String(this.total).length;
    const counter = `[${String(this.done).padStart(width)}/${this.total}]`;
    const glyph = this.paint(COLOUR[r.status], GLYPH[r.status]);
    const dur = this.paint('90', `(${formatDuration(r.durationMs)})`);
    let line = `${counter} ${glyph} ${r.id}  ${r.title} ${dur}\n`;
    if (r.status !== 'pass') {
      const why = whyLine(r, this.tr);
      if (why) line += `${' '.repeat(counter.length + 3)}${this.paint(COLOUR[r.status], truncate(`${this.tr.t(`status-${r.status}`)}: ${why}`, 200))}\n`;
    }
    if (this.verbose) {
      const pad = ' '.repeat(counter.length + 3);
      for (const st of r.steps) {
        const detail = [st.code, st.message].filter(Boolean).join(' ');
        line += `${pad}${this.paint('90', truncate(`${this.tr.t('console-step', { step: st.id, probe: st.probe, status: this.tr.t(`step-status-${st.status}`), duration: formatDuration(st.durationMs) })}${detail ? `: ${detail}` : ''}`, 200))}\n`;
      }
      for (const e of r.evidence) line += `${pad}  ${this.paint('90', evidenceLine(e, 160, this.tr))}\n`;
    }
    this.write(line);
    this.showRunning();
  }

  onEnd(report: Report): void {
    this.running.clear();
    const s = report.summary;
    const counts = STATUS_ORDER.filter((st) => (s.byStatus[st] ?? 0) > 0)
      .map((st) => this.paint(COLOUR[st], this.tr.t(`status-count-${st}`, { count: s.byStatus[st] ?? 0 })))
      .join(', ');
    const verdictColour = s.verdict === 'conformant' ? '32' : s.verdict === 'non-conformant' ? '31' : '35';
    const lines = [
      '',
      this.tr.t('console-done', { count: s.total, duration: formatDuration(report.durationMs), counts: counts || this.tr.t('console-none-run') }),
      this.tr.t('console-target', { target: targetLine(report, this.tr), asOf: report.asOf }),
      `${this.paint(`1;${verdictColour}`, verdictWord(s, this.tr).toUpperCase())}; ${gateText(s, this.tr)} (${this.tr.t('exit-code', { code: s.exitCode })})`,
    ];
    const problems = report.scenarios.filter((x) => x.status === 'fail' || x.status === 'error');
    for (const p of problems.slice(0, 20)) lines.push(`  ${this.paint(COLOUR[p.status], GLYPH[p.status])} ${p.id} [${this.tr.t(`severity-${p.severity}`)}] ${p.requirements.join(', ')}`);
    if (problems.length > 20) lines.push(`  ${this.tr.t('console-more', { count: problems.length - 20 })}`);
    if (report.identification) lines.push(this.tr.t('console-identification', { verdict: this.tr.t(`identification-${report.identification.verdict}`), asOf: report.identification.asOf }));
    this.write(`${lines.join('\n')}\n`);
  }
}
