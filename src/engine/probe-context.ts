import type { Evidence, EvidenceKind, ObservedMethod } from '../model/result.js';
import type { Probe, ProbeContext, Timeouts, Transcript } from '../probes/types.js';
import type { Policy } from '../policy/types.js';
import type { OidcRun } from '../probes/oidc/oidc-run.js';
import type { ResolvedTarget } from '../target/profile.js';
import type { SecretResolver } from '../target/secrets.js';
import type { Redactor } from '../util/redact.js';
import type { KeyedSemaphore } from './semaphore.js';

/** What every step of a run shares. */
export interface RunShared {
  target: ResolvedTarget;
  asOf: Date;
  redactor: Redactor;
  secrets: SecretResolver;
  endpointSlots: Pick<KeyedSemaphore, 'run'>;
  findProbe(name: string): Probe | undefined;
  policy?: Policy;
  /** The run's OIDC state (token vault, progress, CIBA approvals). */
  oidc: OidcRun;
  /** Methods observed by the scenarios finished so far. */
  observed: ObservedMethod[];
}

/** Evidence and observations gathered by one scenario instance. */
export interface ScenarioSink {
  evidence: Evidence[];
  observed: ObservedMethod[];
}

/**
 * Builds the context a probe sees for one step. Evidence and transcript lines are redacted as they
 * are captured, so nothing unredacted is ever held in the result.
 */
export function makeProbeContext(shared: RunShared, sink: ScenarioSink, step: string, timeouts: Timeouts, signal: AbortSignal): ProbeContext {
  const { redactor } = shared;
  return {
    target: shared.target,
    asOf: shared.asOf,
    timeouts,
    signal,
    redactor,
    secrets: shared.secrets,
    policy: shared.policy,
    oidc: shared.oidc,
    sandbox: shared.target.sandboxServices,
    transcript(title: string): Transcript {
      const lines: string[] = [];
      sink.evidence.push({ kind: 'transcript', title: redactor.redact(title), step, lines });
      const add = (prefix: string) => (line: string) => {
        lines.push(`${prefix}${redactor.redact(line.replace(/\r?\n$/, ''))}`);
      };
      return { client: add('C: '), server: add('S: '), note: add('*: ') };
    },
    evidence(kind: EvidenceKind, title: string, data: unknown): void {
      sink.evidence.push({ kind, title: redactor.redact(title), step, data: redactor.redactValue(data) });
    },
    withEndpointSlot<T>(endpointKey: string, fn: () => Promise<T>): Promise<T> {
      return shared.endpointSlots.run(endpointKey, fn);
    },
    observedSoFar(): ObservedMethod[] {
      return [...shared.observed];
    },
    observeMethod(method: ObservedMethod): void {
      if (!sink.observed.some((m) => m.means === method.means && m.endpoint === method.endpoint)) {
        sink.observed.push({ ...method, detail: redactor.redact(method.detail) });
      }
    },
  };
}
