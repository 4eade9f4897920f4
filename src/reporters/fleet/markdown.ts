/** The fleet report as Markdown: a row per target, a table per requirement, the platform view. */
import type { FleetReport } from '../../model/fleet.js';
import { SEVERITIES } from '../../model/result.js';
import { mdText } from '../markdown.js';

const ICON = { conformant: '✅', 'non-conformant': '❌', incomplete: '⚠️', crashed: '💥' } as const;

function failures(counts: Record<string, number>): string {
  const parts = SEVERITIES.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`);
  return parts.length ? parts.join(', ') : '—';
}

export function renderFleetMarkdown(f: FleetReport): string {
  const out: string[] = [];
  out.push(`# msscheck fleet: ${ICON[f.summary.verdict]} ${f.summary.verdict}`, '');
  out.push(`${f.summary.targets} targets: ${Object.entries(f.summary.byVerdict).filter(([, n]) => n).map(([v, n]) => `${n} ${v}`).join(', ') || 'none'}. Exit code ${f.summary.exitCode} (fail on ${f.summary.failOn} and above). As of ${mdText(f.asOf)}; catalogue ${mdText(f.catalogue.version)}, policy ${mdText(f.policy.version)}${f.shards ? `; shards ${f.shards.map((s) => `${s.index}/${s.count}`).join(', ')}` : ''}.`, '');
  out.push('## Targets', '', '| Target | Operator / platform | Verdict | Failures | Identification non-compliant from |', '|---|---|---|---|---|');
  for (const t of f.targets) {
    const who = t.platform ? `${mdText(t.operator)} / ${mdText(t.platform)}` : mdText(t.operator);
    const verdict = `${ICON[t.verdict]} ${t.verdict}${t.error ? `: ${mdText(t.error)}` : ''}`;
    out.push(`| \`${mdText(t.id)}\` | ${who} | ${verdict} | ${failures(t.failuresBySeverity)} | ${t.firstNonCompliantDate ?? '—'} |`);
  }
  out.push('', '## Requirements', '', '| Requirement | Pass | Fail | Error | Not run |', '|---|---|---|---|---|');
  for (const r of f.requirements) out.push(`| ${mdText(r.id)} | ${r.pass} | ${r.fail} | ${r.error} | ${r.other} |`);
  out.push('', '## Platforms', '');
  for (const p of f.platforms) {
    out.push(`### ${mdText(p.platform)} (${p.targets.length} target${p.targets.length > 1 ? 's' : ''})`, '');
    if (!p.findings.length) {
      out.push('No failure.', '');
      continue;
    }
    out.push('| Finding | Severity | Requirements | Targets affected |', '|---|---|---|---|');
    for (const x of p.findings) out.push(`| \`${mdText(x.scenario)}\` ${mdText(x.title)} | ${x.severity} | ${x.requirements.map(mdText).join(', ')} | ${x.targets.length === p.targets.length ? `all ${x.targets.length}` : x.targets.map(mdText).join(', ')} |`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
