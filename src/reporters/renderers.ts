/** Every file format msscheck writes, by the name `--format` takes, with its renderer and file name. */
import type { Report } from '../model/result.js';
import type { Translator } from '../i18n/index.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';

export const REPORT_FORMATS = ['json', 'junit', 'html', 'md', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Renders a report as text in the translator's language (English when none is given). */
export type Renderer = (report: Report, tr?: Translator) => string;

export const renderers: Record<ReportFormat, Renderer> = {
  json: renderJson,
  junit: renderJunit,
  html: renderHtml,
  md: renderMarkdown,
  sarif: renderSarif,
};

export const REPORT_FILE_NAMES: Record<ReportFormat, string> = {
  json: 'report.json',
  junit: 'junit.xml',
  html: 'report.html',
  md: 'summary.md',
  sarif: 'report.sarif',
};

/** Name of the checksum file written beside report.json. */
export const CHECKSUM_FILE_NAME = 'report.json.sha256';
