import type { Confidence, MeansStatus, VersionedSource } from '../model/result.js';
import { translator, type Translator } from '../i18n/index.js';
import { addDays, asOfDate, inRange, type IsoDate } from './dates.js';
import { checkContext, statusOn, timelineWindow } from './evaluate.js';
import type { Policy } from './types.js';

/** One line of `msscheck policy`: a means in a context, on the as-of date. */
export interface PolicyTableRow {
  context: string;
  means: string;
  label: string;
  status: MeansStatus;
  reason: string;
  /** Id of the schedule entry that applies ('' when none does). */
  ruleId: string;
  /** Source id, its title and where to read it. */
  source: string;
  sourceTitle: string;
  sourceWhere?: string;
  confidence: Confidence;
  /** First day of the applying entry (null: since always, or no entry). */
  since: IsoDate | null;
  /** The next day the status changes, and to what (null: it does not change with this policy). */
  nextChange: { date: IsoDate; status: MeansStatus; ruleId: string; reason: string } | null;
}

/**
 * The status of every means on `asOf`, in `context` or in every context of the policy. A means the
 * policy never mentions in a context is left out of that context (it would only say `unknown`).
 */
export function policyTable(policy: Policy, asOf: IsoDate | Date, context?: string): PolicyTableRow[] {
  const day = asOfDate(asOf);
  if (context !== undefined) checkContext(policy, context);
  const contexts = context !== undefined ? [context] : policy.contexts.map((c) => c.id);
  const changeDays = changeDates(policy).filter((d) => d > day);
  const rows: PolicyTableRow[] = [];
  for (const ctx of contexts) {
    for (const m of policy.means) {
      if (!policy.schedule.some((e) => e.means.includes(m.id) && e.contexts.includes(ctx))) continue;
      const st = statusOn(policy, m.id, ctx, day);
      let nextChange: PolicyTableRow['nextChange'] = null;
      for (const d of changeDays) {
        const next = statusOn(policy, m.id, ctx, d);
        if (next.status !== st.status) {
          nextChange = { date: d, status: next.status, ruleId: next.entry?.id ?? '', reason: next.reason };
          break;
        }
      }
      rows.push({
        context: ctx,
        means: m.id,
        label: m.label,
        status: st.status,
        reason: st.reason,
        ruleId: st.entry?.id ?? '',
        source: st.source?.id ?? '',
        sourceTitle: st.source?.title ?? '',
        sourceWhere: st.source?.url ?? st.source?.document,
        confidence: st.confidence,
        since: st.entry?.from ?? null,
        nextChange,
      });
    }
  }
  return rows;
}

/** Days on which some entry starts or the day after one ends. */
function changeDates(policy: Policy): IsoDate[] {
  const out = new Set<IsoDate>();
  for (const e of policy.schedule) {
    if (e.from) out.add(e.from);
    if (e.to) out.add(addDays(e.to, 1));
  }
  return [...out].sort();
}

/** A dated rule (not a means) and whether it is in force on the as-of date. */
export interface PolicyRuleRow {
  id: string;
  title: string;
  active: boolean;
  from: IsoDate | null;
  to: IsoDate | null;
  value?: number | string | boolean;
  unit?: string;
  source: string;
  confidence: Confidence;
  note?: string;
}

/** The JSON form of `msscheck policy --json`. */
export interface PolicyReport {
  policy: VersionedSource & { title: string; description?: string };
  asOf: IsoDate;
  contexts: { id: string; title: string; description?: string; assumption?: string }[];
  /** Each means: what it is and how a run recognises it (the policy's `description` and `observedAs`). */
  means: { id: string; label: string; description?: string; observedAs?: string }[];
  rows: PolicyTableRow[];
  rules: PolicyRuleRow[];
  sources: Policy['sources'];
  timeline: { from: IsoDate; to: IsoDate };
}

export function policyReport(policy: Policy, asOf: IsoDate | Date, context?: string): PolicyReport {
  const day = asOfDate(asOf);
  const rows = policyTable(policy, day, context);
  return {
    policy: { ...policy.versioned, title: policy.title, ...(policy.description?.trim() ? { description: policy.description.trim() } : {}) },
    asOf: day,
    contexts: policy.contexts
      .filter((c) => context === undefined || c.id === context)
      .map((c) => ({ id: c.id, title: c.title, ...(c.description?.trim() ? { description: c.description.trim() } : {}), ...(c.assumption ? { assumption: c.assumption } : {}) })),
    means: policy.means.map((m) => ({ id: m.id, label: m.label, ...(m.description?.trim() ? { description: m.description.trim() } : {}), ...(m.observedAs?.trim() ? { observedAs: m.observedAs.trim() } : {}) })),
    rows,
    rules: policy.rules.map((r) => ({
      id: r.id,
      title: r.title,
      active: inRange(day, r.from, r.to),
      from: r.from ?? null,
      to: r.to ?? null,
      ...(r.value !== undefined ? { value: r.value } : {}),
      ...(r.unit !== undefined ? { unit: r.unit } : {}),
      source: r.source,
      confidence: r.confidence,
      ...(r.note ? { note: r.note } : {}),
    })),
    sources: policy.sources,
    timeline: timelineWindow(policy, day),
  };
}

/** Plain-text table: fixed columns, then the reason on an indented line under each row. */
export function renderPolicyTable(rows: PolicyTableRow[], tr: Translator = translator('en'), contexts: PolicyReport['contexts'] = []): string {
  const out: string[] = [];
  const byContext = new Map<string, PolicyTableRow[]>();
  for (const r of rows) byContext.set(r.context, [...(byContext.get(r.context) ?? []), r]);
  const status = (s: string): string => (tr.has(`means-status-${s}`) ? tr.t(`means-status-${s}`) : s);
  for (const [ctx, list] of byContext) {
    out.push(tr.t('policy-context', { context: ctx }));
    const about = contexts.find((c) => c.id === ctx)?.description;
    if (about) out.push(`  ${about}`);
    const cells = list.map((r) => [
      r.means,
      status(r.status).toUpperCase(),
      r.nextChange ? tr.t('policy-next-change', { status: status(r.nextChange.status), date: r.nextChange.date }) : tr.t('policy-no-change'),
      r.source ? `${r.source} [${r.confidence}]` : `[${r.confidence}]`,
    ]);
    const header = [tr.t('policy-col-means'), tr.t('policy-col-status'), tr.t('policy-col-next'), tr.t('policy-col-source')];
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    const line = (c: string[]): string => c.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
    out.push(`  ${line(header)}`);
    list.forEach((r, i) => {
      out.push(`  ${line(cells[i])}`);
      out.push(`      ${r.label}: ${r.reason}`);
    });
    out.push('');
  }
  return out.join('\n');
}

/** The whole `msscheck policy` text: heading, the table, the dated rules and the sources. */
export function renderPolicyReport(report: PolicyReport, tr: Translator = translator('en')): string {
  const out: string[] = [];
  const p = report.policy;
  out.push(tr.t('policy-heading', { id: p.id, version: p.version, source: p.source, title: p.title }));
  if (p.description) out.push(p.description);
  out.push(tr.t('policy-as-of', { date: report.asOf }));
  for (const c of report.contexts) if (c.assumption) out.push(tr.t('policy-assumption', { context: c.id, text: c.assumption }));
  out.push('');
  out.push(renderPolicyTable(report.rows, tr, report.contexts));
  const recognised = (report.means ?? []).filter((m) => m.observedAs || m.description);
  if (recognised.length) {
    out.push(tr.t('policy-means-heading'));
    for (const m of recognised) {
      out.push(`  ${m.id}: ${m.label}${m.description ? ` (${m.description})` : ''}`);
      if (m.observedAs) out.push(`      ${tr.t('policy-observed-as', { how: m.observedAs })}`);
    }
    out.push('');
  }
  if (report.rules.length) {
    out.push(tr.t('policy-dated-rules'));
    for (const r of report.rules) {
      const span = `${r.from ?? tr.t('policy-always')} .. ${r.to ?? tr.t('policy-open-ended')}`;
      const value = r.value !== undefined ? ` = ${String(r.value)}${r.unit ? ` ${r.unit}` : ''}` : '';
      out.push(`  ${tr.t(r.active ? 'policy-in-force' : 'policy-not-in-force')}  ${r.id}${value}  (${span})  ${r.source} [${r.confidence}]`);
      out.push(`      ${r.title}${r.note ? `; ${r.note}` : ''}`);
    }
    out.push('');
  }
  out.push(tr.t('policy-sources'));
  for (const s of report.sources) out.push(`  ${s.id} [${s.confidence}]: ${s.title}${s.url ? ` <${s.url}>` : s.document ? ` (${s.document})` : ''}${s.note ? `; ${s.note}` : ''}`);
  return out.join('\n') + '\n';
}
