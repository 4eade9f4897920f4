import type {
  Confidence,
  IdentificationJudgement,
  MeansJudgement,
  MeansStatus,
  ObservedMethod,
  TimelineSegment,
} from '../model/result.js';
import { InputError, saying } from '../util/input-error.js';
import { phrase } from '../i18n/phrase.js';
import { addDays, asOfDate, inRange, maxDate, minDate, type IsoDate } from './dates.js';
import type { DatedRule, Policy, PolicySource, ScheduleEntry } from './types.js';

/** The status of one means in one context on one day, and the entry of the policy that says so. */
export interface StatusOn {
  means: string;
  context: string;
  date: IsoDate;
  status: MeansStatus;
  /** The schedule entry that applies (absent when the status is `unknown`). */
  entry?: ScheduleEntry;
  reason: string;
  source?: PolicySource;
  confidence: Confidence;
}

/** Allowed or tolerated: the means may be used on that day. */
export function isCompliantStatus(status: MeansStatus): boolean {
  return status === 'allowed' || status === 'tolerated';
}

/** Status of `means` in `context` on `date` (a calendar day, YYYY-MM-DD). */
export function statusOn(policy: Policy, means: string, context: string, date: IsoDate | Date): StatusOn {
  const day = asOfDate(date, 'date');
  const base = { means, context, date: day, confidence: '?' as Confidence };
  if (!policy.means.some((m) => m.id === means)) {
    return { ...base, status: 'unknown', reason: `means "${means}" is not defined in policy ${policy.id}, so it cannot be shown compliant` };
  }
  if (!policy.contexts.some((c) => c.id === context)) {
    return { ...base, status: 'unknown', reason: `context "${context}" is not defined in policy ${policy.id}` };
  }
  const entry = policy.schedule.find((e) => e.means.includes(means) && e.contexts.includes(context) && inRange(day, e.from, e.to));
  if (!entry) {
    return { ...base, status: 'unknown', reason: `policy ${policy.id} gives no status to ${means} in context ${context} on ${day}, so it cannot be shown compliant` };
  }
  return {
    ...base,
    status: entry.status,
    entry,
    reason: entry.reason,
    source: policy.sources.find((s) => s.id === entry.source),
    confidence: entry.confidence,
  };
}

/** A context id given on the command line or by the target must be one the policy defines. */
export function checkContext(policy: Policy, context: string, field = '--context'): void {
  if (!policy.contexts.some((c) => c.id === context)) {
    throw new InputError({
      field,
      ...saying(phrase('policy-unknown-context', { context, policy: policy.id }), phrase('flag-use-one-of', { values: policy.contexts.map((c) => c.id).join(', ') })),
    });
  }
}

/** Means ids (declared by a target, say) that the policy does not define. */
export function unknownMeans(policy: Policy, ids: string[]): string[] {
  return ids.filter((id) => !policy.means.some((m) => m.id === id));
}

/** The dated rule `id` (e.g. `ins-derogation`), or undefined when the policy has none. */
export function findRule(policy: Policy, id: string): DatedRule | undefined {
  return policy.rules.find((r) => r.id === id);
}

/** Whether the dated rule `id` is in force on `date`; undefined when the policy has no such rule. */
export function ruleActiveOn(policy: Policy, id: string, date: IsoDate | Date): boolean | undefined {
  const rule = findRule(policy, id);
  return rule ? inRange(asOfDate(date, 'date'), rule.from, rule.to) : undefined;
}

/** "Title <url> [id]": a source as one line of a report. */
export function sourceLabel(source: PolicySource | undefined, fallback = 'no source'): string {
  if (!source) return fallback;
  const where = source.url ? ` <${source.url}>` : source.document ? ` (${source.document})` : '';
  return `${source.title}${where} [${source.id}]`;
}

/** Every day on which some status of the policy can change: each `from` and each day after a `to`. */
function boundaryDates(policy: Policy): IsoDate[] {
  const out = new Set<IsoDate>();
  for (const e of [...policy.schedule, ...policy.rules]) {
    if (e.from) out.add(e.from);
    if (e.to) out.add(addDays(e.to, 1));
  }
  return [...out].sort();
}

/**
 * The span a timeline shows: from 1 January of the earliest year to 31 December of the latest year
 * among the policy's change dates and the as-of date. Every change of the policy lies inside it,
 * so the last segment of every row is open-ended.
 */
export function timelineWindow(policy: Policy, asOf: IsoDate): { from: IsoDate; to: IsoDate } {
  const dates = boundaryDates(policy);
  const first = dates.length ? minDate(dates[0], asOf) : asOf;
  const last = dates.length ? maxDate(dates[dates.length - 1], asOf) : asOf;
  return { from: `${first.slice(0, 4)}-01-01`, to: `${last.slice(0, 4)}-12-31` };
}

/**
 * The coloured stretches of one means in one context from `from` on: [from, to) half-open, the last
 * one open-ended (`to: null`). A new segment starts wherever the status or the applying entry changes.
 */
export function meansSegments(policy: Policy, means: string, context: string, from: IsoDate): TimelineSegment[] {
  const starts = [from, ...boundaryDates(policy).filter((d) => d > from)];
  const segments: TimelineSegment[] = [];
  for (const start of starts) {
    const st = statusOn(policy, means, context, start);
    const ruleId = st.entry?.id ?? '';
    const prev = segments[segments.length - 1];
    if (prev && prev.status === st.status && prev.ruleId === ruleId) continue;
    if (prev) prev.to = start;
    segments.push({ from: start, to: null, status: st.status, ruleId });
  }
  return segments;
}

/** Merges segments into stretches where the means is compliant (allowed or tolerated) or not. */
function compliantStretches(segments: TimelineSegment[]): { from: IsoDate; to: IsoDate | null; compliant: boolean }[] {
  const out: { from: IsoDate; to: IsoDate | null; compliant: boolean }[] = [];
  for (const s of segments) {
    const compliant = isCompliantStatus(s.status);
    const prev = out[out.length - 1];
    if (prev && prev.compliant === compliant) prev.to = s.to;
    else out.push({ from: s.from, to: s.to, compliant });
  }
  return out;
}

const covers = (s: { from: IsoDate; to: IsoDate | null }, day: IsoDate): boolean => s.from <= day && (s.to === null || day < s.to);

/** The policy means id of "means homologated for this use" (EXI 03). */
export const HOMOLOGATED = 'homologated';

export interface JudgeTargetInput {
  policy: Policy;
  /** Means ids the target profile declares (`auth.declared`). */
  declared: string[];
  /** Means the probes saw the target accept. */
  observed: ObservedMethod[];
  /** Policy context id, e.g. `sensitive-service`. */
  context: string;
  /** The as-of date: `YYYY-MM-DD` or a Date (its UTC calendar day). */
  asOf: IsoDate | Date;
  /**
   * Means the target declares homologated for a use (EXI 03: "moyens homologués pour cet usage"),
   * with the homologation's reference: judged by the policy's `homologated` entries in that context.
   */
  homologated?: { means: string; context?: string; reference: string }[];
}

/**
 * Judges the identification means a target uses (declared or observed) on the as-of date, and draws
 * the timeline. A means is compliant on a day when the policy says `allowed` or `tolerated`; a means
 * the policy does not rule on (`unknown`) cannot be shown compliant and counts against the target.
 */
export function judgeTarget(input: JudgeTargetInput): IdentificationJudgement {
  const { policy, context } = input;
  const asOf = asOfDate(input.asOf);
  checkContext(policy, context, 'context');
  const window = timelineWindow(policy, asOf);
  // A means is judged in the context it serves: declared means in the target's context, an observed
  // means in the context its endpoint declares (e.g. a patient-facing OTP login), else the target's.
  const pairs = new Map<string, { id: string; context: string }>();
  for (const id of input.declared) pairs.set(`${id}|${context}`, { id, context });
  for (const o of input.observed) {
    const c = o.context ?? context;
    if (c !== context) checkContext(policy, c, 'observed method context');
    pairs.set(`${o.means}|${c}`, { id: o.means, context: c });
  }

  const rows: IdentificationJudgement['timeline']['rows'] = [];
  const means: MeansJudgement[] = [...pairs.values()].map(({ id, context: c }) => {
    const homologation = input.homologated?.find((h) => h.means === id && (h.context ?? context) === c);
    const judgedAs = homologation && policy.means.some((m) => m.id === HOMOLOGATED) ? HOMOLOGATED : id;
    const named = policy.means.find((m) => m.id === id)?.label ?? id;
    const base = homologation ? `${named}, homologated for this use (${homologation.reference})` : named;
    const label = c === context ? base : `${base} (${policy.contexts.find((x) => x.id === c)?.title ?? c})`;
    const judged = statusOn(policy, judgedAs, c, asOf);
    const st = homologation ? { ...judged, reason: `declared homologated for ${c} (reference ${homologation.reference}), so judged as a homologated means: ${judged.reason}` } : judged;
    const segments = meansSegments(policy, judgedAs, c, window.from);
    rows.push({ means: id, label, segments });
    const stretches = compliantStretches(segments);
    const current = stretches.find((s) => covers(s, asOf))!;
    let compliantUntil: IsoDate | null = null;
    let compliantFrom: IsoDate | null = null;
    if (current.compliant) {
      compliantUntil = current.to === null ? null : addDays(current.to, -1);
      compliantFrom = current.from > window.from ? current.from : null;
    } else {
      const before = stretches.filter((s) => s.compliant && s.to !== null && s.to <= asOf).pop();
      compliantUntil = before?.to ? addDays(before.to, -1) : null;
      const after = stretches.find((s) => s.compliant && s.from > asOf);
      compliantFrom = after ? after.from : null;
    }
    return {
      means: id,
      label,
      ...(c === context ? {} : { context: c }),
      declared: c === context && input.declared.includes(id),
      observed: input.observed.filter((o) => o.means === id && (o.context ?? context) === c),
      status: st.status,
      reason: st.reason,
      source: sourceLabel(st.source, `policy ${policy.id}`),
      confidence: st.confidence,
      compliantUntil,
      compliantFrom,
    };
  });

  const verdict: IdentificationJudgement['verdict'] =
    means.length === 0 ? 'no-means' : means.every((m) => isCompliantStatus(m.status)) ? 'compliant' : 'non-compliant';
  return {
    policy: policy.versioned,
    asOf,
    context,
    means,
    verdict,
    firstNonCompliantDate: firstNonCompliantDate(rows.map((r) => r.segments)),
    timeline: { from: window.from, to: window.to, rows },
  };
}

/** First day on which some row is neither allowed nor tolerated (segments all start at the same day). */
function firstNonCompliantDate(rows: TimelineSegment[][]): IsoDate | null {
  const starts = [...new Set(rows.flat().map((s) => s.from))].sort();
  for (const day of starts) {
    if (rows.some((segments) => !isCompliantStatus(segments.find((s) => covers(s, day))!.status))) return day;
  }
  return null;
}
