import { relative, resolve } from 'node:path';
import { translator } from '../../i18n/index.js';
import { writeCiOutputs } from '../../reporters/github.js';
import { lintMessages } from '../../message/lint-command.js';
import { loadPolicy } from '../../policy/index.js';
import { ConsoleReporter, parseFormats, renderers, writeReports } from '../../reporters/index.js';
import { runDirName } from '../../reporters/write.js';
import { InputError } from '../../util/input-error.js';
import type { Io } from '../main.js';
import { parseAsOf, parseSeverity } from '../options.js';
import { prepareOutput, writeOutputBundle, type EvidenceFlags } from '../bundle-output.js';
import { DEFAULT_POLICY_PATH } from '../../policy/index.js';
import { DEFAULT_RULES_FILE } from '../../message/rules-data.js';
import { checkInputFile } from '../../util/input-file.js';

export interface LintMessageFlags extends EvidenceFlags {
  asOf?: string;
  out?: string;
  format?: string;
  policy?: string;
  failOn?: string;
  strict?: boolean;
}

/**
 * `msscheck lint-message FILES`: the same reports and exit codes as `run`. With `--format json` and
 * no `--out`, the JSON report goes to standard output (nothing else is written there).
 */
export async function lintMessageCommand(files: string[], flags: LintMessageFlags, io: Io): Promise<number> {
  const asOf = parseAsOf(flags.asOf, io.now);
  const failOn = parseSeverity(flags.failOn, '--fail-on');
  const formats = parseFormats(flags.format ?? 'json,junit,html,md');
  const policy = loadPolicy(flags.policy ? resolve(io.cwd, flags.policy) : undefined);
  const paths = files.map((f) => resolve(io.cwd, f));
  // A path that is not a readable message file (missing, a directory, /dev/null, binary, too large)
  // is an input error: exit 2, no report. A readable text file that is not a message is linted.
  const problems = files.flatMap((f, i) => {
    try {
      checkInputFile(paths[i]!, { what: 'message', sizeLimit: 'messageFileBytes', text: true, shown: f });
      return [];
    } catch (err) {
      if (err instanceof InputError) return err.problems;
      throw err;
    }
  });
  if (problems.length) throw new InputError(problems);
  // Files are named by their path relative to the current folder (`sent/0001.eml`), never absolute.
  const names = paths.map((p) => relative(io.cwd, p) || p);
  const toStdout = !flags.out && formats.length === 1 && formats[0] === 'json';
  const outDir = flags.out ? resolve(io.cwd, flags.out) : resolve(io.cwd, 'reports', `lint-${runDirName(io.now().toISOString())}`);
  const output = await prepareOutput(flags, io, toStdout ? undefined : outDir);
  const report = await lintMessages(paths, { asOf, policy, failOn, names, strict: flags.strict === true });
  const bundleSources = { report, policyFile: flags.policy ? resolve(io.cwd, flags.policy) : DEFAULT_POLICY_PATH, rulesFile: DEFAULT_RULES_FILE, messages: paths.map((p, i) => ({ path: p, name: names[i] })), tr: translator(io.lang ?? 'en') };
  if (toStdout) {
    io.stdout.write(renderers.json(report, translator(io.lang ?? 'en')));
    await writeOutputBundle(output, bundleSources, io, io.stderr);
    return report.summary.exitCode;
  }
  const written = await writeReports(report, { outDir, formats, lang: io.lang, force: output.force });
  new ConsoleReporter({ stream: io.stdout, env: io.env, color: io.color, tr: translator(io.lang ?? 'en') }).onEnd(report);
  writeCiOutputs(report, { stdout: io.stdout, env: io.env, cwd: io.cwd, tr: translator(io.lang ?? 'en') });
  io.stdout.write(`${translator(io.lang ?? 'en').t('console-reports', { files: written.files.map((f) => relative(io.cwd, f) || f).join(', ') })}\n`);
  await writeOutputBundle(output, bundleSources, io);
  return report.summary.exitCode;
}
