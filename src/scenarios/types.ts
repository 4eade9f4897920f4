import type { Confidence, Severity } from '../model/result.js';

export type Operator =
  | 'equals' | 'notEquals' | 'in' | 'notIn' | 'contains' | 'notContains' | 'containsAll' | 'containsAny'
  | 'subsetOf' | 'disjointFrom' | 'matches' | 'notMatches' | 'exists' | 'absent' | 'empty' | 'notEmpty'
  | 'gt' | 'gte' | 'lt' | 'lte' | 'before' | 'after';

export interface Condition {
  path: string;
  op: Operator;
  value?: unknown;
  /** Said instead of the condition itself when it does not hold (e.g. what the profile must provide). */
  reason?: string;
}

/**
 * A negative scenario's positive control: the valid counterpart that the same channel must accept
 * in the same run (another scenario instance, or a step of this scenario whose assertions must all
 * pass). Templates over the variables are resolved per instance.
 */
export interface ControlSpec {
  scenario?: string;
  step?: string;
  /** When the control did not pass: `error` (default, "unverifiable") or `skip` (material the target cannot know). */
  ifUnverified?: 'error' | 'skip';
  /** With `skip`: what the profile must provide. */
  reason?: string;
  /**
   * With `scenario`: steps of this scenario that run while the control runs (they prepare material,
   * e.g. a token, and do not act on the channel the control judges); every other step waits for the
   * control's end.
   */
  meanwhile?: string[];
}

export interface AssertionSpec {
  fact: string;
  op: Operator;
  value?: unknown;
  description: string;
  requirements?: string[];
  level?: 'fail' | 'warn';
  /** Why no sandbox defect can make this assertion fail (the assertion-coverage test reads it). */
  unprovokable?: string;
  /** The rule's own confidence, when weaker than its cited requirements' (default: the scenario's). */
  confidence?: Confidence;
}

export interface TimeoutSpec {
  connect?: string;
  idle?: string;
  overall?: string;
}

export interface StepSpec {
  id: string;
  probe: string;
  title?: string;
  with?: Record<string, unknown>;
  when?: Condition[];
  skipScenarioUnless?: Condition[];
  timeouts?: TimeoutSpec;
  expect?: AssertionSpec[];
}

/** A scenario file as written (schemas/scenario.schema.json). */
export interface ScenarioSpec {
  id: string;
  title: string;
  description?: string;
  requirements: string[];
  tags: string[];
  severity: Severity;
  confidence?: Confidence;
  assumption?: string;
  variants?: { id: string; title?: string; vars: Record<string, unknown>; control?: ControlSpec }[];
  /** Positive control of a negative scenario (a variant's own `control` replaces it). */
  control?: ControlSpec;
  vars?: Record<string, unknown>;
  /** `final` scenarios run after all the others and see what they observed. */
  phase?: 'main' | 'final';
  appliesTo?: Condition[];
  timeouts?: TimeoutSpec;
  steps: StepSpec[];
}

/** One runnable instance: a scenario, or one variant of it. */
export interface ScenarioInstance {
  /** `SCENARIO-ID` or `SCENARIO-ID/variant`. */
  id: string;
  scenarioId: string;
  variant?: string;
  title: string;
  /** Folder under scenarios/ the file sits in (smtp, tls, imap, ...). */
  family: string;
  file: string;
  spec: ScenarioSpec;
  vars: Record<string, unknown>;
  /** The positive control, templates resolved. */
  control?: ControlSpec;
  /** The control scenario's instance (set by loadScenarios), run even when a caller does not list it. */
  controlInstance?: ScenarioInstance;
}
