/**
 * What changed between two reports (`msscheck diff OLD NEW`): scenarios that regressed, were fixed,
 * changed otherwise, appeared or disappeared; the verdict; the identification judgement and its
 * timeline; the certificates each endpoint presented. Works on any report of the model, tolerating
 * absent optional fields (an older report, a lint report with no target).
 *
 * A regression: a scenario now `fail` that was not; or `pass` now `warn`/`review`. Fixed: the
 * reverse (`fail` now pass/warn/review; warn/review now pass). Any other change of status (to or
 * from error, skip, not-applicable) is listed as changed, not judged: it says nothing about the
 * target's conformance. A scenario that appears failing is listed under appeared, not regressed
 * (the catalogue grew; it did not pass before).
 */
import type { Evidence, MeansJudgement, Report, ScenarioResult, Severity, Status } from '../model/result.js';
import { severityAtLeast } from '../model/result.js';

export interface ReportRef {
  source: string;
  kind: Report['kind'];
  tool: string;
  asOf: string;
  finishedAt: string;
  verdict: string;
  catalogue: string;
  policy: string;
}

export interface StatusChange {
  id: string;
  title: string;
  severity: Severity;
  from: Status;
  to: Status;
  reason?: string;
}

export interface PresenceChange {
  id: string;
  title: string;
  severity: Severity;
  status: Status;
}

export interface MeansChange {
  means: string;
  context?: string;
  change: 'appeared' | 'disappeared' | 'changed';
  from?: { status: string; compliantUntil: string | null; compliantFrom: string | null; declared: boolean; observed: number };
  to?: { status: string; compliantUntil: string | null; compliantFrom: string | null; declared: boolean; observed: number };
}

export interface CertificateSeen {
  sha256: string;
  subject: string;
  notAfter: string;
}

export interface EndpointCertificateChange {
  endpoint: string;
  /**
   * `both`: the endpoint presented a chain in both runs (added/removed/leaf compare them);
   * `old-only` / `new-only`: no chain was observed in the other run (unreachable, not selected), so
   * nothing is said about what it presents there.
   */
  observed: 'both' | 'old-only' | 'new-only';
  /** The leaf (first certificate) when it changed. */
  leaf?: { from?: CertificateSeen; to?: CertificateSeen; newExpiry: boolean };
  added: CertificateSeen[];
  removed: CertificateSeen[];
}

export interface ReportDiff {
  old: ReportRef;
  new: ReportRef;
  verdict?: { from: string; to: string };
  regressed: StatusChange[];
  fixed: StatusChange[];
  changed: StatusChange[];
  appeared: PresenceChange[];
  disappeared: PresenceChange[];
  identification: {
    verdict?: { from: string; to: string };
    firstNonCompliantDate?: { from: string | null; to: string | null };
    policy?: { from: string; to: string };
    means: MeansChange[];
  };
  certificates: EndpointCertificateChange[];
  /** True when a regression at or above the gate severity was found (exit 1). */
  regression: boolean;
  failOn: Severity;
}

const ref = (r: Report, source: string): ReportRef => ({
  source,
  kind: r.kind,
  tool: `${r.tool?.name ?? 'msscheck'} ${r.tool?.version ?? '?'}`,
  asOf: r.asOf,
  finishedAt: r.finishedAt,
  verdict: r.summary?.verdict ?? '?',
  catalogue: r.catalogue ? `${r.catalogue.id} ${r.catalogue.version}` : '?',
  policy: r.policy ? `${r.policy.id} ${r.policy.version}` : '?',
});

/** Classifies a change of status. */
export function classify(from: Status, to: Status): 'regressed' | 'fixed' | 'changed' | 'same' {
  if (from === to) return 'same';
  const softer = (s: Status) => s === 'warn' || s === 'review';
  if (to === 'fail') return 'regressed';
  if (from === 'pass' && softer(to)) return 'regressed';
  if (from === 'fail' && (to === 'pass' || softer(to))) return 'fixed';
  if (softer(from) && to === 'pass') return 'fixed';
  return 'changed';
}

function meansKey(m: MeansJudgement): string {
  return `${m.means}\u0000${m.context ?? ''}`;
}

function meansState(m: MeansJudgement): NonNullable<MeansChange['from']> {
  return { status: m.status, compliantUntil: m.compliantUntil ?? null, compliantFrom: m.compliantFrom ?? null, declared: !!m.declared, observed: Array.isArray(m.observed) ? m.observed.length : 0 };
}

function diffMeans(a: MeansJudgement[], b: MeansJudgement[]): MeansChange[] {
  const oldBy = new Map(a.map((m) => [meansKey(m), m]));
  const newBy = new Map(b.map((m) => [meansKey(m), m]));
  const out: MeansChange[] = [];
  for (const [k, m] of oldBy) {
    const n = newBy.get(k);
    if (!n) out.push({ means: m.means, context: m.context, change: 'disappeared', from: meansState(m) });
    else {
      const from = meansState(m);
      const to = meansState(n);
      if (JSON.stringify(from) !== JSON.stringify(to)) out.push({ means: m.means, context: m.context, change: 'changed', from, to });
    }
  }
  for (const [k, n] of newBy) if (!oldBy.has(k)) out.push({ means: n.means, context: n.context, change: 'appeared', to: meansState(n) });
  return out;
}

/** Per endpoint, the certificates (by SHA-256) its chain evidence showed, and its leaf. */
interface EndpointCertificates {
  leaf?: CertificateSeen;
  all: Map<string, CertificateSeen>;
}

export function certificatesSeen(r: Report): Map<string, EndpointCertificates> {
  const out = new Map<string, EndpointCertificates>();
  for (const s of r.scenarios ?? []) {
    for (const e of (s.evidence ?? []) as Evidence[]) {
      if (e.kind !== 'certificate-chain' || typeof e.data !== 'object' || e.data === null) continue;
      const d = e.data as { endpoint?: unknown; certificates?: unknown };
      if (typeof d.endpoint !== 'string' || !Array.isArray(d.certificates)) continue;
      const entry: EndpointCertificates = out.get(d.endpoint) ?? { all: new Map() };
      out.set(d.endpoint, entry);
      d.certificates.forEach((c: { sha256?: unknown; subject?: unknown; notAfter?: unknown }, i: number) => {
        if (typeof c?.sha256 !== 'string') return;
        const seen = { sha256: c.sha256, subject: String(c.subject ?? ''), notAfter: String(c.notAfter ?? '') };
        entry.all.set(seen.sha256, seen);
        if (i === 0 && !entry.leaf) entry.leaf = seen;
      });
    }
  }
  return out;
}

function diffCertificates(a: Report, b: Report): EndpointCertificateChange[] {
  const oldC = certificatesSeen(a);
  const newC = certificatesSeen(b);
  const out: EndpointCertificateChange[] = [];
  for (const endpoint of [...new Set([...oldC.keys(), ...newC.keys()])].sort()) {
    const o = oldC.get(endpoint);
    const n = newC.get(endpoint);
    if (!o || !n) {
      out.push({ endpoint, observed: o ? 'old-only' : 'new-only', added: [], removed: [] });
      continue;
    }
    const added = [...(n?.all.values() ?? [])].filter((c) => !o?.all.has(c.sha256));
    const removed = [...(o?.all.values() ?? [])].filter((c) => !n?.all.has(c.sha256));
    const leafChanged = o?.leaf?.sha256 !== n?.leaf?.sha256;
    if (!added.length && !removed.length && !leafChanged) continue;
    out.push({
      endpoint,
      observed: 'both',
      leaf: leafChanged ? { from: o?.leaf, to: n?.leaf, newExpiry: o?.leaf?.notAfter !== n?.leaf?.notAfter } : undefined,
      added,
      removed,
    });
  }
  return out;
}

export function diffReports(a: Report, b: Report, opts: { oldSource?: string; newSource?: string; failOn?: Severity } = {}): ReportDiff {
  const failOn = opts.failOn ?? 'info';
  const oldBy = new Map<string, ScenarioResult>((a.scenarios ?? []).map((s) => [s.id, s]));
  const newBy = new Map<string, ScenarioResult>((b.scenarios ?? []).map((s) => [s.id, s]));
  const regressed: StatusChange[] = [];
  const fixed: StatusChange[] = [];
  const changed: StatusChange[] = [];
  const appeared: PresenceChange[] = [];
  const disappeared: PresenceChange[] = [];
  for (const [id, o] of oldBy) {
    const n = newBy.get(id);
    if (!n) {
      disappeared.push({ id, title: o.title, severity: o.severity, status: o.status });
      continue;
    }
    const c = classify(o.status, n.status);
    if (c === 'same') continue;
    const change: StatusChange = { id, title: n.title, severity: n.severity, from: o.status, to: n.status, reason: n.reason };
    (c === 'regressed' ? regressed : c === 'fixed' ? fixed : changed).push(change);
  }
  for (const [id, n] of newBy) if (!oldBy.has(id)) appeared.push({ id, title: n.title, severity: n.severity, status: n.status });

  const ia = a.identification;
  const ib = b.identification;
  const identification: ReportDiff['identification'] = { means: diffMeans(ia?.means ?? [], ib?.means ?? []) };
  if ((ia?.verdict ?? 'none') !== (ib?.verdict ?? 'none')) identification.verdict = { from: ia?.verdict ?? 'none', to: ib?.verdict ?? 'none' };
  if ((ia?.firstNonCompliantDate ?? null) !== (ib?.firstNonCompliantDate ?? null)) identification.firstNonCompliantDate = { from: ia?.firstNonCompliantDate ?? null, to: ib?.firstNonCompliantDate ?? null };
  const pa = ia?.policy ? `${ia.policy.id} ${ia.policy.version}` : 'none';
  const pb = ib?.policy ? `${ib.policy.id} ${ib.policy.version}` : 'none';
  if (pa !== pb) identification.policy = { from: pa, to: pb };

  const verdictFrom = a.summary?.verdict ?? '?';
  const verdictTo = b.summary?.verdict ?? '?';
  return {
    old: ref(a, opts.oldSource ?? 'old'),
    new: ref(b, opts.newSource ?? 'new'),
    verdict: verdictFrom !== verdictTo ? { from: verdictFrom, to: verdictTo } : undefined,
    regressed,
    fixed,
    changed,
    appeared,
    disappeared,
    identification,
    certificates: diffCertificates(a, b),
    regression: regressed.some((r) => severityAtLeast(r.severity, failOn)),
    failOn,
  };
}
