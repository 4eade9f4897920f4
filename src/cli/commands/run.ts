import { relative, resolve } from 'node:path';
import { phrase, renderPhrase } from '../../i18n/phrase.js';
import type { ScenarioInstance } from '../../scenarios/types.js';
import { loadScenarios, selectInstances } from '../../scenarios/loader.js';
import { loadTargetFile, type ResolvedTarget } from '../../target/profile.js';
import { ProbeError } from '../../probes/types.js';
import { prepareSandbox, type PreparedSandbox, type RunSandbox } from '../sandbox-start.js';
import { InputError, saying } from '../../util/input-error.js';
import { Redactor } from '../../util/redact.js';
import { defaultDeadlineMs, startDeadline } from '../../engine/run-deadline.js';
import type { Io } from '../main.js';
import { parseDnsServers, parseList, parsePositiveInt } from '../options.js';
import { parseSharedRunFlags } from '../run-flags.js';
import { loadRunPolicy } from '../identification.js';
import { runTarget } from '../run-target.js';
import { loadRequirementsVersion, unknownRequirementCitations } from '../requirements.js';
import { ConsoleReporter, writeReports } from '../../reporters/index.js';
import { runDirName } from '../../reporters/write.js';
import { translator } from '../../i18n/index.js';
import { writeCiOutputs } from '../../reporters/github.js';
import { OidcRun } from '../../probes/oidc/oidc-run.js';
import { waitDisplay, type WaitDisplay } from '../../reporters/heartbeat.js';
import { cursorControl } from '../../util/terminal.js';
import { prepareOutput, writeOutputBundle, type EvidenceFlags } from '../bundle-output.js';
import { runBundleSources } from '../run-bundle.js';

export interface RunFlags extends EvidenceFlags {
  target?: string;
  sandboxDefects?: string;
  only?: string;
  tags?: string;
  asOf?: string;
  out?: string;
  format?: string;
  failOn?: string;
  policy?: string;
  scenarios?: string;
  concurrency?: string;
  perEndpoint?: string;
  connectTimeout?: string;
  idleTimeout?: string;
  timeout?: string;
  dnsServer?: string;
  deadline?: string;
  limit?: string[];
  quiet?: boolean;
  verbose?: boolean;
  strict?: boolean;
}

/** Exit code of a run that could not complete (EXIT.incomplete of cli/main.ts). */
const EXIT_INCOMPLETE = 3;

/** Scenarios in flight and connections per endpoint against the built-in sandbox, unless given. */
const SANDBOX_CONCURRENCY = 32;
const SANDBOX_PER_ENDPOINT = 16;

/**
 * `msscheck run`. Every input is read and checked before any network action, so that bad input
 * exits 2 with nothing started and nothing written.
 */
export async function runCommand(flags: RunFlags, io: Io, early?: RunSandbox): Promise<number> {
  const defects = parseList(flags.sandboxDefects) ?? [];
  if (flags.target && defects.length) {
    throw new InputError({ field: '--sandbox-defects', ...saying(phrase('flag-defects-with-target'), phrase('flag-defects-with-target-fix')) });
  }
  // Against the sandbox: it is prepared now, or already (`early`, by cli/main.ts while this module
  // loaded: prepareRunSandbox): its modules load while the inputs are read
  // (a run against a real target never loads it), and it listens only once every input is checked.
  // A worker that dies during the run aborts what is still running (`crashed`).
  const crashed: Crashed = early?.crashed ?? {};
  const sandbox = flags.target ? undefined : (early?.sandbox ?? prepareSandbox(defects, io.env, (e) => crashed.abort?.(e)));
  try {
    return await runChecked(flags, io, sandbox, crashed);
  } finally {
    await sandbox?.stop();
  }
}

/** Set once the run is under way: what to do if the sandbox's worker dies. */
interface Crashed {
  abort?: (e: ProbeError) => void;
}

async function runChecked(flags: RunFlags, io: Io, sandbox: PreparedSandbox | undefined, crashed: Crashed): Promise<number> {
  const { asOf, failOn, formats, timeouts, deadlineMs: deadlineFlag, limits: limitFlags } = parseSharedRunFlags(flags, io.now);
  // The built-in sandbox runs on loopback, with no login penalty nor connection limit: its whole
  // catalogue may be in flight at once. A real target keeps the polite defaults.
  const concurrency = parsePositiveInt(flags.concurrency, '--concurrency') ?? (flags.target ? 4 : SANDBOX_CONCURRENCY);
  const perEndpoint = parsePositiveInt(flags.perEndpoint, '--per-endpoint') ?? (flags.target ? 2 : SANDBOX_PER_ENDPOINT);
  const dnsServers = parseDnsServers(flags.dnsServer);
  const scenarios = loadScenarios(flags.scenarios ? resolve(io.cwd, flags.scenarios) : undefined);
  const requirements = loadRequirementsVersion();
  for (const u of unknownRequirementCitations(scenarios.scenarios)) {
    io.stderr.write(`warning: scenario ${u.scenario} cites requirement ids the catalogue lacks: ${u.ids.join(', ')}\n`);
  }
  const instances = selectInstances(scenarios.instances, parseList(flags.only), parseList(flags.tags));
  const policy = loadRunPolicy(flags.policy ? resolve(io.cwd, flags.policy) : undefined);
  const fileTarget = flags.target ? loadTargetFile(resolve(io.cwd, flags.target), undefined, policy) : undefined;
  const outDir = flags.out ? resolve(io.cwd, flags.out) : resolve(io.cwd, 'reports', runDirName(io.now().toISOString()));
  const output = await prepareOutput(flags, io, outDir);

  const redactor = new Redactor();
  const controller = new AbortController();
  const deadline = startDeadline(deadlineFlag ?? defaultDeadlineMs(instances as ScenarioInstance[], timeouts, concurrency), controller.signal);
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  crashed.abort = (e) => {
    io.stderr.write(`${translator(io.lang ?? 'en').t('console-warning', { message: redactor.redact(e.message) })}\n`);
    controller.abort(e);
  };
  let oidc: OidcRun | undefined;
  let waiting: WaitDisplay | undefined;
  try {
    let target: ResolvedTarget;
    if (fileTarget) {
      target = fileTarget;
      // A real Pro Santé Connect waits for a person: show the countdown (never a secret).
      // On a CI log: a line when the wait starts, then a heartbeat every 30 s (reporters/heartbeat.ts).
      if (!flags.quiet) {
        waiting = waitDisplay(io.stderr, { tr: translator(io.lang ?? 'en'), tty: cursorControl(io.stderr as { isTTY?: boolean }, io.env) });
        oidc = new OidcRun({ progress: waiting.hook });
      }
    } else {
      try {
        target = await sandbox!.start(deadline.signal);
      } catch (err) {
        // Bad input (an unknown defect) exits 2; any other failure to start (the worker failed or did
        // not start in time, Ctrl-C or the deadline during the start) ends the run before any scenario.
        if (err instanceof InputError) throw err;
        const tr = translator(io.lang ?? 'en');
        const reason = err instanceof ProbeError && err.phrase ? renderPhrase(err.phrase, tr) : err instanceof Error ? err.message : String(err);
        io.stderr.write(`${tr.t('console-sandbox-not-started', { reason: redactor.redact(reason) })}\n`);
        return EXIT_INCOMPLETE;
      }
    }
    if (dnsServers) target.profile.dns = { ...target.profile.dns, servers: dnsServers };
    const progress = new ConsoleReporter({ stream: io.stdout, env: io.env, color: io.color, tr: translator(io.lang ?? 'en'), verbose: flags.verbose });
    const live = flags.quiet !== true;
    if (live) progress.onStart(instances.length);
    const report = await runTarget({
      target,
      instances: instances as ScenarioInstance[],
      asOf,
      timeouts,
      concurrency,
      perEndpoint,
      redactor,
      oidc,
      policy,
      catalogue: requirements,
      failOn,
      strength: { strict: flags.strict === true },
      selection: { only: parseList(flags.only), tags: parseList(flags.tags) },
      now: io.now,
      env: io.env,
      limits: limitFlags,
      signal: deadline.signal,
      onScenarioStart: (i) => live && progress.onScenarioStart(i.id),
      onScenarioEnd: (r) => live && progress.onScenarioEnd(r),
    });
    if (deadline.expired) io.stderr.write(`warning: the run's deadline (${deadline.ms} ms) passed; unfinished scenarios are "error" (deadline)\n`);
    const written = await writeReports(report, { outDir, formats, lang: io.lang, force: output.force, latestLink: flags.out ? undefined : resolve(io.cwd, 'reports', 'latest') });
    progress.onEnd(report);
    writeCiOutputs(report, { stdout: io.stdout, env: io.env, cwd: io.cwd, tr: translator(io.lang ?? 'en') });
    io.stdout.write(`${translator(io.lang ?? 'en').t('console-reports', { files: written.files.map((f) => relative(io.cwd, f) || f).join(', ') })}\n`);
    await writeOutputBundle(output, runBundleSources({ report, target, scenarios, instances, policyFile: flags.policy ? resolve(io.cwd, flags.policy) : undefined, redactor, tr: translator(io.lang ?? 'en') }), io);
    for (const w of written.warnings) io.stderr.write(`${translator(io.lang ?? 'en').t('console-warning', { message: w })}\n`);
    return report.summary.exitCode;
  } finally {
    deadline.dispose();
    waiting?.stop();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
