/** The Markdown form of a ReportDiff (`msscheck diff --format md`). */
import type { CertificateSeen, ReportDiff, StatusChange } from './diff.js';

const cell = (s: unknown): string => String(s ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const cert = (c?: CertificateSeen): string => (c ? `\`${c.sha256.slice(0, 16)}…\` ${cell(c.subject)}, expires ${c.notAfter}` : '—');

function changeTable(rows: StatusChange[]): string[] {
  return ['| Scenario | Severity | Was | Now | Why |', '|---|---|---|---|---|', ...rows.map((r) => `| ${cell(r.id)} | ${r.severity} | ${r.from} | ${r.to} | ${cell(r.reason)} |`)];
}

export function renderDiffMarkdown(d: ReportDiff): string {
  const out: string[] = ['# msscheck diff', ''];
  out.push('| | Old | New |', '|---|---|---|');
  out.push(`| Report | ${cell(d.old.source)} | ${cell(d.new.source)} |`);
  out.push(`| Kind | ${d.old.kind} | ${d.new.kind} |`);
  out.push(`| Tool | ${cell(d.old.tool)} | ${cell(d.new.tool)} |`);
  out.push(`| As of | ${d.old.asOf} | ${d.new.asOf} |`);
  out.push(`| Finished | ${d.old.finishedAt} | ${d.new.finishedAt} |`);
  out.push(`| Catalogue | ${cell(d.old.catalogue)} | ${cell(d.new.catalogue)} |`);
  out.push(`| Policy | ${cell(d.old.policy)} | ${cell(d.new.policy)} |`);
  out.push(`| Verdict | ${d.old.verdict} | ${d.new.verdict} |`, '');
  out.push(d.regression ? `**Regression**: ${d.regressed.length} scenario(s) regressed (gate: severity ${d.failOn} and above).` : `**No regression** (gate: severity ${d.failOn} and above).`, '');
  const section = (title: string, rows: StatusChange[]): void => {
    out.push(`## ${title} (${rows.length})`, '');
    if (rows.length) out.push(...changeTable(rows), '');
    else out.push('None.', '');
  };
  section('Regressed', d.regressed);
  section('Fixed', d.fixed);
  section('Other changes of status', d.changed);
  for (const [title, rows] of [['Appeared', d.appeared], ['Disappeared', d.disappeared]] as const) {
    out.push(`## ${title} (${rows.length})`, '');
    if (rows.length) out.push('| Scenario | Severity | Status |', '|---|---|---|', ...rows.map((r) => `| ${cell(r.id)} | ${r.severity} | ${r.status} |`), '');
    else out.push('None.', '');
  }
  const id = d.identification;
  out.push('## Identification means', '');
  const idLines: string[] = [];
  if (id.verdict) idLines.push(`- verdict: ${id.verdict.from} → ${id.verdict.to}`);
  if (id.firstNonCompliantDate) idLines.push(`- first non-compliant date: ${id.firstNonCompliantDate.from ?? 'never'} → ${id.firstNonCompliantDate.to ?? 'never'}`);
  if (id.policy) idLines.push(`- policy: ${id.policy.from} → ${id.policy.to}`);
  for (const m of id.means) {
    const st = (s?: NonNullable<typeof m.from>): string => (s ? `${s.status}${s.compliantUntil ? ` until ${s.compliantUntil}` : ''}${s.compliantFrom ? ` from ${s.compliantFrom}` : ''}${s.declared ? ', declared' : ''}${s.observed ? `, observed ×${s.observed}` : ''}` : '—');
    idLines.push(`- ${m.means}${m.context ? ` (${m.context})` : ''}: ${m.change}: ${st(m.from)} → ${st(m.to)}`);
  }
  out.push(...(idLines.length ? idLines : ['No change.']), '');
  out.push('## Certificates presented', '');
  if (!d.certificates.length) out.push('No change.', '');
  for (const c of d.certificates) {
    out.push(`### ${cell(c.endpoint)}`, '');
    if (c.observed !== 'both') out.push(`- no chain observed in the ${c.observed === 'old-only' ? 'new' : 'old'} run (unreachable or not selected): nothing to compare`);
    if (c.leaf) out.push(`- leaf: ${cert(c.leaf.from)} → ${cert(c.leaf.to)}${c.leaf.newExpiry ? ' (new expiry)' : ''}`);
    for (const a of c.added) out.push(`- new certificate: ${cert(a)}`);
    for (const r of c.removed) out.push(`- no longer presented: ${cert(r)}`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
