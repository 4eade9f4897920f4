import type { Evidence, ObservedMethod } from '../../src/model/result.js';
import { makeProbeContext } from '../../src/engine/probe-context.js';
import { KeyedSemaphore } from '../../src/engine/semaphore.js';
import { findProbe } from '../../src/probes/registry.js';
import { OidcRun } from '../../src/probes/oidc/oidc-run.js';
import { CrlCache } from '../../src/x509/crl-cache.js';
import type { ProbeContext, Timeouts } from '../../src/probes/types.js';
import type { ResolvedTarget, TargetProfile } from '../../src/target/profile.js';
import { SecretResolver } from '../../src/target/secrets.js';
import { Redactor } from '../../src/util/redact.js';

export interface TestContext {
  ctx: ProbeContext;
  /** Evidence captured so far (redacted at capture, like the engine's). */
  evidence: Evidence[];
  observed: ObservedMethod[];
  redactor: Redactor;
  /** Every transcript line captured so far, joined by newlines (for grepping). */
  transcriptText(): string;
  /** Aborts the step signal, as the engine does on its overall timeout. */
  abort(reason?: unknown): void;
}

/**
 * A probe context built the way the engine builds it (same redaction at capture), for calling
 * `probe.run(input, ctx)` directly in tests. Short default timeouts; the as-of date is required.
 */
export function makeTestContext(options: {
  target?: ResolvedTarget;
  profile?: Partial<TargetProfile>;
  asOf: Date;
  timeouts?: Partial<Timeouts>;
  env?: NodeJS.ProcessEnv;
  redactor?: Redactor;
  /** The run's OIDC state, to share tokens between contexts like one run does (default: a fresh one). */
  oidc?: OidcRun;
}): TestContext {
  const redactor = options.redactor ?? new Redactor();
  const target: ResolvedTarget = options.target ?? {
    source: 'test',
    baseDir: process.cwd(),
    profile: { operator: { name: 'test operator' }, domains: ['op.test'], endpoints: {}, ...options.profile },
  };
  const evidence: Evidence[] = [];
  const observed: ObservedMethod[] = [];
  const controller = new AbortController();
  const timeouts: Timeouts = { connectMs: 2_000, idleMs: 2_000, overallMs: 10_000, ...options.timeouts };
  const ctx = makeProbeContext(
    { target, asOf: options.asOf, redactor, secrets: new SecretResolver(target.baseDir, redactor, options.env ?? {}), endpointSlots: new KeyedSemaphore(4), findProbe, oidc: options.oidc ?? new OidcRun(), crlCache: new CrlCache(), observed: [] },
    { evidence, observed },
    'test',
    timeouts,
    controller.signal,
  );
  return {
    ctx,
    evidence,
    observed,
    redactor,
    transcriptText: () => evidence.filter((e) => e.kind === 'transcript').flatMap((e) => e.lines ?? []).join('\n'),
    abort: (reason?: unknown) => controller.abort(reason),
  };
}
