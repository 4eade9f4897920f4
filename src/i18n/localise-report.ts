/**
 * A report as a user reads it in their language: the same Report with its data texts (scenario
 * and variant titles, assertion descriptions, assumptions, requirement summaries, identification
 * means labels and reasons) replaced by their translations. report.json stays the canonical
 * English record; the renderers a person reads (console, HTML, Markdown, JUnit) get this copy.
 * Texts without a translation (or with a stale one) stay in English.
 */
import { localiseSourceCitation } from './source-citation.js';
import type { AssertionResult, IdentificationJudgement, MeansJudgement, ObservedMethod, Report, ScenarioResult } from '../model/result.js';
import type { DataLocaliser } from './data.js';
import type { PolicyReport } from '../policy/table.js';
import { translator } from './index.js';
import { sayOr, type Phrase } from './phrase.js';
import { insDerogationLine } from './ins-derogation-line.js';

/** A text the engine wrote with its phrase: the phrase in `lang`; the English text when there is no phrase. */
type Say = (english: string, p: Phrase | undefined) => string;

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

function localiseAssertion(a: AssertionResult, scenarioId: string, loc: DataLocaliser, scenarioData: boolean, say: Say): AssertionResult {
  return {
    ...a,
    description: scenarioData ? loc.assertionDescription(scenarioId, a, a.description) : a.descriptionPhrase ? say(a.description, a.descriptionPhrase) : loc.ruleTitle(scenarioId, a.description),
    ...(a.foundPhrase ? { found: say(typeof a.found === 'string' ? a.found : JSON.stringify(a.found), a.foundPhrase) } : {}),
    ...(a.downgrade ? { downgrade: { ...a.downgrade, reason: say(a.downgrade.reason, a.downgrade.reasonPhrase) } } : {}),
    ...(a.requirementDetails ? { requirementDetails: a.requirementDetails.map((d) => ({ ...d, summary: loc.requirementSummary(d.id, d.summary), source: localiseSourceCitation(d.source, translator(loc.lang)) })) } : {}),
  };
}

/** One scenario result in the localiser's language (`kind` says whether it comes from a scenario file or a message lint rule). */
export function localiseScenarioResult(r: ScenarioResult, loc: DataLocaliser, kind: Report['kind'] = 'run'): ScenarioResult {
  if (loc.lang === 'en') return r;
  const fromScenario = kind === 'run';
  // An assertion's English description inside a phrase (`what`) is shown as the assertion is.
  const descriptions = new Map<string, string>();
  const tr = translator(loc.lang);
  // Other strings inside a phrase: another scenario's assertion (a positive control's, quoted), one of the scenario's own `reason` texts, or a protocol data text (a reply meaning, an OAuth error's meaning or fix).
  const other = (s: string): string => {
    const reason = loc.scenarioReason(r.scenarioId, s);
    if (reason !== s) return reason;
    const assertion = loc.anyAssertionDescription(s);
    return assertion !== s ? assertion : loc.protocolText(s);
  };
  const say: Say = (english, p) => sayOr(english, p, tr, (s) => descriptions.get(s) ?? (fromScenario ? other(s) : s));
  const assertions = r.assertions.map((a) => localiseAssertion(a, r.scenarioId, loc, fromScenario, (e, p) => say(e, p)));
  r.assertions.forEach((a, i) => descriptions.set(a.description, assertions[i]!.description));
  let reason = r.reasonPhrase && r.reason !== undefined ? say(r.reason, r.reasonPhrase) : r.reason;
  if (reason && fromScenario && !r.reasonPhrase) {
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
    steps: r.steps.map((st) => (st.messagePhrase && st.message !== undefined ? { ...st, message: say(st.message, st.messagePhrase) } : st)),
    evidence: r.evidence.map((e) => (e.titlePhrase ? { ...e, title: say(e.title, e.titlePhrase) } : e)),
    ...(r.observedMethods ? { observedMethods: r.observedMethods.map((o) => localiseObserved(o, loc.lang)) } : {}),
  };
}

/** How a method was seen accepted, in `lang` (its phrase; English when it has none). */
function localiseObserved(o: ObservedMethod, lang: DataLocaliser['lang']): ObservedMethod {
  return o.detailPhrase ? { ...o, detail: sayOr(o.detail, o.detailPhrase, translator(lang)) } : o;
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

/** A source as src/policy/evaluate.ts `sourceLabel` writes it, `Title <url> [id]` or `Title (document) [id]`, with its title translated. */
function sourceLabel(policyId: string, label: string, loc: DataLocaliser): string {
  const id = /\[([^\]]+)\]$/.exec(label)?.[1];
  if (!id) return label;
  for (let at = label.indexOf(' '); at > 0; at = label.indexOf(' ', at + 1)) {
    if (!/^ [<([]/.test(label.slice(at, at + 2))) continue;
    const title = label.slice(0, at);
    const fr = loc.text('policy', [policyId, 'sources', id, 'title'], title);
    if (fr !== title) return `${fr}${label.slice(at)}`;
  }
  return label;
}

function localiseIdentification(j: IdentificationJudgement, loc: DataLocaliser): IdentificationJudgement {
  const policyId = j.policy.id;
  const means: MeansJudgement[] = j.means.map((m) => ({
    ...m,
    label: meansLabel(policyId, m, loc),
    reason: loc.policyReason(policyId, undefined, m.reason),
    source: sourceLabel(policyId, m.source, loc),
    observed: m.observed.map((o) => localiseObserved(o, loc.lang)),
  }));
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

/**
 * One line of Report.assumptions (src/policy/run-assumptions.ts, lintAssumptions of
 * src/message/lint-command.ts): `SCENARIO-ID: …` (or `RULE-ID: …` for message rules),
 * `ID [C] (catalogue): …`, `message rules: …`, the unconfirmed rules and the INS derogation.
 */
function localiseAssumption(line: string, loc: DataLocaliser, kind: Report['kind']): string {
  const tr = translator(loc.lang);
  const rules = /^message rules: (.+)$/s.exec(line);
  if (rules) return tr.t('assumption-message-rules', { text: localiseAssumption(rules[1]!, loc, 'lint-message') });
  const req = /^(\S+) \[([PS?])\] \(catalogue\): (.+)$/s.exec(line);
  if (req) return tr.t('assumption-catalogue', { id: req[1]!, confidence: req[2]!, text: loc.requirementAssumption(req[1]!, req[3]!) });
  const unconfirmed = /^Rules resting on implementers' notes or unconfirmed sources \(MSSANTE\.md \[S\]\/\[\?\]\): (.+); their values are data in (.+)\.$/s.exec(line);
  if (unconfirmed) return tr.t('assumption-rules-unconfirmed', { rules: unconfirmed[1]!, path: unconfirmed[2]! });
  const ins = /^INS derogation \((.+)\): active (?:from (\S+) )?(?:until (\S+)|with no end date)( \(placeholder: the policy has no ins-derogation rule\))?\.$/s.exec(line);
  if (ins) return insDerogationLine({ id: '', source: ins[1]!, activeFrom: ins[2], activeUntil: ins[3] ?? null }, ins[4] !== undefined, tr);
  const m = /^([A-Z0-9]+(?:-[A-Z0-9]+)*): (.+)$/s.exec(line);
  if (!m) return line;
  const text = kind === 'run' ? loc.scenarioAssumption(m[1]!, m[2]!) : loc.text('rules', [m[1]!, 'assumption'], m[2]!);
  return tr.t('assumption-line', { id: m[1]!, text });
}

/** The redaction note the engine and message lint write, in the user's language (a note given by the caller stays as it is). */
function localiseRedactionNote(note: string, lang: DataLocaliser['lang']): string {
  for (const id of ['redaction-note-run', 'redaction-note-lint']) if (note === translator('en').t(id)) return translator(lang).t(id);
  return note;
}

/** The report with its data texts in the localiser's language (the same object for English). */
export function localiseReport(report: Report, loc: DataLocaliser): Report {
  if (loc.lang === 'en') return report;
  return {
    ...report,
    scenarios: report.scenarios.map((s) => localiseScenarioResult(s, loc, report.kind)),
    assumptions: report.assumptions.map((a) => localiseAssumption(a, loc, report.kind)),
    ...(report.redaction ? { redaction: { ...report.redaction, note: localiseRedactionNote(report.redaction.note, loc.lang) } } : {}),
    ...(report.identification ? { identification: localiseIdentification(report.identification, loc) } : {}),
  };
}

/** `msscheck policy`'s table in the localiser's language: policy and context titles, means labels, reasons, dated rule titles. */
export function localisePolicyReport(report: PolicyReport, loc: DataLocaliser): PolicyReport {
  if (loc.lang === 'en') return report;
  const id = report.policy.id;
  const opt = (path: string[], en: string | undefined): string | undefined => (en === undefined ? undefined : loc.text('policy', [id, ...path], en));
  return {
    ...report,
    policy: { ...report.policy, title: loc.policyTitle(id, report.policy.title), ...(report.policy.description ? { description: opt(['description'], report.policy.description) } : {}) },
    contexts: report.contexts.map((c) => ({
      ...c,
      title: loc.contextTitle(id, c.id, c.title),
      ...(c.description ? { description: opt(['contexts', c.id, 'description'], c.description) } : {}),
      ...(c.assumption ? { assumption: opt(['contexts', c.id, 'assumption'], c.assumption) } : {}),
    })),
    means: (report.means ?? []).map((m) => ({
      ...m,
      label: loc.meansLabel(id, m.id, m.label),
      ...(m.description ? { description: opt(['means', m.id, 'description'], m.description) } : {}),
      ...(m.observedAs ? { observedAs: opt(['means', m.id, 'observedAs'], m.observedAs) } : {}),
    })),
    sources: report.sources.map((s) => ({ ...s, title: loc.text('policy', [id, 'sources', s.id, 'title'], s.title), ...(s.note ? { note: loc.text('policy', [id, 'sources', s.id, 'note'], s.note) } : {}) })),
    rows: report.rows.map((r) => ({
      ...r,
      label: loc.meansLabel(id, r.means, r.label),
      reason: loc.policyReason(id, r.ruleId || undefined, r.reason),
      nextChange: r.nextChange && { ...r.nextChange, reason: loc.policyReason(id, r.nextChange.ruleId || undefined, r.nextChange.reason) },
    })),
    rules: report.rules.map((r) => ({ ...r, title: loc.policyRuleTitle(id, r.id, r.title), ...(r.note ? { note: loc.text('policy', [id, 'rules', r.id, 'note'], r.note) } : {}) })),
  };
}
