/**
 * A report as a user reads it in their language: the same Report with its data texts (scenario
 * and variant titles, assertion descriptions, assumptions, requirement summaries, identification
 * means labels and reasons) replaced by their translations. report.json stays the canonical
 * English record; the renderers a person reads (console, HTML, Markdown, JUnit) get this copy.
 * Texts without a translation (or with a stale one) stay in English.
 */
import type { AssertionResult, IdentificationJudgement, MeansJudgement, Report, ScenarioResult } from '../model/result.js';
import type { DataLocaliser } from './data.js';
import type { PolicyReport } from '../policy/table.js';

/** A scenario instance's title, `Title (variant)` as src/scenarios/loader.ts composes it, translated part by part. */
export function instanceTitle(r: Pick<ScenarioResult, 'scenarioId' | 'variant' | 'title'>, loc: DataLocaliser): string {
  if (r.variant === undefined) return loc.scenarioTitle(r.scenarioId, r.title);
  for (const at of splitPoints(r.title)) {
    const en = r.title.slice(0, at);
    const variantEn = r.title.slice(at + 2, -1);
    const title = loc.scenarioTitle(r.scenarioId, en);
    if (title !== en) return `${title} (${loc.variantTitle(r.scenarioId, r.variant, variantEn)})`;
  }
  return r.title;
}

/** Indexes of ` (` in a text ending with `)`, where `<head> (<tail>)` may split it, last first. */
function splitPoints(text: string): number[] {
  if (!text.endsWith(')')) return [];
  const out: number[] = [];
  for (let i = text.indexOf(' ('); i >= 0; i = text.indexOf(' (', i + 1)) out.push(i);
  return out.reverse();
}

/** A message lint result is titled `<rule title> — <file>` (src/message/lint-command.ts). */
function lintTitle(r: ScenarioResult, loc: DataLocaliser): string {
  const at = r.title.lastIndexOf(' — ');
  if (at < 0) return loc.ruleTitle(r.scenarioId, r.title);
  return `${loc.ruleTitle(r.scenarioId, r.title.slice(0, at))}${r.title.slice(at)}`;
}

function localiseAssertion(a: AssertionResult, scenarioId: string, loc: DataLocaliser, scenarioData: boolean): AssertionResult {
  return {
    ...a,
    description: scenarioData ? loc.assertionDescription(scenarioId, a, a.description) : a.description,
    ...(a.requirementDetails ? { requirementDetails: a.requirementDetails.map((d) => ({ ...d, summary: loc.requirementSummary(d.id, d.summary) })) } : {}),
  };
}

/** One scenario result in the localiser's language (`kind` says whether it comes from a scenario file or a message lint rule). */
export function localiseScenarioResult(r: ScenarioResult, loc: DataLocaliser, kind: Report['kind'] = 'run'): ScenarioResult {
  if (loc.lang === 'en') return r;
  const fromScenario = kind === 'run';
  const assertions = r.assertions.map((a) => localiseAssertion(a, r.scenarioId, loc, fromScenario));
  let reason = r.reason;
  if (reason && fromScenario) {
    // The engine's reason opens with the deciding assertion's description (src/engine/run.ts).
    const i = r.assertions.findIndex((a) => reason!.startsWith(`${a.description}: `));
    if (i >= 0) reason = `${assertions[i]!.description}${reason.slice(r.assertions[i]!.description.length)}`;
  }
  return {
    ...r,
    title: fromScenario ? instanceTitle(r, loc) : lintTitle(r, loc),
    ...(r.assumption ? { assumption: fromScenario ? loc.scenarioAssumption(r.scenarioId, r.assumption) : r.assumption } : {}),
    ...(reason !== undefined ? { reason } : {}),
    assertions,
  };
}

/** A means label, or `<means label> (<context title>)` for a means judged in another context (src/policy/evaluate.ts). */
function meansLabel(policyId: string, m: { means: string; label: string; context?: string }, loc: DataLocaliser): string {
  if (m.context === undefined) return loc.meansLabel(policyId, m.means, m.label);
  for (const at of splitPoints(m.label)) {
    const base = m.label.slice(0, at);
    const label = loc.meansLabel(policyId, m.means, base);
    if (label !== base) return `${label} (${loc.contextTitle(policyId, m.context, m.label.slice(at + 2, -1))})`;
  }
  return m.label;
}

function localiseIdentification(j: IdentificationJudgement, loc: DataLocaliser): IdentificationJudgement {
  const policyId = j.policy.id;
  const means: MeansJudgement[] = j.means.map((m) => ({ ...m, label: meansLabel(policyId, m, loc), reason: loc.policyReason(policyId, undefined, m.reason) }));
  return {
    ...j,
    means,
    // Rows are built in the order of the judged means; a row's context is its means judgement's.
    timeline: {
      ...j.timeline,
      rows: j.timeline.rows.map((row, i) => ({ ...row, label: meansLabel(policyId, { means: row.means, label: row.label, context: j.means[i]?.means === row.means ? j.means[i]!.context : undefined }, loc) })),
    },
  };
}

/** `SCENARIO-ID: assumption` lines of Report.assumptions (src/cli/run-target.ts). */
function localiseAssumption(line: string, loc: DataLocaliser): string {
  const m = /^([A-Z0-9]+(?:-[A-Z0-9]+)*): (.+)$/s.exec(line);
  return m ? `${m[1]}: ${loc.scenarioAssumption(m[1]!, m[2]!)}` : line;
}

/** The report with its data texts in the localiser's language (the same object for English). */
export function localiseReport(report: Report, loc: DataLocaliser): Report {
  if (loc.lang === 'en') return report;
  return {
    ...report,
    scenarios: report.scenarios.map((s) => localiseScenarioResult(s, loc, report.kind)),
    assumptions: report.kind === 'run' ? report.assumptions.map((a) => localiseAssumption(a, loc)) : report.assumptions,
    ...(report.identification ? { identification: localiseIdentification(report.identification, loc) } : {}),
  };
}

/** `msscheck policy`'s table in the localiser's language: policy and context titles, means labels, reasons, dated rule titles. */
export function localisePolicyReport(report: PolicyReport, loc: DataLocaliser): PolicyReport {
  if (loc.lang === 'en') return report;
  const id = report.policy.id;
  return {
    ...report,
    policy: { ...report.policy, title: loc.policyTitle(id, report.policy.title) },
    contexts: report.contexts.map((c) => ({ ...c, title: loc.contextTitle(id, c.id, c.title), ...(c.assumption ? { assumption: loc.text('policy', [id, 'contexts', c.id, 'assumption'], c.assumption) } : {}) })),
    rows: report.rows.map((r) => ({
      ...r,
      label: loc.meansLabel(id, r.means, r.label),
      reason: loc.policyReason(id, r.ruleId || undefined, r.reason),
      nextChange: r.nextChange && { ...r.nextChange, reason: loc.policyReason(id, r.nextChange.ruleId || undefined, r.nextChange.reason) },
    })),
    rules: report.rules.map((r) => ({ ...r, title: loc.policyRuleTitle(id, r.id, r.title) })),
  };
}
