/** Every file format msscheck writes, by the name `--format` takes, with its renderer and file name. */
import type { Report } from '../model/result.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';

export const REPORT_FORMATS = ['json', 'junit', 'html', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type Renderer = (report: Report) => string;

export const renderers: Record<ReportFormat, Renderer> = {
  json: renderJson,
  junit: renderJunit,
  html: renderHtml,
  md: renderMarkdown,
};

export const REPORT_FILE_NAMES: Record<ReportFormat, string> = {
  json: 'report.json',
  junit: 'junit.xml',
  html: 'report.html',
  md: 'summary.md',
};

/** Name of the checksum file written beside report.json. */
export const CHECKSUM_FILE_NAME = 'report.json.sha256';
