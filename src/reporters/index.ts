export { renderers, REPORT_FORMATS, REPORT_FILE_NAMES, CHECKSUM_FILE_NAME, type ReportFormat, type Renderer } from './renderers.js';
export { writeReports, parseFormats, type WriteReportsOptions, type WrittenReports } from './write.js';
export { ConsoleReporter, type ProgressReporter, type ConsoleReporterOptions } from './console.js';
export { renderJson, canonicalise } from './json.js';
export { renderJunit } from './junit.js';
export { renderHtml } from './html.js';
export { renderMarkdown } from './markdown.js';
