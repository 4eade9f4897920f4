import type { Confidence, VersionedSource } from '../model/result.js';
import { translator, type Translator } from '../i18n/index.js';
import type { ScenarioSpec } from '../scenarios/types.js';
import { findRequirement, type Requirement, type RequirementCatalogue } from './catalogue.js';

/** What coverage needs to know of a scenario: its id, title and every requirement id it cites. */
export interface ScenarioRef {
  id: string;
  title?: string;
  requirements: string[];
}

/** The requirement ids a scenario cites: its own and those of its assertions, without repeats. */
export function scenarioRefs(specs: ScenarioSpec[]): ScenarioRef[] {
  return specs.map((s) => ({
    id: s.id,
    title: s.title,
    requirements: [...new Set([...s.requirements, ...s.steps.flatMap((st) => (st.expect ?? []).flatMap((a) => a.requirements ?? []))])],
  }));
}

export interface CoverageReport {
  catalogue: VersionedSource;
  totals: { requirements: number; covered: number; coveredByTwin: number; uncovered: number; scenarios: number; unknownCitations: number };
  /** Requirements cited directly by at least one scenario. */
  covered: { id: string; scenarios: string[] }[];
  /** Requirements no scenario cites, but a twin of theirs is cited. */
  coveredByTwin: { id: string; twins: string[]; scenarios: string[] }[];
  /** Requirements neither cited nor covered through a twin. */
  uncovered: { id: string; documentId: string; confidence: Confidence; verification?: Requirement['verification'] }[];
  /** Scenarios citing ids the catalogue lacks (a defect of the scenario or of the catalogue). */
  unknown: { scenario: string; ids: string[]; suggestions: Record<string, string> }[];
}

/** Which requirements have scenarios, which do not, and which scenarios cite unknown ids. */
export function requirementCoverage(catalogue: RequirementCatalogue, scenarios: ScenarioRef[]): CoverageReport {
  const citedBy = new Map<string, string[]>();
  const unknown: CoverageReport['unknown'] = [];
  for (const s of scenarios) {
    const bad: string[] = [];
    const suggestions: Record<string, string> = {};
    for (const id of new Set(s.requirements)) {
      if (catalogue.byId.has(id)) citedBy.set(id, [...(citedBy.get(id) ?? []), s.id]);
      else {
        bad.push(id);
        const near = findRequirement(catalogue, id);
        if (near) suggestions[id] = near.id;
      }
    }
    if (bad.length) unknown.push({ scenario: s.id, ids: bad, suggestions });
  }
  const covered: CoverageReport['covered'] = [];
  const coveredByTwin: CoverageReport['coveredByTwin'] = [];
  const uncovered: CoverageReport['uncovered'] = [];
  for (const r of catalogue.requirements) {
    const direct = citedBy.get(r.id);
    if (direct) {
      covered.push({ id: r.id, scenarios: direct });
      continue;
    }
    const twins = r.twins.filter((t) => citedBy.has(t));
    if (twins.length) coveredByTwin.push({ id: r.id, twins, scenarios: [...new Set(twins.flatMap((t) => citedBy.get(t)!))] });
    else uncovered.push({ id: r.id, documentId: r.documentId, confidence: r.confidence, ...(r.verification && r.verification !== 'operator' ? { verification: r.verification } : {}) });
  }
  return {
    catalogue: catalogue.versioned,
    totals: {
      requirements: catalogue.requirements.length,
      covered: covered.length,
      coveredByTwin: coveredByTwin.length,
      uncovered: uncovered.length,
      scenarios: scenarios.length,
      unknownCitations: unknown.reduce((n, u) => n + u.ids.length, 0),
    },
    covered,
    coveredByTwin,
    uncovered,
    unknown,
  };
}

export function renderCoverage(report: CoverageReport, tr: Translator = translator('en')): string {
  const t = report.totals;
  const out: string[] = [];
  out.push(tr.t('coverage-heading', { id: report.catalogue.id, version: report.catalogue.version, source: report.catalogue.source }));
  const clientOrHidden = report.uncovered.filter((u) => u.verification).length;
  const counts = { requirements: String(t.requirements), covered: String(t.covered), twins: String(t.coveredByTwin), uncovered: String(t.uncovered), scenarios: String(t.scenarios), hidden: String(clientOrHidden) };
  out.push(tr.t(clientOrHidden ? 'coverage-totals-hidden' : 'coverage-totals', counts));
  if (report.unknown.length) {
    out.push('', tr.t('coverage-unknown', { count: String(t.unknownCitations) }));
    for (const u of report.unknown) {
      const ids = u.ids.map((id) => (u.suggestions[id] ? tr.t('coverage-did-you-mean', { id, suggestion: u.suggestions[id]! }) : id));
      out.push(`  ${u.scenario}: ${ids.join(', ')}`);
    }
  }
  if (report.covered.length) {
    out.push('', tr.t('coverage-verified'));
    for (const c of report.covered) out.push(`  ${c.id}  <- ${c.scenarios.join(', ')}`);
  }
  if (report.coveredByTwin.length) {
    out.push('', tr.t('coverage-twins'));
    for (const c of report.coveredByTwin) out.push(`  ${c.id}  = ${c.twins.join(', ')}  <- ${c.scenarios.join(', ')}`);
  }
  const operatorSide = report.uncovered.filter((u) => !u.verification);
  if (operatorSide.length) {
    out.push('', tr.t('coverage-without'));
    const byDoc = new Map<string, string[]>();
    for (const u of operatorSide) byDoc.set(u.documentId, [...(byDoc.get(u.documentId) ?? []), `${u.id} [${u.confidence}]`]);
    for (const [doc, ids] of byDoc) out.push(`  ${doc}: ${ids.join(', ')}`);
  }
  const clientSide = report.uncovered.filter((u) => u.verification === 'client-behaviour');
  if (clientSide.length) {
    out.push('', tr.t('coverage-client'));
    out.push(`  ${clientSide.map((u) => `${u.id} [${u.confidence}]`).join(', ')}`);
  }
  const hidden = report.uncovered.filter((u) => u.verification === 'not-observable');
  if (hidden.length) {
    out.push('', tr.t('coverage-hidden'));
    out.push(`  ${hidden.map((u) => `${u.id} [${u.confidence}]`).join(', ')}`);
  }
  return out.join('\n') + '\n';
}

/** `msscheck explain <requirement id>`: the requirement, its twins and the scenarios that verify it. */
export interface RequirementExplanation {
  requirement: Requirement;
  twins: Requirement[];
  scenarios: { id: string; title?: string }[];
  /** Scenarios that cite a twin rather than the requirement itself. */
  scenariosViaTwins: { id: string; title?: string; twin: string }[];
}

export function explainRequirement(catalogue: RequirementCatalogue, id: string, scenarios: ScenarioRef[]): RequirementExplanation | undefined {
  const requirement = findRequirement(catalogue, id);
  if (!requirement) return undefined;
  const twins = requirement.twins.map((t) => catalogue.byId.get(t)).filter((t): t is Requirement => t !== undefined);
  return {
    requirement,
    twins,
    scenarios: scenarios.filter((s) => s.requirements.includes(requirement.id)).map((s) => ({ id: s.id, title: s.title })),
    scenariosViaTwins: scenarios.flatMap((s) => {
      if (s.requirements.includes(requirement.id)) return [];
      const twin = requirement.twins.find((t) => s.requirements.includes(t));
      return twin ? [{ id: s.id, title: s.title, twin }] : [];
    }),
  };
}

export function renderRequirementExplanation(e: RequirementExplanation, tr: Translator = translator('en')): string {
  const r = e.requirement;
  const out: string[] = [];
  out.push(`${r.id}  [${tr.t('req-explain-confidence', { confidence: r.confidence })}]`);
  out.push(`  ${r.summary}`);
  out.push(`  ${tr.t('req-explain-document', { document: r.document, version: r.documentVersion })}`);
  out.push(`  ${tr.t('req-explain-source', { source: r.source })}`);
  if (r.assumption) out.push(`  ${tr.t('req-explain-assumption', { text: r.assumption })}`);
  if (e.twins.length) out.push(`  ${tr.t('req-explain-twins', { list: e.twins.map((t) => `${t.id} (${t.documentId})`).join(', ') })}`);
  out.push(`  ${tr.t(e.scenarios.length ? 'req-explain-verified-by' : 'req-explain-verified-by-none')}`);
  for (const s of e.scenarios) out.push(`    ${s.id}${s.title ? `  ${s.title}` : ''}`);
  if (e.scenariosViaTwins.length) {
    out.push(`  ${tr.t('req-explain-through-twin')}`);
    for (const s of e.scenariosViaTwins) out.push(`    ${s.id}${s.title ? `  ${s.title}` : ''}  (${tr.t('req-explain-cites', { twin: s.twin })})`);
  }
  return out.join('\n') + '\n';
}
