/**
 * One self-contained HTML page: no external asset, inline CSS and a small script (pinned by a CSP
 * hash, so nothing else can run even if a value slipped through unescaped). Every value from the run
 * is HTML-escaped. Without JavaScript everything is shown; with it, filters by status, tag and text.
 */
import { createHash } from 'node:crypto';
import { STATUSES, type AssertionResult, type IdentificationJudgement, type Report, type ScenarioResult } from '../model/result.js';
import { translator, type Translator } from '../i18n/index.js';
import { STATUS_LABEL, STATUS_ORDER, formatDuration, targetLine, verdictAndGate, verdictWord } from './common.js';
import { CSS, JS } from './html/assets.js';
import { esc, escJson } from './html/escape.js';
import { renderEvidence } from './html/evidence.js';
import { MEANS_COLOUR, renderTimeline } from './html/timeline.js';

function metaRow(label: string, valueHtml: string): string {
  return `<dt>${esc(label)}</dt><dd>${valueHtml}</dd>`;
}

function source(s: { id: string; version: string; source: string }): string {
  return `${esc(s.id)} <b>${esc(s.version)}</b> <span class="muted">(${esc(s.source)})</span>`;
}

function header(r: Report, tr: Translator): string {
  const t = r.target;
  const rows = [
    metaRow('Target', esc(targetLine(r))),
    ...(t ? [metaRow('Target profile', esc(t.source)), metaRow('Domains', esc(t.domains.join(', ') || '—'))] : []),
    ...(t?.sandboxDefects?.length ? [metaRow('Sandbox defects', esc(t.sandboxDefects.join(', ')))] : []),
    metaRow('As-of date', `<b>${esc(r.asOf)}</b>`),
    metaRow('Verdict', `<b>${esc(verdictAndGate(r.summary, tr))}</b>, ${esc(tr.t('exit-code', { code: r.summary.exitCode }))}`),
    metaRow('Run', `${esc(r.startedAt)} → ${esc(r.finishedAt)} (${esc(formatDuration(r.durationMs))})`),
    metaRow('Tool', `msscheck <b>${esc(r.tool.version)}</b> <span class="muted">(node ${esc(r.tool.node)})</span>`),
    metaRow('Catalogue', source(r.catalogue)),
    metaRow('Policy', source(r.policy)),
    ...(r.selection.only?.length ? [metaRow('Only', esc(r.selection.only.join(', ')))] : []),
    ...(r.selection.tags?.length ? [metaRow('Tags', esc(r.selection.tags.join(', ')))] : []),
    metaRow('Redaction', `${esc(r.redaction.note)} <span class="muted">(${esc(r.redaction.secretsRedacted)} replacement${r.redaction.secretsRedacted === 1 ? '' : 's'})</span>`),
  ];
  const assumptions = r.assumptions.length
    ? `<details class="assumptions"${r.assumptions.length <= 5 ? ' open' : ''}><summary><b>Assumptions</b> (${r.assumptions.length})</summary><ul>${r.assumptions.map((a) => `<li>${esc(a)}</li>`).join('')}</ul></details>`
    : '';
  const title = r.kind === 'lint-message' ? 'msscheck message lint' : 'msscheck conformance report';
  return `<header class="v-${esc(r.summary.verdict)}"><h1>${esc(title)} <span class="badge verdict">${esc(verdictWord(r.summary, tr))}</span></h1><dl class="meta">${rows.join('')}</dl>${assumptions}</header>`;
}

function summary(r: Report): string {
  const cards = STATUS_ORDER.map(
    (s) => `<div class="count c-${esc(s)}"><b>${esc(r.summary.byStatus[s] ?? 0)}</b>${esc(s)}</div>`,
  ).join('');
  return `<section id="summary"><h2>Summary</h2><div class="counts"><div class="count"><b>${esc(r.summary.total)}</b>total</div>${cards}</div></section>`;
}

function identification(idj: IdentificationJudgement): string {
  const means = idj.means
    .map(
      (m) => `<tr><td>${esc(m.label)} <code class="small">${esc(m.means)}</code></td><td>${m.declared ? 'yes' : 'no'}</td><td>${
        m.observed.length ? m.observed.map((o) => `${esc(o.endpoint)}: ${esc(o.detail)}`).join('<br>') : 'no'
      }</td><td><span class="swatch" style="background:${MEANS_COLOUR[m.status] ?? MEANS_COLOUR.unknown}"></span> ${esc(m.status)}</td><td>${esc(m.compliantFrom ?? '—')}</td><td>${esc(
        m.compliantUntil ?? '—',
      )}</td><td>${esc(m.reason)}</td><td>${esc(m.source)} [${esc(m.confidence)}]</td></tr>`,
    )
    .join('');
  return `<section id="identification"><h2>Identification means</h2>
<p>On <b>${esc(idj.asOf)}</b> (${esc(idj.context)}), policy ${source(idj.policy)}: <b class="${idj.verdict === 'non-compliant' ? 'bad' : idj.verdict === 'compliant' ? 'good' : ''}">${esc(idj.verdict)}</b>.${
    idj.firstNonCompliantDate ? ` First non-compliant date: <b class="bad">${esc(idj.firstNonCompliantDate)}</b>.` : ' No non-compliant date with this policy.'
  }</p>
${renderTimeline(idj)}
${means ? `<div class="scroll"><table><thead><tr><th>Means</th><th>Declared</th><th>Observed</th><th>Status on as-of date</th><th>Compliant from</th><th>Compliant until</th><th>Why</th><th>Source</th></tr></thead><tbody>${means}</tbody></table></div>` : ''}</section>`;
}

function assertionRow(a: AssertionResult): string {
  return `<tr class="as-${esc(a.status)}"><td class="as-${esc(a.status)}">${esc(a.status)}</td><td>${esc(a.description)}</td><td><code>${esc(a.step)}.${esc(a.fact)}</code> <i>${esc(a.operator)}</i></td><td>${a.expected === a.operator ? '' : `<pre>${escJson(a.expected)}</pre>`}</td><td><pre>${escJson(a.found)}</pre></td><td>${a.requirements.map(esc).join('<br>')}</td></tr>`;
}

function scenario(s: ScenarioResult, asOf: string): string {
  const search = `${s.id} ${s.title} ${s.requirements.join(' ')} ${s.tags.join(' ')}`.toLowerCase();
  const open = s.status === 'fail' || s.status === 'error' ? ' open' : '';
  const steps = s.steps.length
    ? `<h4>Steps</h4><table><thead><tr><th>Step</th><th>Probe</th><th>Status</th><th>Duration</th><th>Code</th><th>Message</th></tr></thead><tbody>${s.steps
        .map(
          (st) => `<tr><td>${esc(st.id)}</td><td><code>${esc(st.probe)}</code></td><td>${esc(st.status)}</td><td>${esc(formatDuration(st.durationMs))}</td><td>${esc(st.code ?? '')}</td><td>${esc(st.message ?? '')}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '';
  const assertions = s.assertions.length
    ? `<h4>Assertions</h4><div class="scroll"><table class="assertions"><thead><tr><th>Result</th><th>What must hold</th><th>Fact</th><th>Expected</th><th>Found</th><th>Requirements</th></tr></thead><tbody>${s.assertions
        .map(assertionRow)
        .join('')}</tbody></table></div>`
    : '';
  const observed = s.observedMethods?.length
    ? `<h4>Authentication methods observed</h4><ul>${s.observedMethods.map((o) => `<li><code>${esc(o.means)}</code> on ${esc(o.endpoint)}: ${esc(o.detail)}</li>`).join('')}</ul>`
    : '';
  const evidence = s.evidence.length ? `<h4>Evidence</h4>${s.evidence.map((e) => renderEvidence(e, asOf)).join('')}` : '';
  return `<details class="scenario st-${esc(s.status)}" id="s-${esc(s.id)}" data-status="${esc(s.status)}" data-tags="${esc(s.tags.join(' '))}" data-search="${esc(search)}"${open}>
<summary><span class="badge st-${esc(s.status)}">${esc(STATUS_LABEL[s.status] ?? s.status)}</span> <code>${esc(s.id)}</code> ${esc(s.title)} <span class="sev sev-${esc(s.severity)}">${esc(s.severity)}</span><span class="dur">${esc(formatDuration(s.durationMs))}</span></summary>
<div class="body">${s.reason ? `<p class="reason">${esc(s.reason)}</p>` : ''}
<dl class="meta">${metaRow('Requirements', esc(s.requirements.join(', ') || '—'))}${metaRow('Tags', esc(s.tags.join(', ') || '—'))}${metaRow('Family', esc(s.family))}${
    s.confidence ? metaRow('Confidence', esc(s.confidence)) : ''
  }${metaRow('Started', esc(s.startedAt))}</dl>
${steps}${assertions}${observed}${evidence}</div></details>`;
}

function filters(r: Report): string {
  const tags = [...new Set(r.scenarios.flatMap((s) => s.tags))].sort();
  const boxes = STATUSES.map(
    (s) => `<label><input type="checkbox" data-filter-status value="${esc(s)}" checked> <span class="badge st-${esc(s)}">${esc(STATUS_LABEL[s])}</span> ${esc(r.summary.byStatus[s] ?? 0)}</label>`,
  ).join(' ');
  return `<div class="filters" role="search">${boxes}
<label>tag <select id="f-tag"><option value="">(any)</option>${tags.map((t) => `<option value="${esc(t)}">${esc(t)}</option>`).join('')}</select></label>
<label>text <input id="f-text" type="search" placeholder="id, title, requirement"></label>
<button type="button" id="f-expand">expand all</button><button type="button" id="f-collapse">collapse all</button>
<span class="muted"><span id="f-shown">${r.scenarios.length}</span> shown</span></div>`;
}

export function renderHtml(report: Report, tr: Translator = translator('en')): string {
  const scriptHash = createHash('sha256').update(JS, 'utf8').digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'`;
  const title = `msscheck: ${targetLine(report)}: ${report.summary.verdict} (${report.asOf})`;
  return `<!doctype html>
<html lang="en">
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
${summary(report)}
${report.identification ? identification(report.identification) : ''}
<section id="scenarios"><h2>Scenarios (${esc(report.scenarios.length)})</h2>
${filters(report)}
${report.scenarios.map((s) => scenario(s, report.asOf)).join('\n')}
</section>
<footer>Rendered from the canonical report.json (report version ${esc(report.reportVersion)}); report.json.sha256 lets anyone check it was not altered. Evidence was redacted of secrets when it was captured.</footer>
<script>${JS}</script>
</body>
</html>
`;
}
