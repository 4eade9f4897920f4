/**
 * GitHub Actions, when `GITHUB_ACTIONS=true`: one workflow-command annotation per scenario that
 * needs attention (`::error` for a failure, `::warning` for a warning or a scenario with no verdict,
 * `::notice` for a point to review), on stdout where the runner reads them; and the Markdown summary
 * appended to the file `GITHUB_STEP_SUMMARY` names. Annotations point at the target profile (or the
 * linted message) when there is a file to point at.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import { appendFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { Report, ScenarioResult, Status } from '../model/result.js';
import { translator, type Translator } from '../i18n/index.js';
import { whyLine } from './common.js';
import { renderMarkdown } from './markdown.js';
import { localise } from '../i18n/data.js';
import { localiseReport } from '../i18n/localise-report.js';

const COMMAND: Partial<Record<Status, 'error' | 'warning' | 'notice'>> = { fail: 'error', error: 'warning', warn: 'warning', review: 'notice' };
/** GitHub shows at most 10 annotations of each kind per step; a few more cost nothing, hundreds flood the log. */
const MAX_ANNOTATIONS = 50;

/** Escapes a workflow command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function fileOf(report: Report, s: ScenarioResult, cwd: string): string | undefined {
  const path = report.kind === 'lint-message' ? s.variant : report.target?.source !== 'sandbox' ? report.target?.source : undefined;
  if (!path) return undefined;
  return isAbsolute(path) ? relative(cwd, path) || path : path;
}

/** The annotation lines (without the final newline), most severe first. */
export function githubAnnotations(report: Report, tr: Translator = translator('en'), cwd = process.cwd()): string[] {
  const order: Status[] = ['fail', 'error', 'warn', 'review'];
  const lines = order.flatMap((st) =>
    report.scenarios
      .filter((s) => s.status === st)
      .map((s) => {
        const file = fileOf(report, s, cwd);
        const title = `${tr.t(`status-${s.status}`)}: ${s.id} [${tr.t(`severity-${s.severity}`)}]`;
        const props = [file ? `file=${escapeProperty(file)}` : '', `title=${escapeProperty(title)}`].filter(Boolean).join(',');
        const message = `${s.title}: ${whyLine(s, tr)}${s.requirements.length ? ` (${s.requirements.join(', ')})` : ''}`;
        return `::${COMMAND[st]} ${props}::${escapeData(message)}`;
      }),
  );
  return lines.length > MAX_ANNOTATIONS ? [...lines.slice(0, MAX_ANNOTATIONS), `::notice::${escapeData(tr.t('annotations-more', { count: lines.length - MAX_ANNOTATIONS }))}`] : lines;
}

export interface CiOutputs {
  stdout: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  cwd: string;
  tr: Translator;
}

/** What a CI system gets beyond the report files; nothing outside GitHub Actions. */
export function writeCiOutputs(canonical: Report, out: CiOutputs): void {
  if (out.env.GITHUB_ACTIONS !== 'true') return;
  const report = localiseReport(canonical, localise(out.tr.lang));
  for (const line of githubAnnotations(report, out.tr, out.cwd)) out.stdout.write(`${line}\n`);
  const summaryFile = out.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) appendFileSync(summaryFile, `${renderMarkdown(report, out.tr)}\n`);
}
