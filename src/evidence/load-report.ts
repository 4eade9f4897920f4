/**
 * Reading a report for `diff`: a report.json, a report folder holding one, or an evidence bundle
 * (its reports/report.json, after checking that file against the bundle's manifest).
 */
import { phrase } from '../i18n/phrase.js';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../model/result.js';
import { InputError, saying } from '../util/input-error.js';
import { looksLikeZip } from './archive.js';
import { UnreadableBundle, verifyBundle } from './verify.js';
import { openBundle } from './verify.js';

export const BUNDLE_REPORT_PATH = 'reports/report.json';

function parseReport(text: string, file: string): Report {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new InputError({ file, ...saying(phrase('report-not-json', { detail: (err as Error).message }), phrase('report-give')) });
  }
  const r = v as Partial<Report>;
  if (typeof r !== 'object' || r === null || !Array.isArray(r.scenarios) || typeof r.kind !== 'string') {
    throw new InputError({ file, ...saying(phrase('report-not-msscheck'), phrase('report-not-msscheck-fix')) });
  }
  return r as Report;
}

export function loadReportOrBundle(path: string): { report: Report; from: 'report' | 'bundle'; warnings: string[] } {
  let file = path;
  try {
    if (statSync(path).isDirectory()) file = join(path, 'report.json');
  } catch (err) {
    throw new InputError({ file: path, ...saying(phrase('report-unreadable', { detail: (err as NodeJS.ErrnoException).code ?? (err as Error).message }), phrase('input-check-path')) });
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new InputError({ file, ...saying(phrase('report-unreadable', { detail: (err as NodeJS.ErrnoException).code ?? (err as Error).message }), phrase('report-folder-fix')) });
  }
  if (!looksLikeZip(bytes)) return { report: parseReport(bytes.toString('utf8'), file), from: 'report', warnings: [] };
  try {
    const { files } = openBundle(bytes);
    const json = files.get(BUNDLE_REPORT_PATH);
    if (!json) throw new InputError({ file, ...saying(phrase('report-bundle-no-report', { path: BUNDLE_REPORT_PATH }), phrase('report-bundle-no-report-fix')) });
    const check = verifyBundle(bytes);
    const warnings = check.problems.filter((p) => p.file === BUNDLE_REPORT_PATH || p.file === 'manifest.json').map((p) => `${file}: ${p.file}: ${p.problem} (run \`msscheck verify\`)`);
    return { report: parseReport(Buffer.from(json).toString('utf8'), `${file}:${BUNDLE_REPORT_PATH}`), from: 'bundle', warnings };
  } catch (err) {
    if (err instanceof UnreadableBundle) throw new InputError({ file, ...saying(err.phrase, phrase('report-give')) });
    throw err;
  }
}
