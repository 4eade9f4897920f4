import { setMaxListeners } from 'node:events';
import type { FleetReport, FleetTarget } from '../model/fleet.js';
import { fleetTarget, summariseFleet } from '../model/fleet.js';
import type { Report, Severity, VersionedSource } from '../model/result.js';
import type { Policy } from '../policy/types.js';
import type { Timeouts } from '../probes/types.js';
import type { ScenarioInstance } from '../scenarios/types.js';
import type { RunningSandbox } from '../sandbox/operator.js';
import { runTarget, type TargetRunInput } from '../cli/run-target.js';
import { startDeadline } from '../engine/run-deadline.js';
import { KeyedSemaphore, Semaphore } from '../engine/semaphore.js';
import { Redactor } from '../util/redact.js';
import { TOOL_VERSION } from '../version.js';
import { formatAsOf } from '../util/as-of.js';
import type { FleetEntry } from './entries.js';
import type { Shard } from './shard.js';

export interface FleetRunOptions {
  entries: FleetEntry[];
  instances: ScenarioInstance[];
  asOf: Date;
  policy: Policy;
  catalogue: VersionedSource;
  failOn: Severity;
  selection: Report['selection'];
  shard?: Shard;
  timeouts?: Partial<Timeouts>;
  /** Scenario instances running at once, over the whole fleet. */
  concurrency: number;
  /** Connections to one host at once, over the whole fleet (tenants of one platform share hosts). */
  perHost: number;
  /** Connections to one endpoint at once, within one target's run (as `run --per-endpoint`). */
  perEndpoint: number;
  /** Targets in progress at once (each holds its own sandbox, redactor and token store). */
  parallelTargets: number;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  now: () => Date;
  /** Verdict strength (`--strict`), as for one target. */
  strength?: TargetRunInput['strength'];
  /** `--limit` overrides, as for one target (each target's profile may raise its own). */
  limits?: TargetRunInput['limits'];
  /** Each target's own deadline, counted from when that target starts (see fleetTargetDeadlineMs); `signal` bounds it too. */
  targetDeadlineMs?: number;
  /** Resolvers for the targets' DNS scenarios (`--dns-server`), as `run` sets them. */
  dnsServers?: string[];
  /** Receives each target's full report as soon as it is judged (to write it); the fleet keeps only its row. */
  onTargetReport?(id: string, report: Report): Promise<void>;
  onTargetEnd?(target: FleetTarget): void;
}

/** `host` of an endpoint key `host:port` (`[::1]:25` → `::1`). */
export function hostOfKey(key: string): string {
  const m = /^\[(.*)\]:\d+$/.exec(key) ?? /^(.*):\d+$/.exec(key);
  return m ? m[1]! : key;
}

/**
 * Runs the catalogue over every target of a fleet in one process. Each target's run is isolated
 * (its own redactor, secrets, sandbox and token store: nothing of one target reaches another's
 * report) and contained: a target that crashes gets a `crashed` row and the others go on.
 */
export async function runFleet(options: FleetRunOptions): Promise<FleetReport> {
  const startedAt = options.now();
  const pool = new Semaphore(options.concurrency);
  const hostSlots = new KeyedSemaphore(options.perHost);
  const targetsPool = new Semaphore(options.parallelTargets);
  // Each target in flight listens to the fleet's signal (its own deadline): not a leak.
  if (options.signal) setMaxListeners(Math.max(10, options.parallelTargets + 10), options.signal);
  let asOf: string | undefined;

  const runOne = async (entry: FleetEntry): Promise<FleetTarget> => {
    const redactor = new Redactor();
    let sandbox: RunningSandbox | undefined;
    let deadline: ReturnType<typeof startDeadline> | undefined;
    const source = entry.kind === 'profile' ? entry.path : 'sandbox';
    let operator = entry.kind === 'profile' ? entry.target.profile.operator.name : 'msscheck sandbox operator';
    const platform = entry.kind === 'profile' ? entry.target.profile.platform?.name : undefined;
    try {
      let target = entry.kind === 'profile' ? entry.target : undefined;
      if (!target) {
        // Loaded only for sandbox entries: a fleet of real targets never loads the sandbox's servers.
        const { startSandbox } = await import('../sandbox/operator.js');
        sandbox = await startSandbox({ defects: entry.kind === 'sandbox' ? entry.defects : [] });
        target = sandbox.target;
        operator = target.profile.operator.name;
      }
      if (options.dnsServers) target = { ...target, profile: { ...target.profile, dns: { ...target.profile.dns, servers: options.dnsServers } } };
      const targetSlots = new KeyedSemaphore(options.perEndpoint);
      deadline = options.targetDeadlineMs ? startDeadline(options.targetDeadlineMs, options.signal) : undefined;
      const report = await runTarget({
        target,
        instances: options.instances,
        asOf: options.asOf,
        timeouts: options.timeouts,
        policy: options.policy,
        catalogue: options.catalogue,
        failOn: options.failOn,
        selection: options.selection,
        now: options.now,
        redactor,
        env: options.env,
        signal: deadline?.signal ?? options.signal,
        strength: options.strength,
        limits: options.limits,
        pool,
        endpointSlots: { run: (key, fn) => hostSlots.run(hostOfKey(key), () => targetSlots.run(key, fn)) },
      });
      asOf ??= report.asOf;
      await options.onTargetReport?.(entry.id, report);
      return fleetTarget({ id: entry.id, source, operator, platform, report });
    } catch (err) {
      return fleetTarget({ id: entry.id, source, operator, platform, error: redactor.redact((err as Error)?.message ?? String(err)) });
    } finally {
      deadline?.dispose();
      await sandbox?.stop().catch(() => undefined);
    }
  };

  const targets = await Promise.all(
    options.entries.map((entry) =>
      targetsPool.run(async () => {
        const t = await runOne(entry);
        options.onTargetEnd?.(t);
        return t;
      }),
    ),
  );
  const finishedAt = options.now();
  return assembleFleetReport({
    targets,
    asOf: asOf ?? options.asOf,
    catalogue: options.catalogue,
    policy: options.policy.versioned,
    selection: options.selection,
    failOn: options.failOn,
    shards: options.shard ? [options.shard] : null,
    startedAt,
    finishedAt,
  });
}

/** The fleet report from its target rows (a run, or merged shards). */
export function assembleFleetReport(input: {
  targets: FleetTarget[];
  asOf: Date | string;
  catalogue: VersionedSource;
  policy: VersionedSource;
  selection: Report['selection'];
  failOn: Severity;
  shards: FleetReport['shards'];
  startedAt: Date;
  finishedAt: Date;
}): FleetReport {
  const targets = [...input.targets].sort((a, b) => a.id.localeCompare(b.id));
  return {
    schema: 'https://msscheck.dev/schemas/fleet-report/1.json',
    kind: 'fleet',
    tool: { name: 'msscheck', version: TOOL_VERSION, node: process.version },
    catalogue: input.catalogue,
    policy: input.policy,
    // As the targets' reports state it (the full instant), so that a fleet and its targets never disagree.
    asOf: typeof input.asOf === 'string' ? input.asOf : formatAsOf(input.asOf),
    selection: input.selection,
    shards: input.shards,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    durationMs: input.finishedAt.getTime() - input.startedAt.getTime(),
    ...summariseFleet(targets, input.failOn),
    targets,
  };
}
