/** The fleet report as one self-contained HTML page (no script, inline style): the same views as the Markdown. */
import type { FleetReport, FleetTargetVerdict } from '../../model/fleet.js';
import { SEVERITIES } from '../../model/result.js';
import { esc } from '../html/escape.js';

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:1200px;padding:0 1rem;color:#1b1f24}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:normal;word-break:normal}
th{background:#f3f5f7}.conformant{color:#1a7f37}.non-conformant,.crashed{color:#cf222e}.incomplete{color:#9a6700}code{font-size:.9em}
.wrap{overflow-x:auto}@media print{.wrap{overflow:visible}}`;

function verdict(v: FleetTargetVerdict): string {
  return `<b class="${esc(v)}">${esc(v)}</b>`;
}

export function renderFleetHtml(f: FleetReport): string {
  const targetRows = f.targets
    .map((t) => {
      const fails = SEVERITIES.filter((s) => t.failuresBySeverity[s]).map((s) => `${t.failuresBySeverity[s]} ${s}`).join(', ') || '—';
      const link = t.reportFile ? `<a href="targets/${encodeURIComponent(t.id)}/report.html"><code>${esc(t.id)}</code></a>` : `<code>${esc(t.id)}</code>`;
      return `<tr><td>${link}</td><td>${esc(t.operator)}${t.platform ? ` / ${esc(t.platform)}` : ''}</td><td>${verdict(t.verdict)}${t.error ? `<br>${esc(t.error)}` : ''}</td><td>${esc(fails)}</td><td>${esc(t.firstNonCompliantDate ?? '—')}</td></tr>`;
    })
    .join('');
  const reqRows = f.requirements.map((r) => `<tr><td>${esc(r.id)}</td><td>${r.pass}</td><td>${r.fail}</td><td>${r.error}</td><td>${r.other}</td></tr>`).join('');
  const platforms = f.platforms
    .map((p) => {
      const rows = p.findings
        .map((x) => `<tr><td><code>${esc(x.scenario)}</code> ${esc(x.title)}</td><td>${esc(x.severity)}</td><td>${esc(x.requirements.join(', '))}</td><td>${x.targets.length === p.targets.length ? `all ${x.targets.length}` : esc(x.targets.join(', '))}</td></tr>`)
        .join('');
      const body = rows ? `<div class="wrap"><table><tr><th>Finding</th><th>Severity</th><th>Requirements</th><th>Targets affected</th></tr>${rows}</table></div>` : '<p>No failure.</p>';
      return `<h3>${esc(p.platform)} <small>(${p.targets.length} target${p.targets.length > 1 ? 's' : ''}: ${esc(p.targets.join(', '))})</small></h3>${body}`;
    })
    .join('');
  const counts = Object.entries(f.summary.byVerdict).filter(([, n]) => n).map(([v, n]) => `${n} ${v}`).join(', ') || 'none';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>msscheck fleet: ${esc(f.summary.verdict)}</title><style>${STYLE}</style></head><body>
<h1>msscheck fleet: ${verdict(f.summary.verdict)}</h1>
<p>${f.summary.targets} targets: ${esc(counts)}. Exit code <b>${f.summary.exitCode}</b> (fail on ${esc(f.summary.failOn)} and above). As of <b>${esc(f.asOf)}</b>; catalogue ${esc(f.catalogue.id)} ${esc(f.catalogue.version)}, policy ${esc(f.policy.id)} ${esc(f.policy.version)}${f.shards ? `; shards ${esc(f.shards.map((s) => `${s.index}/${s.count}`).join(', '))}` : ''}. Run ${esc(f.startedAt)} → ${esc(f.finishedAt)}.</p>
<h2>Targets</h2><div class="wrap"><table><tr><th>Target</th><th>Operator / platform</th><th>Verdict</th><th>Failures</th><th>Identification non-compliant from</th></tr>${targetRows}</table></div>
<h2>Requirements</h2><div class="wrap"><table><tr><th>Requirement</th><th>Pass</th><th>Fail</th><th>Error</th><th>Not run</th></tr>${reqRows}</table></div>
<h2>Platforms</h2>${platforms}
</body></html>
`;
}
