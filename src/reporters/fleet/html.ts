/** The fleet report as one self-contained HTML page (no script, inline style): the same views as the Markdown. */
import { localise } from '../../i18n/data.js';
import { translator, type Translator } from '../../i18n/index.js';
import { instanceTitle } from '../../i18n/localise-report.js';
import type { FleetReport, FleetTargetVerdict } from '../../model/fleet.js';
import { esc } from '../html/escape.js';
import { fleetCounts, fleetFailures } from './text.js';

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:1200px;padding:0 1rem;color:#1b1f24}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:normal;word-break:normal;hyphens:manual}
th{background:#f3f5f7}.conformant{color:#1a7f37}.non-conformant,.crashed{color:#cf222e}.incomplete{color:#9a6700}code{font-size:.9em;white-space:nowrap}
.wrap{overflow-x:auto}@media print{.wrap{overflow:visible}a{color:inherit;text-decoration:none}}`;

export function renderFleetHtml(f: FleetReport, tr: Translator = translator('en')): string {
  const loc = localise(tr.lang);
  const t = (id: string, args?: Parameters<Translator['t']>[1]): string => esc(tr.t(id, args));
  const verdict = (v: FleetTargetVerdict): string => `<b class="${esc(v)}">${t(`fleet-verdict-${v}`)}</b>`;
  const targetRows = f.targets
    .map((x) => {
      const link = x.reportFile ? `<a href="targets/${encodeURIComponent(x.id)}/report.html"><code>${esc(x.id)}</code></a>` : `<code>${esc(x.id)}</code>`;
      return `<tr><td>${link}</td><td>${esc(x.operator)}${x.platform ? ` / ${esc(x.platform)}` : ''}</td><td>${verdict(x.verdict)}${x.error ? `<br>${esc(x.error)}` : ''}</td><td>${esc(fleetFailures(x.failuresBySeverity, tr))}</td><td>${esc(x.firstNonCompliantDate ?? '—')}</td></tr>`;
    })
    .join('');
  const reqRows = f.requirements.map((r) => `<tr><td>${esc(r.id)}</td><td>${r.pass}</td><td>${r.fail}</td><td>${r.error}</td><td>${r.other}</td></tr>`).join('');
  const platforms = f.platforms
    .map((p) => {
      const rows = p.findings
        .map((x) => {
          const affected = x.targets.length === p.targets.length ? t('fleet-all-targets', { count: x.targets.length }) : esc(x.targets.join(', '));
          return `<tr><td><code>${esc(x.scenario)}</code> ${esc(instanceTitle({ scenarioId: x.scenarioId, variant: x.variant, title: x.title }, loc))}</td><td>${t(`severity-${x.severity}`)}</td><td>${esc(x.requirements.join(', '))}</td><td>${affected}</td></tr>`;
        })
        .join('');
      const body = rows
        ? `<div class="wrap"><table><tr><th>${t('fleet-col-finding')}</th><th>${t('fleet-col-severity')}</th><th>${t('fleet-col-requirements')}</th><th>${t('fleet-col-affected')}</th></tr>${rows}</table></div>`
        : `<p>${t('fleet-no-failure')}</p>`;
      return `<h3>${esc(p.platform)} <small>(${t('fleet-target-count', { count: p.targets.length })}: ${esc(p.targets.join(', '))})</small></h3>${body}`;
    })
    .join('');
  const shards = f.shards ? ` ${t('fleet-shards', { shards: f.shards.map((s) => `${s.index}/${s.count}`).join(', ') })}` : '';
  return `<!doctype html><html lang="${tr.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${t('fleet-title', { verdict: tr.t(`verdict-${f.summary.verdict}`) })}</title><style>${STYLE}</style></head><body>
<h1>${t('fleet-title', { verdict: '' })}${verdict(f.summary.verdict)}</h1>
<p>${t('fleet-counts', { targets: f.summary.targets, counts: fleetCounts(f, tr) })} ${t('exit-code', { code: f.summary.exitCode })} (${t('fleet-fail-on', { severity: tr.t(`severity-${f.summary.failOn}`) })}). ${t('fleet-judged', { asOf: f.asOf, catalogue: `${f.catalogue.id} ${f.catalogue.version}`, policy: `${f.policy.id} ${f.policy.version}` })}${shards} ${t('fleet-run-times', { start: f.startedAt, end: f.finishedAt })}</p>
<h2>${t('fleet-section-targets')}</h2><div class="wrap"><table><tr><th>${t('fleet-col-target')}</th><th>${t('fleet-col-operator')}</th><th>${t('fleet-col-verdict')}</th><th>${t('fleet-col-failures')}</th><th>${t('fleet-col-non-compliant-from')}</th></tr>${targetRows}</table></div>
<h2>${t('fleet-section-requirements')}</h2><div class="wrap"><table><tr><th>${t('fleet-col-requirement')}</th><th>${t('fleet-col-pass')}</th><th>${t('fleet-col-fail')}</th><th>${t('fleet-col-error')}</th><th>${t('fleet-col-not-run')}</th></tr>${reqRows}</table></div>
<h2>${t('fleet-section-platforms')}</h2>${platforms}
</body></html>
`;
}
