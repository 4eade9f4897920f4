/** The fleet report as Markdown: a row per target, a table per requirement, the platform view. */
import { localise } from '../../i18n/data.js';
import { translator, type Translator } from '../../i18n/index.js';
import { instanceTitle } from '../../i18n/localise-report.js';
import type { FleetReport } from '../../model/fleet.js';
import { mdText } from '../markdown.js';
import { fleetCounts, fleetFailures } from './text.js';

const ICON = { conformant: '✅', 'non-conformant': '❌', incomplete: '⚠️', crashed: '💥' } as const;

export function renderFleetMarkdown(f: FleetReport, tr: Translator = translator('en')): string {
  const loc = localise(tr.lang);
  const t = (id: string, args?: Parameters<Translator['t']>[1]): string => mdText(tr.t(id, args));
  const out: string[] = [];
  out.push(`# ${t('fleet-title', { verdict: tr.t(`verdict-${f.summary.verdict}`) })} ${ICON[f.summary.verdict]}`, '');
  out.push(
    `${t('fleet-counts', { targets: f.summary.targets, counts: fleetCounts(f, tr) })} ${t('exit-code', { code: f.summary.exitCode })} (${t('fleet-fail-on', { severity: tr.t(`severity-${f.summary.failOn}`) })}). ${t('fleet-judged', { asOf: f.asOf, catalogue: f.catalogue.version, policy: f.policy.version })}${f.shards ? ` ${t('fleet-shards', { shards: f.shards.map((s) => `${s.index}/${s.count}`).join(', ') })}` : ''}`,
    '',
  );
  out.push(`## ${t('fleet-section-targets')}`, '', `| ${t('fleet-col-target')} | ${t('fleet-col-operator')} | ${t('fleet-col-verdict')} | ${t('fleet-col-failures')} | ${t('fleet-col-non-compliant-from')} |`, '|---|---|---|---|---|');
  for (const x of f.targets) {
    const who = x.platform ? `${mdText(x.operator)} / ${mdText(x.platform)}` : mdText(x.operator);
    const verdict = `${ICON[x.verdict]} ${t(`fleet-verdict-${x.verdict}`)}${x.error ? `: ${mdText(x.error)}` : ''}`;
    out.push(`| \`${mdText(x.id)}\` | ${who} | ${verdict} | ${mdText(fleetFailures(x.failuresBySeverity, tr))} | ${x.firstNonCompliantDate ?? '—'} |`);
  }
  out.push('', `## ${t('fleet-section-requirements')}`, '', `| ${t('fleet-col-requirement')} | ${t('fleet-col-pass')} | ${t('fleet-col-fail')} | ${t('fleet-col-error')} | ${t('fleet-col-not-run')} |`, '|---|---|---|---|---|');
  for (const r of f.requirements) out.push(`| ${mdText(r.id)} | ${r.pass} | ${r.fail} | ${r.error} | ${r.other} |`);
  out.push('', `## ${t('fleet-section-platforms')}`, '');
  for (const p of f.platforms) {
    out.push(`### ${mdText(p.platform)} (${t('fleet-target-count', { count: p.targets.length })})`, '');
    if (!p.findings.length) {
      out.push(t('fleet-no-failure'), '');
      continue;
    }
    out.push(`| ${t('fleet-col-finding')} | ${t('fleet-col-severity')} | ${t('fleet-col-requirements')} | ${t('fleet-col-affected')} |`, '|---|---|---|---|');
    for (const x of p.findings) {
      const affected = x.targets.length === p.targets.length ? t('fleet-all-targets', { count: x.targets.length }) : x.targets.map(mdText).join(', ');
      out.push(`| \`${mdText(x.scenario)}\` ${mdText(instanceTitle({ scenarioId: x.scenarioId, variant: x.variant, title: x.title }, loc))} | ${t(`severity-${x.severity}`)} | ${x.requirements.map(mdText).join(', ')} | ${affected} |`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
