import { Command, CommanderError, Option } from 'commander';
import { InputError, saying } from '../util/input-error.js';
import { phrase } from '../i18n/phrase.js';
import { Redactor } from '../util/redact.js';
import { TOOL_VERSION } from '../version.js';
import { LANGS, isLang, langFromEnv, translator, type Lang } from '../i18n/index.js';
import { pipeSafe } from '../util/terminal.js';
import { translateHelp } from '../i18n/help.js';
import { localiseCommander } from '../i18n/commander.js';
import type { RunFlags } from './commands/run.js';

// Commands are imported lazily, in their action: `--help`, `list` or `policy` must not load
// oidc-provider, imapflow or ajv. This file only declares commands and flags (cheap to load);
// keep it so — no static import of ./commands/* here (test/cli/lazy-imports.test.ts checks).

/** Exit codes of PRODUCT.md. */
export const EXIT = { conformant: 0, nonConformant: 1, input: 2, incomplete: 3 } as const;

/** Where a command writes; tests pass their own. */
export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  cwd: string;
  /** The user's language (`--lang`, else from LANG); set by main for each command. */
  lang?: Lang;
  /** `--color` / `--no-color` when given; undefined: decide from the environment (terminal.ts). */
  color?: boolean;
}

/** The process's own streams, safe when piped into a reader that goes away (`| head`). */
const defaultIo = (): Io => ({ stdout: pipeSafe(process.stdout), stderr: pipeSafe(process.stderr), env: process.env, now: () => new Date(), cwd: process.cwd() });

/** `--lang` as written anywhere in argv (help is printed before options are parsed). */
function langFromArgv(argv: string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i] === '--lang' ? argv[i + 1] : argv[i]!.startsWith('--lang=') ? argv[i]!.slice(7) : undefined;
    if (v !== undefined && isLang(v)) return v;
  }
  return undefined;
}

/** The command names whose `--help` shows examples from the message catalogue (`help-examples-<name>`). */
const COMMANDS_WITH_EXAMPLES = ['run', 'sandbox', 'list', 'explain', 'validate', 'lint-message', 'verify', 'diff', 'policy', 'requirements'] as const;

/**
 * `msscheck run` (one target): the sandbox, when there is no --target, is prepared first (its worker
 * starts loading) while the run's modules load, then the run takes it (and stops it in any case).
 */
function runAgainstTarget(opts: RunFlags, io: Io): Promise<number> {
  const early = import('./sandbox-start.js').then((m) => m.prepareRunSandbox(opts, io.env));
  const run = import('./commands/run.js').then(async (m) => m.runCommand(opts, io, await early));
  run.catch(() => early.then((e) => e?.sandbox.stop(), () => undefined));
  return run;
}

/** Builds the commander program; each action resolves to an exit code stored in `code.value`. */
export function buildProgram(io: Io, code: { value: number }, helpLang: Lang = langFromEnv(io.env)): Command {
  const program = new Command('msscheck')
    .description('Conformance test suite for MSSanté operators, platforms and client software')
    .version(TOOL_VERSION)
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .addOption(new Option('--lang <lang>', 'language of the console and the reports (default: from LANG)').choices(LANGS))
    .option('--color', 'colour even on a pipe')
    .option('--no-color', 'no colour (also: NO_COLOR=1, TERM=dumb)')
    .exitOverride();

  /** The Io a command gets: the global --lang and --color/--no-color applied. */
  const withGlobals = (): Io => {
    const g = program.opts<{ lang?: Lang; color?: boolean }>();
    return { ...io, lang: g.lang ?? io.lang ?? langFromEnv(io.env), color: program.getOptionValueSource('color') === 'cli' ? g.color : io.color };
  };
  const set = (p: Promise<number> | number): Promise<void> => Promise.resolve(p).then((c) => void (code.value = c));

  program
    .command('run')
    .description('run the catalogue against a target (the built-in sandbox when no --target is given)')
    .option('--target <file>', 'target profile (YAML)')
    .option('--sandbox-defects <list>', 'run against the sandbox with these named defects switched on')
    .option('--only <ids>', 'scenario ids (or ID/variant, or PREFIX*), comma-separated')
    .option('--tags <tags>', 'tags or families, comma-separated (any of them)')
    .option('--as-of <date>', 'judge as of this instant: a day YYYY-MM-DD (its start in Europe/Paris) or a date-time; default: now')
    .option('--out <dir>', 'report folder (default reports/<timestamp>, with reports/latest)')
    .option('--format <list>', 'report formats: json,junit,html,md,sarif', 'json,junit,html,md')
    .addOption(new Option('--fail-on <severity>', 'CI gate: lowest severity whose failure fails the run (exit 1); the verdict stays the truth').choices(['critical', 'high', 'medium', 'low', 'info']).default('info'))
    .option('--policy <file>', 'identification deadline policy replacing the default')
    .option('--scenarios <dir>', 'scenario catalogue folder replacing the built-in one')
    .option('--concurrency <n>', 'scenarios run at once (default: 4; 32 against the built-in sandbox)')
    .option('--per-endpoint <n>', 'connections to one endpoint at once (default: 2; 16 against the built-in sandbox)')
    .option('--connect-timeout <duration>', 'connect timeout for every step (e.g. 5s), overrides scenarios')
    .option('--idle-timeout <duration>', 'idle timeout for every step, overrides scenarios')
    .option('--timeout <duration>', 'overall timeout for every step, overrides scenarios')
    .option('--dns-server <list>', "DNS resolver(s) for the DNS scenarios, IP or IP:PORT, comma-separated (overrides the profile's dns.servers)")
    .option('--deadline <duration>', 'bound on the whole run (e.g. 10m); unfinished scenarios become error "deadline" (default: from the selection)')
    .option('--limit <name=value>', 'raise or lower a bound of limits/default.yaml (e.g. httpBodyBytes=4M); repeatable', (v: string, all: string[] = []) => [...all, v])
    .option('-q, --quiet', 'no live progress, only the summary')
    .option('--strict', 'rules resting on secondary sources (S) fail instead of warning (unconfirmed ones still give review)')
    .option('-v, --verbose', 'also each step and each exchange of every scenario, summarised')
    .option('--targets <paths...>', 'fleet: many target profiles (files or folders; `sandbox[:defect+defect]` for the sandbox), one report')
    .option('--whitelist <file>', 'fleet: one target per operator of this liste blanche (MX and SRV records, no credential)')
    .option('--trust-anchors <list>', 'with --whitelist: IGC-Santé trust anchor files for the discovered targets')
    .option('--shard <i/n>', 'fleet: run only the I-th of N stable shares of the targets (1-based)')
    .option('--per-host <n>', 'fleet: connections to one host at once over all targets', '4')
    .option('--parallel-targets <n>', 'fleet: targets in progress at once', '4');
  evidenceOptions(program.commands.at(-1)!).action((opts) =>
    set(
      opts.targets || opts.whitelist
        ? opts.bundle || opts.signKey
          ? Promise.reject(new InputError({ field: '--bundle', ...saying(phrase('flag-bundle-fleet'), phrase('flag-bundle-fleet-fix')) }))
          : import('./commands/fleet-run.js').then((m) => m.fleetRunCommand(opts, withGlobals()))
        : runAgainstTarget(opts, withGlobals()),
    ),
  );

  program
    .command('merge-reports <dirs...>')
    .description('join the fleet reports of shards (run --targets … --shard I/N) into one')
    .option('--out <dir>', 'report folder (default reports/fleet-merged-<timestamp>)')
    .option('--format <list>', 'report formats for the targets: json,junit,html,md', 'json,junit,html,md')
    .option('--force', 'replace --out if it already holds files')
    .action((dirs, opts) => set(import('./commands/merge-reports.js').then((m) => m.mergeReportsCommand(dirs, opts, withGlobals()))));

  program
    .command('discover')
    .description('one minimal target profile per operator of the liste blanche (MX, RFC 6186 SRV)')
    .requiredOption('--whitelist <file>', 'the liste blanche (ListeBlancheMSSante XML)')
    .option('--dns-server <list>', 'DNS resolver(s), IP or IP:PORT, comma-separated; default: the system resolver')
    .option('--trust-anchors <list>', 'IGC-Santé trust anchor files to put in each profile')
    .option('--out <dir>', 'write one profile per operator into this folder (else print them)')
    .option('--force', 'overwrite profiles in a folder that already holds files')
    .option('--json', 'print JSON')
    .action((opts) => set(import('./commands/discover.js').then((m) => m.discoverCommand(opts, withGlobals()))));

  program
    .command('sandbox')
    .description('start the built-in sandbox operator alone and print its target profile')
    .option('--defects <list>', 'named defects to switch on')
    .option('--print-target <file>', 'also write the target profile to this file')
    .option('--store <dir>', 'write every message the sandbox accepts to this folder as .eml (for lint-message)')
    .option('--list-defects', 'list the named defects and the scenarios each must make fail')
    .option('--json', 'with --list-defects: JSON output')
    .action((opts) => set(import('./commands/sandbox.js').then((m) => m.sandboxCommand(opts, withGlobals()))));
  program.commands
    .find((c) => c.name() === 'sandbox')!
    .command('token')
    .description('a fresh XOAUTH2 access token for a test identity, from the running sandbox (sandbox only)')
    .requiredOption('--identity <name>', 'test identity: its address or the part before @ (e.g. dr.approve)')
    .option('--target <file>', 'profile of the running sandbox (default: the one `msscheck sandbox` records)')
    .option('--sasl', 'print the SASL XOAUTH2 initial response (base64) instead of the token')
    .option('--json', 'address, token, lifetime and SASL response as JSON')
    .action((opts) => set(import('./commands/sandbox.js').then((m) => m.sandboxTokenCommand(opts, withGlobals()))));

  program
    .command('list')
    .description('list the scenarios (and with --probes, the probes)')
    .option('--scenarios <dir>', 'scenario catalogue folder')
    .option('--tags <tags>', 'only these tags or families')
    .option('--probes', 'list the probes instead')
    .option('--json', 'JSON output')
    .action((opts) => set(import('./commands/list.js').then((m) => m.listCommand(opts, withGlobals()))));

  program
    .command('explain <id>')
    .description('show one scenario or requirement in full')
    .option('--scenarios <dir>', 'scenario catalogue folder')
    .option('--json', 'JSON output')
    .action((id, opts) => set(import('./commands/explain.js').then((m) => m.explainCommand(id, opts, withGlobals()))));

  program
    .command('validate <files...>')
    .description('check scenario, target and policy files against their schemas; a target profile also gets a preflight (files readable, env: references set, hosts resolvable)')
    .option('--no-preflight', 'schema checks only: no file, environment or DNS look-up')
    .action((files, opts) => set(import('./commands/validate.js').then((m) => m.validateCommand(files, withGlobals(), opts))));

  program
    .command('lint-message <files...>')
    .description('check .eml files written by client software')
    .option('--as-of <date>', 'judge as of this instant: a day YYYY-MM-DD (its start in Europe/Paris) or a date-time; default: now')
    .option('--out <dir>', 'report folder')
    .option('--format <list>', 'report formats: json,junit,html,md,sarif')
    .option('--policy <file>', 'deadline policy replacing the default')
    .addOption(new Option('--fail-on <severity>', 'lowest severity whose failure fails the lint').choices(['critical', 'high', 'medium', 'low', 'info']).default('info'))
    .option('--strict', 'rules resting on secondary sources (S) fail instead of warning (unconfirmed ones still give review)');
  evidenceOptions(program.commands.at(-1)!).action((files, opts) => set(import('./commands/lint-message.js').then((m) => m.lintMessageCommand(files, opts, withGlobals()))));

  program
    .command('verify <bundle>')
    .description('check an evidence bundle: every file against its SHA-256, and the signature with --key')
    .option('--key <file>', "the signer's public key (PEM: public key, certificate or private key)")
    .option('--list', 'list every file checked')
    .option('--json', 'JSON output')
    .action((bundle, opts) => set(import('./commands/verify.js').then((m) => m.verifyCommand(bundle, opts, withGlobals()))));

  program
    .command('diff <old> <new>')
    .description('what changed between two runs (report.json, report folder or bundle): exit 1 when something regressed')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'json']).default('md'))
    .option('--out <file>', 'write the diff to this file instead of standard output')
    .addOption(new Option('--fail-on <severity>', 'lowest severity whose regression exits 1').choices(['critical', 'high', 'medium', 'low', 'info']).default('info'))
    .option('--force', 'replace --out when it exists')
    .action((a, b, opts) => set(import('./commands/diff.js').then((m) => m.diffCommand(a, b, opts, withGlobals()))));

  program
    .command('policy')
    .description('which identification means are allowed on a date, and why')
    .option('--as-of <date>', 'the day (YYYY-MM-DD, Europe/Paris) or a date-time; default: now')
    .option('--policy <file>', 'policy file replacing the default')
    .option('--context <context>', 'sensitive-service, remote-access or patient-access', 'sensitive-service')
    .option('--json', 'JSON output')
    .action((opts) => set(import('./commands/policy.js').then((m) => m.policyCommand(opts, withGlobals()))));

  program
    .command('requirements')
    .description('the requirement catalogue; --coverage: which requirements have scenarios')
    .option('--coverage', 'show coverage by scenarios')
    .option('--scenarios <dir>', 'scenario catalogue folder')
    .option('--json', 'JSON output')
    .action((opts) => set(import('./commands/requirements.js').then((m) => m.requirementsCommand(opts, withGlobals()))));

  const tr = translator(helpLang);
  /** The catalogue's example block: a heading line, then one example per line, indented. */
  const examples = (id: string): string => `\n${tr.t(id).split('\n').map((l, i) => (i === 0 ? l : `  ${l}`)).join('\n')}\n`;
  for (const name of COMMANDS_WITH_EXAMPLES) program.commands.find((c) => c.name() === name)?.addHelpText('after', examples(`help-examples-${name}`));
  program.addHelpText('after', examples('help-examples-main'));
  translateHelp(program, helpLang);
  localiseCommander(program, helpLang);
  return program;
}

/** The evidence flags `run` and `lint-message` share (src/cli/bundle-output.ts). */
function evidenceOptions(cmd: Command): Command {
  return cmd
    .option('--bundle <file>', 'also write a signed-or-not evidence bundle (ZIP): reports, transcripts, certificate chains, profile, inputs, manifest')
    .option('--sign-key <file>', 'sign the bundle manifest (in-toto Statement in a DSSE envelope) with this Ed25519 or ECDSA P-256 private key (PEM)')
    .option('--sign-key-passphrase <ref>', 'passphrase of --sign-key, by reference: env:NAME or file:PATH')
    .option('--force', 'replace a report already in --out, or an existing --bundle file');
}

/** Runs the CLI and returns its exit code; never calls process.exit (tests call it in-process). */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const code = { value: 0 };
  const lang = langFromArgv(argv) ?? langFromEnv(io.env);
  const tr = translator(lang);
  const program = buildProgram(io, code, lang);
  try {
    await program.parseAsync(argv);
    return code.value;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      // commander already printed its message; add the fix.
      io.stderr.write(`${tr.t('cli-fix-help')}\n`);
      return EXIT.input;
    }
    if (err instanceof InputError) {
      io.stderr.write(`${tr.t('cli-invalid-input')}\n${err.format(tr)}\n`);
      return EXIT.input;
    }
    io.stderr.write(`${tr.t('cli-internal-error', { detail: new Redactor().redact((err as Error)?.stack ?? String(err)) })}\n`);
    return EXIT.incomplete;
  }
}
