/**
 * Verdict strength: a failed check may fail a target only as far as its source allows.
 *
 * Effective confidence of an assertion = the weaker of
 *   - its requirement's confidence: the strongest of the catalogue entries it cites (one primary
 *     source is enough to back a claim; twins and echoing rules add context, not weakness), and
 *   - the rule's own confidence (the assertion's or message rule's `confidence`, else the
 *     scenario's): how faithfully the rule reads that source. A rule stricter than its source
 *     marks itself `S` or `?` and cannot borrow a primary citation's strength.
 *
 * A failing assertion then becomes:
 *   - `P` → stays `fail` (or `warn` when written at level warn);
 *   - `S` → at most `warn` (downgrade fail → warn), unless strict (`--strict` or the target
 *     profile's `strict: true`), where an `S` failure fails;
 *   - `?` → `review` (a person must decide), whatever its level and mode.
 *
 * Scenario status from its assertions and steps: fail > error > review > warn > pass. A review
 * outranks a warning (it is an unresolved question, not a known minor issue) but not a probe error
 * (a broken exchange leaves the scenario without a verdict). `review` never fails the run's gate.
 */
import type { AssertionResult, Confidence, RequirementDetail, Status } from '../model/result.js';
import { loadRequirementCatalogue, type RequirementCatalogue } from '../policy/catalogue.js';
import { phrase, renderPhrase, type Phrase } from '../i18n/phrase.js';

export interface StrengthOptions {
  /** `S` failures fail (the default lets them warn at most). */
  strict?: boolean;
  /** Requirement catalogue (default: the built-in one). */
  catalogue?: RequirementCatalogue;
}

const ORDER: Confidence[] = ['?', 'S', 'P'];

export function weakest(...cs: (Confidence | undefined)[]): Confidence | undefined {
  const known = cs.filter((c): c is Confidence => c !== undefined);
  return known.length ? ORDER[Math.min(...known.map((c) => ORDER.indexOf(c)))] : undefined;
}

export function strongest(...cs: (Confidence | undefined)[]): Confidence | undefined {
  const known = cs.filter((c): c is Confidence => c !== undefined);
  return known.length ? ORDER[Math.max(...known.map((c) => ORDER.indexOf(c)))] : undefined;
}

/** The run's options with the target profile's `strict: true` folded in (either one is enough). */
export function strengthFor(opts: StrengthOptions | undefined, profile: { strict?: boolean }): StrengthOptions {
  return profile.strict === true && !opts?.strict ? { ...opts, strict: true } : (opts ?? {});
}

let builtin: RequirementCatalogue | undefined;
function catalogueOf(opts: StrengthOptions): RequirementCatalogue {
  if (opts.catalogue) return opts.catalogue;
  builtin ??= loadRequirementCatalogue();
  return builtin;
}

/**
 * The confidence the cited requirements give a claim: the strongest of those the catalogue knows.
 * Undefined when it knows none: an unknown id is a catalogue defect reported elsewhere (`run`
 * warns, the catalogue test fails), so it neither backs nor weakens the claim; the rule's own
 * confidence then decides.
 */
export function requirementConfidence(ids: string[], catalogue: RequirementCatalogue): Confidence | undefined {
  return strongest(...ids.map((id) => catalogue.byId.get(id)?.confidence));
}

/** Effective confidence of a claim citing `ids` whose rule declares `own` (P when neither says). */
export function effectiveConfidence(ids: string[], own: Confidence | undefined, opts: StrengthOptions = {}): Confidence {
  return weakest(requirementConfidence(ids, catalogueOf(opts)), own) ?? 'P';
}

/** The cited requirements as the catalogue states them (unknown ids are left out). */
export function requirementDetails(ids: string[], opts: StrengthOptions = {}): RequirementDetail[] {
  const catalogue = catalogueOf(opts);
  return ids.flatMap((id) => {
    const r = catalogue.byId.get(id);
    if (!r) return [];
    return [{ id: r.id, summary: r.summary, source: r.documentId === r.id ? r.source : `${r.document}: ${r.source}`, version: r.documentVersion, confidence: r.confidence }];
  });
}

/**
 * Sets `confidence` on an assertion and, when it did not pass, lowers its status as its
 * confidence requires (recording `downgrade`) and attaches `requirementDetails`.
 */
export function applyStrength(a: AssertionResult, own: Confidence | undefined, opts: StrengthOptions = {}): AssertionResult {
  const confidence = effectiveConfidence(a.requirements, own, opts);
  a.confidence = confidence;
  if (a.status === 'pass') return a;
  a.requirementDetails = requirementDetails(a.requirements, opts);
  const why = own !== undefined && ORDER.indexOf(own) < ORDER.indexOf(requirementConfidence(a.requirements, catalogueOf(opts)) ?? 'P')
    ? phrase('downgrade-rule-marked', { confidence: own })
    : phrase('downgrade-source', { sources: a.requirements.join(', ') || phrase('none'), confidence });
  const downgrade = (to: 'warn' | 'review', reasonPhrase: Phrase) => ({ from: 'fail' as const, to, reason: renderPhrase(reasonPhrase), reasonPhrase });
  if (confidence === '?') {
    if (a.status === 'fail') a.downgrade = downgrade('review', phrase('downgrade-review', { why }));
    a.status = 'review';
  } else if (confidence === 'S' && a.status === 'fail' && !opts.strict) {
    a.status = 'warn';
    a.downgrade = downgrade('warn', phrase('downgrade-warn', { why }));
  }
  return a;
}

/**
 * What a scenario observed, before verdict strength: `fail` when any failure was only downgraded
 * (to warn or review), else its status. A positive control that was refused is a refusal, whatever
 * the strength of the rule that judges it.
 */
export function observedStatus(result: { status: Status; assertions: AssertionResult[] }): Status {
  return result.assertions.some((a) => a.downgrade) ? 'fail' : result.status;
}

const STATUS_RANK: Status[] = ['fail', 'error', 'review', 'warn', 'pass', 'skip', 'not-applicable'];

/** The worse of two statuses in the order fail > error > review > warn > pass > skip > not-applicable. */
export function worseStatus(a: Status, b: Status): Status {
  return STATUS_RANK.indexOf(a) <= STATUS_RANK.indexOf(b) ? a : b;
}
