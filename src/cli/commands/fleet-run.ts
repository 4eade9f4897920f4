import { relative, resolve } from 'node:path';
import { phrase } from '../../i18n/phrase.js';
import { discoverTargets, NO_CREDENTIAL_TAGS } from '../../fleet/discover.js';
import { loadFleetEntries, type FleetEntry } from '../../fleet/entries.js';
import { runFleet } from '../../fleet/run-fleet.js';
import { inShard, parseShard } from '../../fleet/shard.js';
import { FleetReportWriter } from '../../reporters/fleet/write.js';
import { fleetCounts } from '../../reporters/fleet/text.js';
import { translator } from '../../i18n/index.js';
import { runDirName } from '../../reporters/write.js';
import { loadScenarios, selectInstances } from '../../scenarios/loader.js';
import type { ScenarioInstance } from '../../scenarios/types.js';
import { InputError, saying } from '../../util/input-error.js';
import type { Io } from '../main.js';
import type { RunFlags } from './run.js';
import { fleetTargetDeadlineMs, startDeadline } from '../../engine/run-deadline.js';
import type { Policy } from '../../policy/types.js';
import { loadRunPolicy } from '../identification.js';
import { parseDnsServers, parseList, parsePositiveInt } from '../options.js';
import { parseSharedRunFlags } from '../run-flags.js';
import { loadRequirementsVersion } from '../requirements.js';

/** `run`'s flags, less the single target's, plus the fleet's own. */
export interface FleetRunFlags extends Omit<RunFlags, 'target' | 'sandboxDefects'> {
  targets?: string[];
  whitelist?: string;
  trustAnchors?: string;
  shard?: string;
  perHost?: string;
  parallelTargets?: string;
}

/** The fleet's targets: profiles given with --targets, or one per operator of a liste blanche. */
async function fleetEntries(flags: FleetRunFlags, io: Io, policy: Policy): Promise<FleetEntry[]> {
  if (flags.targets?.length && flags.whitelist) {
    throw new InputError({ field: '--whitelist', ...saying(phrase('flag-targets-and-whitelist'), phrase('flag-targets-and-whitelist-fix')) });
  }
  if (flags.targets?.length) return loadFleetEntries(flags.targets, io.cwd, policy);
  const whitelist = resolve(io.cwd, flags.whitelist!);
  const dns = { servers: parseDnsServers(flags.dnsServer), timeoutMs: 3000 };
  const discovered = await discoverTargets(whitelist, { dns, trustAnchors: parseList(flags.trustAnchors)?.map((p) => resolve(io.cwd, p)) });
  for (const d of discovered) for (const n of d.notes) io.stderr.write(`discover: ${d.id}: ${n}\n`);
  return discovered.map((d) => ({ id: d.id, kind: 'profile', path: `${whitelist}#${d.id}`, target: { profile: d.profile, source: `${whitelist}#${d.id}`, baseDir: io.cwd } }));
}

/**
 * `msscheck run --targets …` / `run --whitelist …`: the catalogue over many targets in one process,
 * optionally one shard of them (`--shard I/N`), into one fleet report.
 */
export async function fleetRunCommand(flags: FleetRunFlags, io: Io): Promise<number> {
  const { asOf, failOn, formats, timeouts, deadlineMs: deadlineFlag, limits } = parseSharedRunFlags(flags, io.now);
  const shard = parseShard(flags.shard);
  const concurrency = parsePositiveInt(flags.concurrency, '--concurrency') ?? 8;
  const perEndpoint = parsePositiveInt(flags.perEndpoint, '--per-endpoint') ?? 2;
  const perHost = parsePositiveInt(flags.perHost, '--per-host') ?? 4;
  const parallelTargets = parsePositiveInt(flags.parallelTargets, '--parallel-targets') ?? 4;
  const scenarios = loadScenarios(flags.scenarios ? resolve(io.cwd, flags.scenarios) : undefined);
  // A target from the liste blanche has no credential: by default only the families that need none.
  const tags = parseList(flags.tags) ?? (flags.whitelist && !flags.only ? [...NO_CREDENTIAL_TAGS] : undefined);
  const instances = selectInstances(scenarios.instances, parseList(flags.only), tags) as ScenarioInstance[];
  const policy = loadRunPolicy(flags.policy ? resolve(io.cwd, flags.policy) : undefined);
  const catalogue = loadRequirementsVersion();
  const all = await fleetEntries(flags, io, policy);
  const entries = all.filter((e) => inShard(e.id, shard));
  const outDir = flags.out ? resolve(io.cwd, flags.out) : resolve(io.cwd, 'reports', `fleet-${runDirName(io.now().toISOString())}${shard ? `-shard-${shard.index}-of-${shard.count}` : ''}`);

  const writer = await FleetReportWriter.open(outDir, { formats, force: flags.force, lang: io.lang });
  const tr = translator(io.lang ?? 'en');
  const controller = new AbortController();
  // --deadline bounds the whole fleet; each target also gets its own, counted from its start, with its
  // share of the fleet's scenario slots (the targets in progress share them).
  const deadline = deadlineFlag ? startDeadline(deadlineFlag, controller.signal) : undefined;
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (!flags.quiet) {
      const shardText = shard ? tr.t('fleet-console-shard', { index: shard.index, count: shard.count }) : '';
      io.stdout.write(`${tr.t('fleet-console-start', { selected: entries.length, total: all.length, shard: shardText, instances: instances.length })}\n`);
    }
    const fleet = await runFleet({
      entries,
      instances,
      asOf,
      policy,
      catalogue,
      failOn,
      selection: { only: parseList(flags.only), tags },
      shard,
      timeouts,
      concurrency,
      perHost,
      perEndpoint,
      parallelTargets,
      env: io.env,
      signal: deadline?.signal ?? controller.signal,
      strength: { strict: flags.strict === true },
      limits,
      targetDeadlineMs: fleetTargetDeadlineMs(instances, timeouts, { concurrency, targetsAtOnce: Math.min(parallelTargets, entries.length) }),
      dnsServers: parseDnsServers(flags.dnsServer),
      now: io.now,
      onTargetReport: (id, report) => writer.addTarget(id, report),
      onTargetEnd: (t) => {
        if (flags.quiet) return;
        const fails = Object.values(t.failuresBySeverity).reduce((a, b) => a + b, 0);
        const detail = `${fails ? tr.t('fleet-console-failing', { count: fails }) : ''}${t.error ? `: ${t.error}` : ''}`;
        io.stdout.write(`  ${tr.t('fleet-console-target', { verdict: tr.t(`fleet-verdict-${t.verdict}`).padEnd(14), id: t.id, detail })}\n`);
      },
    });
    const written = await writer.commit(fleet);
    io.stdout.write(`${tr.t('fleet-console-end', { verdict: tr.t(`fleet-verdict-${fleet.summary.verdict}`), counts: fleetCounts(fleet, tr) })}\n`);
    io.stdout.write(`${tr.t('fleet-console-reports', { files: written.files.map((f) => relative(io.cwd, f) || f).join(', ') })}\n`);
    return fleet.summary.exitCode;
  } catch (err) {
    await writer.abort();
    throw err;
  } finally {
    deadline?.dispose();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
