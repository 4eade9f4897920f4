/**
 * One self-contained HTML page: no external asset, inline CSS and a small script (pinned by a CSP
 * hash, so nothing else can run even if a value slipped through unescaped). Every value from the run
 * is HTML-escaped; every word of the page comes from the message catalogue (`--lang`).
 *
 * Layout, for someone who must act on the report: header with the verdict and the gate, summary
 * counts, then what needs attention: failures by severity, errors, warnings and reviews (open, each
 * failing assertion with what its requirement says, its source and confidence); then the
 * identification means; then every other scenario, collapsed. Without JavaScript everything is
 * shown; with it, filters by status, tag and text. Readable at 800 px (tables become cards) and in
 * print (its own style sheet).
 */
import { createHash } from 'node:crypto';
import { SEVERITIES, STATUSES, type AssertionResult, type Confidence, type IdentificationJudgement, type Report, type ScenarioResult, type Status } from '../model/result.js';
import { translator, type Translator } from '../i18n/index.js';
import { displayReason, formatDuration, targetLine, verdictAndGate, verdictWord } from './common.js';
import { CSS, JS } from './html/assets.js';
import { esc, escJson } from './html/escape.js';
import { renderEvidence } from './html/evidence.js';
import { MEANS_COLOUR, renderTimeline } from './html/timeline.js';

/** Statuses that need a person's attention, in the order the page shows them. */
const ATTENTION: readonly Status[] = ['fail', 'error', 'warn', 'review'];
/** The rest, collapsed, in this order. */
const REST: readonly Status[] = ['skip', 'not-applicable', 'pass'];

export function statusLabel(status: Status | string, tr: Translator): string {
  return tr.has(`status-${status}`) ? tr.t(`status-${status}`) : status;
}

export function confidenceLabel(c: Confidence, tr: Translator): string {
  return tr.t(c === '?' ? 'confidence-unconfirmed' : `confidence-${c}`);
}

function severityLabel(s: string, tr: Translator): string {
  return tr.has(`severity-${s}`) ? tr.t(`severity-${s}`) : s;
}

function metaRow(label: string, valueHtml: string): string {
  return `<dt>${esc(label)}</dt><dd>${valueHtml}</dd>`;
}

function source(s: { id: string; version: string; source: string }): string {
  return `${esc(s.id)} <b>${esc(s.version)}</b> <span class="muted">(${esc(s.source)})</span>`;
}

function header(r: Report, tr: Translator): string {
  const t = r.target;
  const rows = [
    metaRow(tr.t('meta-target'), esc(targetLine(r, tr))),
    ...(t ? [metaRow(tr.t('meta-target-profile'), esc(t.source)), metaRow(tr.t('meta-domains'), esc(t.domains.join(', ') || '—'))] : []),
    ...(t?.sandboxDefects?.length ? [metaRow(tr.t('meta-sandbox-defects'), esc(t.sandboxDefects.join(', ')))] : []),
    metaRow(tr.t('meta-as-of'), `<b>${esc(r.asOf)}</b>`),
    metaRow(tr.t('meta-verdict'), `<b>${esc(verdictAndGate(r.summary, tr))}</b>, ${esc(tr.t('exit-code', { code: r.summary.exitCode }))}`),
    metaRow(tr.t('meta-run'), `${esc(r.startedAt)} → ${esc(r.finishedAt)} (${esc(formatDuration(r.durationMs))})`),
    metaRow(tr.t('meta-tool'), `msscheck <b>${esc(r.tool.version)}</b> <span class="muted">(node ${esc(r.tool.node)})</span>`),
    metaRow(tr.t('meta-catalogue'), source(r.catalogue)),
    metaRow(tr.t('meta-policy'), source(r.policy)),
    ...(r.selection.only?.length ? [metaRow(tr.t('meta-only'), esc(r.selection.only.join(', ')))] : []),
    ...(r.selection.tags?.length ? [metaRow(tr.t('meta-tags'), esc(r.selection.tags.join(', ')))] : []),
    metaRow(tr.t('meta-redaction'), `${esc(r.redaction.note)} <span class="muted">(${esc(tr.t('redaction-count', { count: r.redaction.secretsRedacted }))})</span>`),
  ];
  const assumptions = r.assumptions.length
    ? `<details class="assumptions"${r.assumptions.length <= 5 ? ' open' : ''}><summary><b>${esc(tr.t('assumptions'))}</b> (${r.assumptions.length})</summary><ul>${r.assumptions.map((a) => `<li>${esc(a)}</li>`).join('')}</ul></details>`
    : '';
  const title = tr.t(r.kind === 'lint-message' ? 'html-title-lint' : 'html-title-run');
  return `<header class="v-${esc(r.summary.verdict)}"><h1>${esc(title)} <span class="badge verdict">${esc(verdictWord(r.summary, tr))}</span></h1><dl class="meta">${rows.join('')}</dl>${assumptions}</header>`;
}

function summary(r: Report, tr: Translator): string {
  const cards = [...ATTENTION, ...REST].map(
    (s) => `<div class="count c-${esc(s)}"><b>${esc(r.summary.byStatus[s] ?? 0)}</b>${esc(statusLabel(s, tr))}</div>`,
  ).join('');
  return `<section id="summary"><h2>${esc(tr.t('summary'))}</h2><div class="counts"><div class="count"><b>${esc(r.summary.total)}</b>${esc(tr.t('total'))}</div>${cards}</div></section>`;
}

function identification(idj: IdentificationJudgement, tr: Translator): string {
  const means = idj.means
    .map(
      (m) => `<tr><td data-label="${esc(tr.t('means-col-means'))}">${esc(m.label)} <code class="small">${esc(m.means)}</code></td><td data-label="${esc(tr.t('means-col-declared'))}">${esc(tr.t(m.declared ? 'yes' : 'no'))}</td><td data-label="${esc(tr.t('means-col-observed'))}">${
        m.observed.length ? m.observed.map((o) => `${esc(o.endpoint)}: ${esc(o.detail)}`).join('<br>') : esc(tr.t('no'))
      }</td><td data-label="${esc(tr.t('means-col-status'))}"><span class="swatch" style="background:${MEANS_COLOUR[m.status] ?? MEANS_COLOUR.unknown}"></span> ${esc(tr.t(`means-status-${m.status}`))}</td><td data-label="${esc(tr.t('means-col-from'))}">${esc(m.compliantFrom ?? '—')}</td><td data-label="${esc(tr.t('means-col-until'))}">${esc(
        m.compliantUntil ?? '—',
      )}</td><td data-label="${esc(tr.t('means-col-why'))}">${esc(m.reason)}</td><td data-label="${esc(tr.t('means-col-source'))}">${esc(m.source)} [${esc(m.confidence)}]</td></tr>`,
    )
    .join('');
  const verdictClass = idj.verdict === 'non-compliant' ? 'bad' : idj.verdict === 'compliant' ? 'good' : '';
  const head = ['means', 'declared', 'observed', 'status', 'from', 'until', 'why', 'source'].map((c) => `<th>${esc(tr.t(`means-col-${c}`))}</th>`).join('');
  return `<section id="identification"><h2>${esc(tr.t('identification-title'))}</h2>
<p>${tr.t('identification-on', { date: `<b>${esc(idj.asOf)}</b>`, context: esc(idj.context), policy: source(idj.policy), verdict: `<b class="${verdictClass}">${esc(tr.t(`identification-${idj.verdict}`))}</b>` })} ${
    idj.firstNonCompliantDate ? tr.t('first-non-compliant', { date: `<b class="bad">${esc(idj.firstNonCompliantDate)}</b>` }) : esc(tr.t('no-non-compliant'))
  }</p>
${renderTimeline(idj, tr)}
${means ? `<table class="stack means"><thead><tr>${head}</tr></thead><tbody>${means}</tbody></table>` : ''}</section>`;
}

/** What the requirements behind an assertion say: summary, source, confidence (when the report has them). */
function requirementsCell(a: AssertionResult, tr: Translator): string {
  const details = a.requirementDetails ?? [];
  if (a.status === 'pass' || details.length === 0) return `<div class="reqids">${a.requirements.map(esc).join(', ')}</div>`;
  const items = a.requirements.map((id) => {
    const d = details.find((x) => x.id === id);
    if (!d) return `<li><b>${esc(id)}</b> <span class="muted">${esc(tr.t('not-in-catalogue'))}</span></li>`;
    return `<li><b>${esc(d.id)}</b> ${esc(d.summary)} <span class="src">— ${esc(d.source)}${d.version ? ` (${esc(d.version)})` : ''}</span> <span class="conf conf-${d.confidence === '?' ? 'q' : esc(d.confidence)}">${esc(confidenceLabel(d.confidence, tr))}</span></li>`;
  });
  return `<div class="reqs"><div class="small muted">${esc(tr.t('requirement-says'))}</div><ul>${items.join('')}</ul></div>`;
}

function assertionRow(a: AssertionResult, tr: Translator): string {
  const notes = [
    a.confidence && a.status !== 'pass' ? `<span class="conf conf-${a.confidence === '?' ? 'q' : esc(a.confidence)}">${esc(tr.t('assertion-confidence', { confidence: confidenceLabel(a.confidence, tr) }))}</span>` : '',
    a.downgrade ? `<div class="downgrade">${esc(tr.t('downgraded', { to: statusLabel(a.downgrade.to, tr), reason: a.downgrade.reason }))}</div>` : '',
  ].join('');
  return `<tr class="as-${esc(a.status)}"><td data-label="${esc(tr.t('col-result'))}"><span class="chip as-${esc(a.status)}">${esc(statusLabel(a.status, tr))}</span></td><td data-label="${esc(tr.t('col-must-hold'))}"><div class="what">${esc(a.description)}</div><code class="small fact">${esc(a.step)}.${esc(a.fact)} <i>${esc(a.operator)}</i></code>${notes}${requirementsCell(a, tr)}</td><td data-label="${esc(tr.t('col-expected'))}">${
    a.expected === a.operator ? '' : `<pre>${escJson(a.expected)}</pre>`
  }</td><td data-label="${esc(tr.t('col-found'))}"><pre>${escJson(a.found)}</pre></td></tr>`;
}

function scenario(s: ScenarioResult, asOf: string, tr: Translator): string {
  const search = `${s.id} ${s.title} ${s.requirements.join(' ')} ${s.tags.join(' ')}`.toLowerCase();
  const open = ATTENTION.includes(s.status) && s.status !== 'review' && s.status !== 'warn' ? ' open' : '';
  const steps = s.steps.length
    ? `<h4>${esc(tr.t('sc-steps'))}</h4><div class="scroll"><table class="steps"><thead><tr>${['step', 'probe', 'status', 'duration', 'code', 'message'].map((c) => `<th>${esc(tr.t(`col-${c}`))}</th>`).join('')}</tr></thead><tbody>${s.steps
        .map(
          (st) =>
            `<tr><td data-label="${esc(tr.t('col-step'))}">${esc(st.id)}</td><td data-label="${esc(tr.t('col-probe'))}"><code>${esc(st.probe)}</code></td><td data-label="${esc(tr.t('col-status'))}">${esc(tr.t(`step-status-${st.status}`))}</td><td data-label="${esc(tr.t('col-duration'))}" class="nowrap">${esc(formatDuration(st.durationMs))}</td><td data-label="${esc(tr.t('col-code'))}">${esc(st.code ?? '')}</td><td data-label="${esc(tr.t('col-message'))}">${esc(st.message ?? '')}</td></tr>`,
        )
        .join('')}</tbody></table></div>`
    : '';
  // The assertions that decided the status first.
  const rank = (a: AssertionResult) => ['fail', 'review', 'warn', 'pass'].indexOf(a.status);
  const assertions = s.assertions.length
    ? `<h4>${esc(tr.t('sc-assertions'))}</h4><table class="assertions stack"><thead><tr>${['result', 'must-hold', 'expected', 'found'].map((c) => `<th>${esc(tr.t(`col-${c}`))}</th>`).join('')}</tr></thead><tbody>${[...s.assertions]
        .sort((a, b) => rank(a) - rank(b))
        .map((a) => assertionRow(a, tr))
        .join('')}</tbody></table>`
    : '';
  const observed = s.observedMethods?.length
    ? `<h4>${esc(tr.t('sc-observed'))}</h4><ul>${s.observedMethods.map((o) => `<li>${tr.t('observed-on', { means: `<code>${esc(o.means)}</code>`, endpoint: esc(o.endpoint), detail: esc(o.detail) })}</li>`).join('')}</ul>`
    : '';
  const evidence = s.evidence.length ? `<h4>${esc(tr.t('sc-evidence'))}</h4>${s.evidence.map((e) => renderEvidence(e, asOf, tr)).join('')}` : '';
  return `<details class="scenario st-${esc(s.status)}" id="s-${esc(s.id)}" data-status="${esc(s.status)}" data-severity="${esc(s.severity)}" data-tags="${esc(s.tags.join(' '))}" data-search="${esc(search)}"${open}>
<summary><span class="badge st-${esc(s.status)}">${esc(statusLabel(s.status, tr))}</span> <span class="sev sev-${esc(s.severity)}">${esc(severityLabel(s.severity, tr))}</span> <code class="sid">${esc(s.id)}</code> <span class="title">${esc(s.title)}</span> <span class="dur">${esc(formatDuration(s.durationMs))}</span></summary>
<div class="body">${s.reason ? `<p class="reason">${esc(displayReason(s, tr))}</p>` : ''}
<dl class="meta">${metaRow(tr.t('sc-requirements'), esc(s.requirements.join(', ') || '—'))}${metaRow(tr.t('sc-tags'), esc(s.tags.join(', ') || '—'))}${metaRow(tr.t('sc-family'), esc(s.family))}${
    s.confidence ? metaRow(tr.t('sc-confidence'), esc(confidenceLabel(s.confidence, tr))) : ''
  }${metaRow(tr.t('sc-started'), esc(s.startedAt))}</dl>
${steps}${assertions}${observed}${evidence}</div></details>`;
}

/** Highest severity first, then id: the order an auditor reads failures in. */
function bySeverity(list: ScenarioResult[]): ScenarioResult[] {
  return [...list].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id));
}

/** The scenarios needing attention, each group in its own section, failures first. */
function attention(r: Report, tr: Translator): string {
  const groups: { id: string; title: string; items: ScenarioResult[] }[] = [
    { id: 'g-fail', title: tr.t('group-fail', { count: r.summary.byStatus.fail ?? 0 }), items: bySeverity(r.scenarios.filter((s) => s.status === 'fail')) },
    { id: 'g-error', title: tr.t('group-error', { count: r.summary.byStatus.error ?? 0 }), items: bySeverity(r.scenarios.filter((s) => s.status === 'error')) },
    {
      id: 'g-attention',
      title: tr.t('group-attention', { count: (r.summary.byStatus.warn ?? 0) + (r.summary.byStatus.review ?? 0) }),
      items: bySeverity(r.scenarios.filter((s) => s.status === 'warn' || s.status === 'review')),
    },
  ].filter((g) => g.items.length > 0);
  if (groups.length === 0) return `<p class="good all-well">${esc(tr.t('nothing-failed'))}</p>`;
  return groups.map((g) => `<section class="group" id="${g.id}"><h3>${esc(g.title)}</h3>\n${g.items.map((s) => scenario(s, r.asOf, tr)).join('\n')}</section>`).join('\n');
}

function rest(r: Report, tr: Translator): string {
  const items = REST.flatMap((st) => r.scenarios.filter((s) => s.status === st).sort((a, b) => a.id.localeCompare(b.id)));
  if (items.length === 0) return '';
  const detail = REST.filter((st) => (r.summary.byStatus[st] ?? 0) > 0)
    .map((st) => `${r.summary.byStatus[st]} ${statusLabel(st, tr)}`)
    .join(', ');
  return `<details class="group rest" id="g-rest"><summary><h3>${esc(tr.t('group-rest', { count: items.length, detail }))}</h3></summary>\n${items.map((s) => scenario(s, r.asOf, tr)).join('\n')}</details>`;
}

function filters(r: Report, tr: Translator): string {
  const tags = [...new Set(r.scenarios.flatMap((s) => s.tags))].sort();
  const boxes = STATUSES.map(
    (s) => `<label><input type="checkbox" data-filter-status value="${esc(s)}" checked> <span class="badge st-${esc(s)}">${esc(statusLabel(s, tr))}</span> ${esc(r.summary.byStatus[s] ?? 0)}</label>`,
  ).join(' ');
  const shown = tr.t('filter-shown', { count: r.scenarios.length }).replace(String(r.scenarios.length), `<span id="f-shown">${r.scenarios.length}</span>`);
  return `<div class="filters" role="search">${boxes}
<label>${esc(tr.t('filter-tag'))} <select id="f-tag"><option value="">${esc(tr.t('filter-any'))}</option>${tags.map((t) => `<option value="${esc(t)}">${esc(t)}</option>`).join('')}</select></label>
<label>${esc(tr.t('filter-text'))} <input id="f-text" type="search" placeholder="${esc(tr.t('filter-placeholder'))}"></label>
<button type="button" id="f-expand">${esc(tr.t('filter-expand'))}</button><button type="button" id="f-collapse">${esc(tr.t('filter-collapse'))}</button>
<span class="muted">${shown}</span></div>`;
}

export function renderHtml(report: Report, tr: Translator = translator('en')): string {
  const scriptHash = createHash('sha256').update(JS, 'utf8').digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'`;
  const title = `msscheck: ${targetLine(report, tr)}: ${verdictWord(report.summary, tr)} (${report.asOf})`;
  return `<!doctype html>
<html lang="${tr.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
${header(report, tr)}
${summary(report, tr)}
<section id="scenarios"><h2>${esc(tr.t('scenarios-title', { count: report.scenarios.length }))}</h2>
${filters(report, tr)}
${attention(report, tr)}
</section>
${report.identification ? identification(report.identification, tr) : ''}
<section id="others">
${rest(report, tr)}
</section>
<footer>${esc(tr.t('footer-note', { version: report.reportVersion }))}</footer>
<script>${JS}</script>
</body>
</html>
`;
}
