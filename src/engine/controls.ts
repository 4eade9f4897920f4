/**
 * Positive controls. A negative scenario (refuses an expired token, a revoked certificate, a
 * password...) proves something only if the same channel accepted the valid counterpart in the same
 * run: a server that refuses everything passes every negative test. The scenario names its control
 * (another instance, or one of its own steps); a negative that would pass or warn while its control
 * did not pass becomes `error` "unverifiable" (or `skip` naming what the profile must provide, for
 * material the target cannot know). A negative that fails keeps its `fail`: the server accepted what
 * it must refuse, whatever else it does.
 */
import type { ScenarioResult, Status } from '../model/result.js';
import type { ControlSpec } from '../scenarios/types.js';
import { phrase, renderPhrase, type Phrase } from '../i18n/phrase.js';

/** How a control ended: its status and, when it did not pass, why. */
export interface ControlOutcome {
  id: string;
  status: Status;
  reason?: string | Phrase;
  /**
   * Set when the control did not fail outright but one of its checks only warned or asks for review
   * (a downgraded failure: it may be the acceptance itself, so the control is not confirmed; but
   * nothing says the valid counterpart was refused).
   */
  unconfirmed?: true;
}

const PASSED: ReadonlySet<Status> = new Set(['pass', 'warn']);

export function applyControl(result: ScenarioResult, spec: ControlSpec, control: ControlOutcome): ScenarioResult {
  const withControl = { ...result, control: { id: control.id, status: control.status } };
  if (!PASSED.has(result.status) || PASSED.has(control.status)) return withControl;
  const status = phrase(`control-status-${control.status}`);
  const why = control.reason ? phrase('control-why-reason', { id: control.id, status, reason: control.reason }) : phrase('control-why', { id: control.id, status });
  const ended = (status: Status, p: Phrase): ScenarioResult => ({ ...withControl, status, reason: renderPhrase(p), reasonPhrase: p });
  if (control.status === 'skip' || control.status === 'not-applicable') return ended('skip', phrase('control-did-not-run', { why }));
  if (spec.ifUnverified === 'skip') return ended('skip', phrase('control-skip', { what: spec.reason ?? phrase('control-not-accepted'), why }));
  const what = phrase(control.unconfirmed ? 'control-not-confirmed' : control.status === 'fail' ? 'control-refused-too' : 'control-not-tried');
  return ended('error', phrase('control-unverifiable', { what, why }));
}

/** The outcome of a control step of the scenario itself: all its assertions passed, or why not. */
export function stepControlOutcome(result: Pick<ScenarioResult, 'steps' | 'assertions'>, step: string): ControlOutcome {
  const id = `step:${step}`;
  const ran = result.steps.find((s) => s.id === step);
  if (!ran || ran.status === 'not-run') return { id, status: 'skip', reason: phrase('control-step-not-run') };
  if (ran.status !== 'ok') return { id, status: ran.status === 'skip' || ran.status === 'not-applicable' ? ran.status : 'error', reason: ran.messagePhrase ?? ran.message };
  const own = result.assertions.filter((a) => a.step === step);
  if (own.length === 0) return { id, status: 'error', reason: phrase('control-step-no-assertion') };
  const bad = own.find((a) => a.status === 'fail') ?? own.find((a) => a.status !== 'pass');
  if (!bad) return { id, status: 'pass' };
  const reason = phrase('reason-found', { what: bad.description, found: JSON.stringify(bad.found) ?? 'undefined' });
  return bad.status === 'fail' ? { id, status: 'fail', reason } : { id, status: 'fail', reason, unconfirmed: true };
}
