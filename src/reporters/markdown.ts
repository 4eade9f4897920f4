/**
 * A Markdown summary fit for a CI job summary (GitHub `$GITHUB_STEP_SUMMARY`): verdict, counts,
 * the failing and erroring scenarios with their requirement ids and first failing assertion, the
 * identification verdict. Text from the run is escaped so it cannot inject HTML or break a table.
 */
import type { Report, ScenarioResult, Status } from '../model/result.js';
import { translator, type Translator } from '../i18n/index.js';
import { STATUS_ORDER, expectation, failingAssertions, formatDuration, showValue, targetLine, verdictAndGate, whyLine } from './common.js';

/** GitHub renders HTML inside Markdown: neutralise it, and keep table cells on one line. */
export function mdText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

const VERDICT_ICON = { conformant: '✅', 'non-conformant': '❌', incomplete: '⚠️' } as const;
const STATUS_ICON: Record<Status, string> = {
  pass: '✅',
  fail: '❌',
  warn: '⚠️',
  error: '💥',
  skip: '⏭️',
  'not-applicable': '➖',
  review: '👀',
};

/** At most this many rows in the failures table; a job summary must stay small. */
const MAX_ROWS = 50;

function problemRow(s: ScenarioResult, tr: Translator): string {
  const a = failingAssertions(s)[0];
  const detail = a
    ? `${mdText(a.description)}: expected \`${mdCode(expectation(a, 80))}\`, found \`${mdCode(showValue(a.found, 80))}\``
    : mdText(whyLine(s, tr));
  const broken = [...new Set(failingAssertions(s).flatMap((f) => f.requirements))];
  const reqs = (broken.length ? broken : s.requirements).map(mdText).join(', ');
  return `| ${STATUS_ICON[s.status]} ${s.status} | \`${mdCode(s.id)}\` ${mdText(s.title)} | ${s.severity} | ${reqs} | ${detail} |`;
}

/** Inside backticks nothing is interpreted but the backtick and the table pipe. */
function mdCode(text: string): string {
  return text.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function renderMarkdown(report: Report, tr: Translator = translator('en')): string {
  const s = report.summary;
  const out: string[] = [];
  out.push(`## ${VERDICT_ICON[s.verdict]} msscheck: ${mdText(verdictAndGate(s, tr))} (${mdText(tr.t('exit-code', { code: s.exitCode }))})`, '');
  out.push(
    `**Target:** ${mdText(targetLine(report))}${report.target ? ` (${mdText(report.target.source)})` : ''}  `,
    `**As of:** ${mdText(report.asOf)} · **fail on:** ${s.failOn} and above · **duration:** ${formatDuration(report.durationMs)}  `,
    `**Catalogue:** ${mdText(`${report.catalogue.id} ${report.catalogue.version}`)} · **policy:** ${mdText(`${report.policy.id} ${report.policy.version}`)} · **msscheck** ${mdText(report.tool.version)}`,
    '',
  );
  if (report.target?.sandboxDefects?.length) out.push(`Sandbox defects switched on: ${report.target.sandboxDefects.map(mdText).join(', ')}`, '');

  out.push('| Status | Count |', '|---|---:|');
  for (const st of STATUS_ORDER) out.push(`| ${STATUS_ICON[st]} ${st} | ${s.byStatus[st] ?? 0} |`);
  out.push(`| **total** | **${s.total}** |`, '');

  const problems = STATUS_ORDER.filter((st) => st === 'fail' || st === 'error').flatMap((st) => report.scenarios.filter((x) => x.status === st));
  if (problems.length > 0) {
    out.push('### Failures and errors', '', '| Status | Scenario | Severity | Requirements | Why |', '|---|---|---|---|---|');
    for (const p of problems.slice(0, MAX_ROWS)) out.push(problemRow(p, tr));
    if (problems.length > MAX_ROWS) out.push('', `…and ${problems.length - MAX_ROWS} more: see report.html.`);
    out.push('');
  }
  const warns = report.scenarios.filter((x) => x.status === 'warn');
  if (warns.length > 0) {
    out.push('<details><summary>Warnings</summary>', '');
    for (const w of warns.slice(0, MAX_ROWS)) out.push(`- \`${mdCode(w.id)}\` ${mdText(w.title)}: ${mdText(whyLine(w, tr))}`);
    out.push('', '</details>', '');
  }

  const idj = report.identification;
  if (idj) {
    const icon = idj.verdict === 'compliant' ? '✅' : idj.verdict === 'non-compliant' ? '❌' : '➖';
    out.push(`### Identification means: ${icon} ${idj.verdict} on ${mdText(idj.asOf)}`, '');
    if (idj.firstNonCompliantDate) out.push(`First non-compliant date with this policy: **${mdText(idj.firstNonCompliantDate)}**`, '');
    if (idj.means.length > 0) {
      out.push('| Means | Declared | Observed | Status | Compliant until | Why |', '|---|---|---|---|---|---|');
      for (const m of idj.means) {
        out.push(
          `| ${mdText(m.label)} (\`${mdCode(m.means)}\`) | ${m.declared ? 'yes' : 'no'} | ${m.observed.length ? 'yes' : 'no'} | ${m.status} | ${m.compliantUntil ? mdText(m.compliantUntil) : '—'} | ${mdText(m.reason)} [${m.confidence}] |`,
        );
      }
      out.push('');
    }
  }
  if (report.assumptions.length > 0) {
    out.push('<details><summary>Assumptions</summary>', '');
    for (const a of report.assumptions) out.push(`- ${mdText(a)}`);
    out.push('', '</details>', '');
  }
  out.push(`_${mdText(report.redaction.note)}_`, '');
  return out.join('\n');
}
