import { resolve } from 'node:path';
import { assertFileFree, writeFileAtomic } from '../../evidence/archive.js';
import { diffReports } from '../../evidence/diff.js';
import { renderDiffMarkdown } from '../../evidence/diff-markdown.js';
import { loadReportOrBundle } from '../../evidence/load-report.js';
import type { Io } from '../main.js';
import { parseSeverity } from '../options.js';

export interface DiffFlags {
  format?: string;
  out?: string;
  failOn?: string;
  force?: boolean;
}

/** `msscheck diff OLD NEW`: exit 1 when a scenario regressed (at or above --fail-on), else 0; 2 on bad input. */
export async function diffCommand(oldPath: string, newPath: string, flags: DiffFlags, io: Io): Promise<number> {
  const failOn = parseSeverity(flags.failOn, '--fail-on');
  const out = flags.out ? resolve(io.cwd, flags.out) : undefined;
  if (out) await assertFileFree(out, flags.force, '--out');
  const a = loadReportOrBundle(resolve(io.cwd, oldPath));
  const b = loadReportOrBundle(resolve(io.cwd, newPath));
  for (const w of [...a.warnings, ...b.warnings]) io.stderr.write(`warning: ${w}\n`);
  const diff = diffReports(a.report, b.report, { oldSource: oldPath, newSource: newPath, failOn });
  const text = flags.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : renderDiffMarkdown(diff);
  if (out) {
    await writeFileAtomic(out, Buffer.from(text, 'utf8'));
    io.stdout.write(`diff: ${flags.out} (${diff.regressed.length} regressed, ${diff.fixed.length} fixed, ${diff.changed.length} changed, ${diff.appeared.length} appeared, ${diff.disappeared.length} disappeared)\n`);
  } else io.stdout.write(text);
  return diff.regression ? 1 : 0;
}
