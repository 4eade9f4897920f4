import { setMaxListeners } from 'node:events';
import type { AssertionResult, ScenarioResult, Status, StepResult } from '../model/result.js';
import { findProbe } from '../probes/registry.js';
import { ProbeError, type Facts, type Probe, type Timeouts } from '../probes/types.js';
import type { Condition, ScenarioInstance, StepSpec } from '../scenarios/types.js';
import type { ResolvedTarget } from '../target/profile.js';
import type { Policy } from '../policy/types.js';
import { SecretResolver } from '../target/secrets.js';
import { formatAsOf, parisDay } from '../util/as-of.js';
import { Redactor } from '../util/redact.js';
import { inlineValidator } from '../util/schema-validator.js';
import { evaluateConditions, expectationPhrase, type ConditionOutcome } from './conditions.js';
import { phrase, recordedText, renderPhrase, type Phrase } from '../i18n/phrase.js';
import { effectiveTimeouts } from './durations.js';
import { applyControl, stepControlOutcome } from './controls.js';
import { judgeStep } from './evaluate.js';
import { factsValidator } from './facts-check.js';
import { OidcRun } from '../probes/oidc/oidc-run.js';
import { CrlCache } from '../x509/crl-cache.js';
import { instanceBoundMs, interruption } from './run-deadline.js';
import { makeProbeContext, type RunShared, type ScenarioSink } from './probe-context.js';
import { KeyedSemaphore, Semaphore } from './semaphore.js';
import { resolveTemplates, TemplateError, type Scope } from './template.js';
import { applyStrength, observedStatus, strengthFor, type StrengthOptions } from './verdict-strength.js';

export interface RunOptions {
  target: ResolvedTarget;
  /** The as-of instant: all time judgements use it (the CLI: now, or a day's start in Europe/Paris). */
  asOf: Date;
  /** Command-line timeout overrides (they beat scenario and step timeouts). */
  timeouts?: Partial<Timeouts>;
  /** Scenario instances run at once (default 4). */
  concurrency?: number;
  /** Connections to one endpoint at once (default 2). */
  perEndpoint?: number;
  redactor?: Redactor;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  onScenarioStart?(instance: ScenarioInstance): void;
  onScenarioEnd?(result: ScenarioResult): void;
  /** The run's deadline policy, handed to probes that apply dated rules. */
  policy?: Policy;
  /** Probe lookup (tests inject their own); defaults to the registry. */
  findProbe?: (name: string) => Probe | undefined;
  /** The run's OIDC state (one per target's run); a fresh one when absent. */
  oidc?: OidcRun;
  /** A pool shared with other targets' runs (fleet): bounds scenario instances across all of them. */
  pool?: Pick<Semaphore, 'run'>;
  /** Connection slots shared with other targets' runs (fleet): bounds connections per host across all of them. */
  endpointSlots?: Pick<KeyedSemaphore, 'run'>;
  /** Verdict strength: `strict` lets S failures fail; the catalogue gives requirement confidences. */
  strength?: StrengthOptions;
}

/** What each step of a scenario runs with: the run's timeouts and signal, and the scenario's priority for endpoint slots. */
type StepOptions = Pick<RunOptions, 'timeouts' | 'signal'> & { priority?: number };

/** The as-of instant's calendar day in Europe/Paris (`YYYY-MM-DD`), for rules that speak in days. */
export function isoDate(d: Date): string {
  return parisDay(d);
}

/**
 * Runs scenario instances with bounded concurrency and returns their results in the order given.
 * Never throws for what a target does: every failure becomes a status.
 */
export async function runInstances(instances: ScenarioInstance[], options: RunOptions): Promise<ScenarioResult[]> {
  const redactor = options.redactor ?? new Redactor();
  const shared: RunShared = {
    target: options.target,
    asOf: options.asOf,
    redactor,
    secrets: new SecretResolver(options.target.baseDir, redactor, options.env),
    endpointSlots: options.endpointSlots ?? new KeyedSemaphore(options.perEndpoint ?? 2),
    findProbe: options.findProbe ?? findProbe,
    policy: options.policy,
    oidc: options.oidc ?? new OidcRun(),
    crlCache: new CrlCache(),
    observed: [],
    strength: strengthFor(options.strength, options.target.profile),
    onceResults: new Map(),
  };
  const pool = options.pool ?? new Semaphore(options.concurrency ?? 4);
  // Each step in flight listens to the run's signal (and stops listening when it ends): with the
  // sandbox's whole catalogue in flight that is dozens of listeners, not a leak.
  if (options.signal) setMaxListeners(0, options.signal);
  // Longest chain first: each scenario's declared bound (its longest step overall timeout), a
  // positive control's plus the longest of the negatives that wait for it. The scenarios that wait
  // for a person or for an expiry, make many handshakes or hold others back take their slots before
  // the quick ones, so that none of them waits for a slot at the end of the run; a negative asks for
  // its slot, once its control ended, with its chain's priority. Results keep the order given.
  const bound = new Map(instances.map((i) => [i.id, instanceBoundMs(i, options.timeouts)]));
  const chain = new Map(bound);
  for (const i of instances) {
    const c = i.control?.scenario;
    if (c !== undefined && bound.has(c)) chain.set(c, Math.max(chain.get(c)!, bound.get(c)! + bound.get(i.id)!));
  }
  const started = new Map<string, Promise<ScenarioResult>>();
  const all = new Map(instances.map((i) => [i.id, i]));
  const start = (instance: ScenarioInstance): Promise<ScenarioResult> => {
    let p = started.get(instance.id);
    if (p) return p;
    p = (async () => {
      // A negative scenario needs its positive control's outcome, and acts on the channel only once
      // the control has (a real server may lock out or slow down an address after refused logins:
      // the valid login goes first). Its `meanwhile` steps (preparing material, e.g. a token) run at
      // once; it waits for the control before any other step, without holding a slot while waiting.
      const controlId = instance.control?.scenario;
      const controlInstance = controlId !== undefined && controlId !== instance.id ? (all.get(controlId) ?? instance.controlInstance) : undefined;
      const controlRun = controlInstance && !controlInstance.control ? start(controlInstance) : undefined;
      const meanwhile = new Set(instance.control?.meanwhile ?? []);
      const firstStep = instance.spec.steps[0]?.id;
      if (controlRun && (firstStep === undefined || !meanwhile.has(firstStep))) await controlRun;
      const priority = chain.get(controlInstance?.id ?? instance.id) ?? chain.get(instance.id);
      const result = await pool.run(async (lease) => {
        options.onScenarioStart?.(instance);
        let controlled = false;
        const gate = controlRun
          ? async (step: StepSpec): Promise<void> => {
              if (controlled || meanwhile.has(step.id)) return;
              controlled = true;
              await lease.outside(controlRun);
            }
          : undefined;
        // One scenario's failure is that scenario's `error`: the others run and the reports are written.
        return runInstance(instance, shared, { ...options, priority }, gate).catch((err: unknown) => crashed(instance, err, shared.redactor));
      }, priority);
      const control = controlRun ? await controlRun : undefined;
      const judged =
        controlId === undefined
          ? result
          : applyControl(result, instance.control!, control ? { id: control.id, status: observedStatus(control), reason: control.reasonPhrase ?? control.reason } : { id: controlId, status: 'skip', reason: phrase('control-not-in-run') });
      shared.observed.push(...(judged.observedMethods ?? []));
      options.onScenarioEnd?.(judged);
      return judged;
    })();
    started.set(instance.id, p);
    return p;
  };
  const runPhase = (phase: ScenarioInstance[]): Promise<ScenarioResult[]> => Promise.all([...phase].sort((a, b) => chain.get(b.id)! - chain.get(a.id)!).map(start));
  // `final` scenarios (the identification judgement) run once every other one has finished.
  const isFinal = (i: ScenarioInstance): boolean => i.spec.phase === 'final';
  const main = await runPhase(instances.filter((i) => !isFinal(i)));
  const final = await runPhase(instances.filter(isFinal));
  const byId = new Map([...main, ...final].map((r) => [r.id, r]));
  return instances.map((i) => byId.get(i.id)!);
}

/** What a result says of the scenario instance it judges (before any outcome). */
function instanceIdentity(instance: ScenarioInstance): Pick<ScenarioResult, 'id' | 'scenarioId' | 'variant' | 'title' | 'family' | 'requirements' | 'tags' | 'severity' | 'confidence' | 'assumption'> {
  const { spec } = instance;
  return {
    id: instance.id,
    scenarioId: instance.scenarioId,
    variant: instance.variant,
    title: instance.title,
    family: instance.family,
    requirements: spec.requirements,
    tags: spec.tags,
    severity: spec.severity,
    confidence: spec.confidence,
    assumption: spec.assumption,
  };
}

/** The result of a scenario whose evaluation threw (a bug, or input the loader could not see). */
function crashed(instance: ScenarioInstance, err: unknown, redactor: Redactor): ScenarioResult {
  return {
    ...instanceIdentity(instance),
    status: 'error',
    ...redactedReason(phrase('reason-crashed', { detail: (err as Error)?.message ?? String(err) }), redactor),
    startedAt: new Date().toISOString(),
    durationMs: 0,
    steps: [],
    assertions: [],
    evidence: [],
  };
}

interface StepFailure {
  status: Exclude<Status, 'pass' | 'fail' | 'warn'>;
  reason: string | Phrase;
}

/** A reason as report.json records it: the English text and, for a phrase, the phrase; both redacted. */
function redactedReason(reason: string | Phrase, redactor: Redactor): Pick<ScenarioResult, 'reason' | 'reasonPhrase'> {
  const { text, phrase: p } = recordedText(reason, (s) => redactor.redact(s));
  return { reason: text, ...(p ? { reasonPhrase: p } : {}) };
}

/**
 * Runs one scenario instance to a result. `gate` (a negative scenario's wait for its positive control)
 * is awaited before each step that runs.
 */
export async function runInstance(instance: ScenarioInstance, shared: RunShared, options: StepOptions, gate?: (step: StepSpec) => Promise<void>): Promise<ScenarioResult> {
  const { spec } = instance;
  const started = Date.now();
  const sink: ScenarioSink = { evidence: [], observed: [] };
  const steps: StepResult[] = [];
  const assertions: AssertionResult[] = [];
  const stepFacts: Record<string, { facts: Facts }> = {};
  const scope: Scope = { ...instance.vars, vars: instance.vars, target: shared.target.profile, asOf: isoDate(shared.asOf), asOfInstant: formatAsOf(shared.asOf), steps: stepFacts };

  const finish = (status: Status, reason?: string | Phrase): ScenarioResult => ({
    ...instanceIdentity(instance),
    status,
    ...(reason === undefined ? { reason: undefined } : redactedReason(reason, shared.redactor)),
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    steps,
    assertions,
    evidence: sink.evidence,
    observedMethods: sink.observed.length ? sink.observed : undefined,
  });

  let applies;
  try {
    applies = evaluateConditions(spec.appliesTo, scope);
  } catch (err) {
    return finish('error', templateMessage(err, 'appliesTo'));
  }
  if (!applies.holds) return finish('not-applicable', phrase('reason-not-offered', { condition: applies.failed }));

  /** A step's `when` / `skipScenarioUnless`; a template that cannot be resolved is an error of that step. */
  const stepConditions = (conditions: Condition[] | undefined, stepId: string): ConditionOutcome | StepFailure => {
    try {
      return evaluateConditions(conditions, scope);
    } catch (err) {
      return { status: 'error', reason: templateMessage(err, stepId) };
    }
  };

  let failure: StepFailure | undefined;
  for (const step of spec.steps) {
    if (options.signal?.aborted) {
      failure ??= { status: 'error', reason: interruption(options.signal).message };
      break;
    }
    const when = stepConditions(step.when, step.id);
    if ('status' in when) {
      failure = when;
      break;
    }
    if (!when.holds) {
      // The condition's text may quote earlier steps' facts: redacted like every other reason.
      const said = redactedReason(phrase('step-condition-not-met', { condition: when.failed }), shared.redactor);
      steps.push({ id: step.id, probe: step.probe, status: 'not-run', durationMs: 0, message: said.reason!, ...(said.reasonPhrase ? { messagePhrase: said.reasonPhrase } : {}) });
      continue;
    }
    if (gate) {
      await gate(step);
      if (options.signal?.aborted) {
        failure ??= { status: 'error', reason: interruption(options.signal).message };
        break;
      }
    }
    const outcome = await runStep(step, instance, shared, sink, scope, options);
    steps.push(outcome.step);
    if (outcome.failure) {
      failure = outcome.failure;
      if (failure.status !== 'error') break; // skip / not-applicable: nothing more to learn
      continue;
    }
    stepFacts[step.id] = { facts: outcome.facts ?? {} };
    const precondition = stepConditions(step.skipScenarioUnless, step.id);
    if ('status' in precondition) {
      failure = precondition;
      break;
    }
    if (!precondition.holds) {
      failure = { status: 'skip', reason: phrase('reason-precondition', { step: step.id, condition: precondition.failed }) };
      break;
    }
    const judged = judgeStep(step.id, step.expect, outcome.facts ?? {}, scope, { requirements: spec.requirements }, shared.redactor);
    // Verdict strength: each assertion is lowered as far as its confidence requires (its own, else the scenario's).
    const own = (a: { fact: string; description: string }) => step.expect?.find((e) => e.fact === a.fact && e.description === a.description)?.confidence ?? spec.confidence;
    assertions.push(...judged.assertions.map((a) => applyStrength(a, own(a), shared.strength)));
    if (judged.unjudged.length) failure ??= { status: 'error', reason: judged.unjudged.reduce((all, p) => phrase('list-semicolon', { first: all, next: p })) };
  }

  const result = verdict(finish, assertions, failure, instance.control?.step);
  const controlStep = instance.control?.step;
  return controlStep === undefined ? result : applyControl(result, instance.control!, stepControlOutcome(result, controlStep));
}

/** The scenario's status from its assertions and step failures; a control step's assertions are judged as the control, not as the verdict. */
function verdict(
  finish: (status: Status, reason?: string | Phrase) => ScenarioResult,
  all: AssertionResult[],
  failure: StepFailure | undefined,
  controlStep: string | undefined,
): ScenarioResult {
  const assertions = controlStep === undefined ? all : all.filter((a) => a.step !== controlStep);
  const firstFail = assertions.find((a) => a.status === 'fail');
  const found = (a: AssertionResult): string => JSON.stringify(a.found) ?? 'undefined';
  const why = (a: AssertionResult): Phrase | string | undefined => a.downgrade?.reasonPhrase ?? a.downgrade?.reason;
  if (firstFail) return finish('fail', phrase('reason-expected-found', { what: firstFail.description, expected: expectationPhrase(firstFail.operator, firstFail.expected), found: found(firstFail) }));
  if (failure) return finish(failure.status, failure.reason);
  const firstReview = assertions.find((a) => a.status === 'review');
  if (firstReview) return finish('review', phrase('reason-found-why', { what: firstReview.description, found: found(firstReview), why: why(firstReview) ?? phrase('downgrade-unconfirmed') }));
  const firstWarn = assertions.find((a) => a.status === 'warn');
  if (firstWarn) {
    const w = why(firstWarn);
    return finish('warn', w === undefined ? phrase('reason-found', { what: firstWarn.description, found: found(firstWarn) }) : phrase('reason-found-why', { what: firstWarn.description, found: found(firstWarn), why: w }));
  }
  if (assertions.length === 0) return finish('error', phrase('reason-no-assertion'));
  return finish('pass');
}

/** Why a template or condition could not be evaluated, where (`appliesTo`, or a step). */
function templateMessage(err: unknown, where: string): Phrase {
  const at = where === 'appliesTo' ? where : phrase('where-step', { step: where });
  if (err instanceof TemplateError) return phrase('reason-template', { where: at, detail: err.message });
  return phrase('reason-at', { where: at, detail: (err as Error).message });
}

async function runStep(
  step: StepSpec,
  instance: ScenarioInstance,
  shared: RunShared,
  sink: ScenarioSink,
  scope: Scope,
  options: StepOptions,
): Promise<{ step: StepResult; facts?: Facts; failure?: StepFailure }> {
  const started = Date.now();
  const done = (status: StepResult['status'], code?: string, message?: string | Phrase): StepResult => {
    const said = message === undefined ? undefined : redactedReason(message, shared.redactor);
    return { id: step.id, probe: step.probe, status, durationMs: Date.now() - started, code, message: said?.reason, ...(said?.reasonPhrase ? { messagePhrase: said.reasonPhrase } : {}) };
  };
  const probe = shared.findProbe(step.probe);
  if (!probe) {
    const reason = phrase('reason-unknown-probe', { probe: step.probe });
    return { step: done('error', 'EINPUT', reason), failure: { status: 'error', reason } };
  }

  let input: Record<string, unknown>;
  try {
    input = resolveTemplates(step.with ?? {}, scope);
  } catch (err) {
    const reason = templateMessage(err, step.id);
    return { step: done('error', 'EINPUT', reason), failure: { status: 'error', reason } };
  }
  const validate = inlineValidator(probe.inputSchema);
  if (!validate(input)) {
    const detail = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    const reason = phrase('reason-probe-input', { step: step.id, probe: probe.name, detail, file: instance.file });
    return { step: done('error', 'EINPUT', reason), failure: { status: 'error', reason } };
  }

  const timeouts = effectiveTimeouts(instance.spec.timeouts, step.timeouts, options.timeouts);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let rejectOverall: (err: ProbeError) => void = () => undefined;
  // The run's deadline or an interruption ends the step at once, even a probe that ignores its signal.
  const onOuterAbort = (): void => {
    const err = interruption(options.signal);
    controller.abort(err);
    rejectOverall(err);
  };
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const overall = new Promise<never>((_, reject) => {
    rejectOverall = reject;
    timer = setTimeout(() => {
      const err = new ProbeError('ETIMEDOUT_OVERALL', phrase('run-step-overall', { probe: probe.name, ms: String(timeouts.overallMs) }));
      controller.abort(err);
      reject(err);
    }, timeouts.overallMs);
  });
  const ctx = makeProbeContext(shared, sink, step.id, timeouts, controller.signal, options.priority);
  try {
    const facts = await Promise.race([probe.run(input, ctx), overall]);
    const checkFacts = factsValidator(probe);
    if (!checkFacts(facts)) {
      const reason = phrase('reason-probe-facts', { step: step.id, probe: probe.name, detail: checkFacts.problems });
      return { step: done('error', 'EINTERNAL', reason), failure: { status: 'error', reason } };
    }
    return { step: done('ok'), facts: shared.redactor.redactValue(facts) };
  } catch (err) {
    const pe = err instanceof ProbeError ? err : new ProbeError('EINTERNAL', phrase('pe-probe-failed', { probe: probe.name, message: (err as Error)?.message ?? String(err) }));
    const reason = phrase('reason-step-probe', { step: step.id, probe: probe.name, detail: pe.phrase ?? pe.message });
    const stepStatus = pe.outcome === 'error' ? 'error' : pe.outcome;
    return { step: done(stepStatus, pe.code, pe.phrase ?? pe.message), failure: { status: pe.outcome, reason } };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
    if (!controller.signal.aborted) controller.abort(new ProbeError('EINTERNAL', 'step finished'));
  }
}
