/**
 * A Markdown summary fit for a CI job summary (GitHub `$GITHUB_STEP_SUMMARY`): verdict, counts,
 * the failing and erroring scenarios with their requirement ids and first failing assertion, the
 * identification verdict. Text from the run is escaped so it cannot inject HTML or break a table.
 */
import type { AssertionResult, Report, RequirementDetail, ScenarioResult, Status } from '../model/result.js';
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
    ? mdText(tr.t('why-expected-found', { what: a.description, expected: '\u0001', found: '\u0002' }))
        .replace('\u0001', `\`${mdCode(expectation(a, 80, tr))}\``)
        .replace('\u0002', `\`${mdCode(showValue(a.found, 80))}\``)
    : mdText(whyLine(s, tr));
  const broken = [...new Set(failingAssertions(s).flatMap((f) => f.requirements))];
  const reqs = (broken.length ? broken : s.requirements).map(mdText).join(', ');
  const confidence = a?.confidence ? ` [${a.confidence}]` : '';
  return `| ${STATUS_ICON[s.status]} ${mdText(tr.t(`status-${s.status}`))} | \`${mdCode(s.id)}\` ${mdText(s.title)} | ${mdText(tr.t(`severity-${s.severity}`))} | ${reqs}${confidence} | ${detail} |`;
}

/** The rules behind the given assertions, once each: id, confidence, summary, source and version. */
function rulesSection(title: string, assertions: AssertionResult[]): string[] {
  const byId = new Map<string, RequirementDetail>();
  for (const a of assertions) for (const d of a.requirementDetails ?? []) if (!byId.has(d.id)) byId.set(d.id, d);
  if (byId.size === 0) return [];
  const out = [`#### ${title}`, ''];
  for (const d of [...byId.values()].slice(0, MAX_ROWS)) {
    out.push(`- **${mdText(d.id)}** [${d.confidence}] ${mdText(d.summary)} — ${mdText(d.source)}${d.version ? ` (${mdText(d.version)})` : ''}`);
  }
  out.push('');
  return out;
}

/** A downgraded finding says so: `(confidence S: secondary source only …)`. */
function downgradeNote(a: AssertionResult | undefined, tr: Translator): string {
  if (a?.downgrade) return ` (${mdText(tr.t('md-confidence-why', { confidence: a.confidence ?? '?', why: a.downgrade.reason }))})`;
  return a?.confidence && a.confidence !== 'P' ? ` (${mdText(tr.t('md-confidence', { confidence: a.confidence }))})` : '';
}

/** Inside backticks nothing is interpreted but the backtick and the table pipe. */
function mdCode(text: string): string {
  return text.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function renderMarkdown(report: Report, tr: Translator = translator('en')): string {
  const s = report.summary;
  const out: string[] = [];
  out.push(`## ${VERDICT_ICON[s.verdict]} msscheck: ${mdText(verdictAndGate(s, tr))} (${mdText(tr.t('exit-code', { code: s.exitCode }))})`, '');
  const t = (id: string, args?: Parameters<Translator['t']>[1]) => mdText(tr.t(id, args));
  out.push(
    `**${t('md-target')}:** ${mdText(targetLine(report, tr))}${report.target ? ` (${mdText(report.target.source)})` : ''}  `,
    `**${t('md-as-of')}:** ${mdText(report.asOf)} · **${t('md-fail-on')}:** ${t('md-and-above', { severity: tr.t(`severity-${s.failOn}`) })} · **${t('md-duration')}:** ${formatDuration(report.durationMs)}  `,
    `**${t('md-catalogue')}:** ${mdText(`${report.catalogue.id} ${report.catalogue.version}`)} · **${t('md-policy')}:** ${mdText(`${report.policy.id} ${report.policy.version}`)} · **msscheck** ${mdText(report.tool.version)}`,
    '',
  );
  if (report.target?.sandboxDefects?.length) out.push(t('md-sandbox-defects', { defects: report.target.sandboxDefects.join(', ') }), '');

  out.push(`| ${t('md-col-status')} | ${t('md-col-count')} |`, '|---|---:|');
  for (const st of STATUS_ORDER) out.push(`| ${STATUS_ICON[st]} ${t(`status-${st}`)} | ${s.byStatus[st] ?? 0} |`);
  out.push(`| **${t('total')}** | **${s.total}** |`, '');

  const problems = STATUS_ORDER.filter((st) => st === 'fail' || st === 'error').flatMap((st) => report.scenarios.filter((x) => x.status === st));
  if (problems.length > 0) {
    out.push(
      `### ${t('md-failures')}`,
      '',
      `| ${t('md-col-status')} | ${t('md-col-scenario')} | ${t('md-col-severity')} | ${t('md-col-requirements')} | ${t('md-col-why')} |`,
      '|---|---|---|---|---|',
    );
    for (const p of problems.slice(0, MAX_ROWS)) out.push(problemRow(p, tr));
    if (problems.length > MAX_ROWS) out.push('', t('md-more', { count: problems.length - MAX_ROWS }));
    out.push('');
    out.push(...rulesSection(t('md-rules-failures'), problems.flatMap((p) => failingAssertions(p))));
  }
  const reviews = report.scenarios.filter((x) => x.status === 'review');
  if (reviews.length > 0) {
    out.push(`### ${t('md-reviews')}`, '');
    for (const r of reviews.slice(0, MAX_ROWS)) {
      const a = r.assertions.find((x) => x.status === 'review');
      out.push(`- 👀 \`${mdCode(r.id)}\` ${mdText(r.title)}: ${mdText(a ? tr.t('md-found', { what: a.description, found: showValue(a.found, 80) }) : whyLine(r, tr))}${downgradeNote(a, tr)}`);
    }
    out.push('');
    out.push(...rulesSection(t('md-rules-reviews'), reviews.flatMap((r) => r.assertions.filter((x) => x.status === 'review'))));
  }
  const warns = report.scenarios.filter((x) => x.status === 'warn');
  if (warns.length > 0) {
    out.push(`<details><summary>${t('md-warnings')}</summary>`, '');
    for (const w of warns.slice(0, MAX_ROWS)) out.push(`- \`${mdCode(w.id)}\` ${mdText(w.title)}: ${mdText(whyLine(w, tr))}${downgradeNote(w.assertions.find((x) => x.status === 'warn'), tr)}`);
    out.push('');
    out.push(...rulesSection(t('md-rules-warnings'), warns.flatMap((w) => w.assertions.filter((x) => x.status === 'warn'))));
    out.push('</details>', '');
  }

  const idj = report.identification;
  if (idj) {
    const icon = idj.verdict === 'compliant' ? '✅' : idj.verdict === 'non-compliant' ? '❌' : '➖';
    out.push(`### ${t('md-identification', { icon, verdict: tr.t(`identification-${idj.verdict}`), asOf: idj.asOf })}`, '');
    if (idj.firstNonCompliantDate) out.push(t('md-first-non-compliant', { date: idj.firstNonCompliantDate }).replace(mdText(idj.firstNonCompliantDate), `**${mdText(idj.firstNonCompliantDate)}**`), '');
    if (idj.means.length > 0) {
      out.push(`| ${t('md-col-means')} | ${t('md-col-declared')} | ${t('md-col-observed')} | ${t('md-col-status')} | ${t('md-col-until')} | ${t('md-col-why')} |`, '|---|---|---|---|---|---|');
      for (const m of idj.means) {
        out.push(
          `| ${mdText(m.label)} (\`${mdCode(m.means)}\`) | ${t(m.declared ? 'yes' : 'no')} | ${t(m.observed.length ? 'yes' : 'no')} | ${t(`means-status-${m.status}`)} | ${m.compliantUntil ? mdText(m.compliantUntil) : '—'} | ${mdText(m.reason)} [${m.confidence}] |`,
        );
      }
      out.push('');
    }
  }
  if (report.assumptions.length > 0) {
    out.push(`<details><summary>${t('md-assumptions')}</summary>`, '');
    for (const a of report.assumptions) out.push(`- ${mdText(a)}`);
    out.push('', '</details>', '');
  }
  out.push(`_${mdText(report.redaction.note)}_`, '');
  return out.join('\n');
}
