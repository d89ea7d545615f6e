import type { Report } from '../report.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif, type SarifOptions } from './sarif.js';
import { renderTable, type TableOptions } from './table.js';

/** Output formats of `--format` (docs/contracts.md "CLI"). */
export const REPORT_FORMATS = ['table', 'json', 'markdown', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Options of every renderer; each uses the ones that apply to it (colour and width: table; informationUri: sarif). */
export type RenderOptions = TableOptions & SarifOptions;

/** True when `value` is one of {@link REPORT_FORMATS}. */
export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** Renders the report in the given format; every format ends with a newline. */
export function renderReport(report: Report, format: ReportFormat, opts: RenderOptions = {}): string {
  switch (format) {
    case 'table':
      return renderTable(report, opts);
    case 'json':
      return renderJson(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'sarif':
      return renderSarif(report, opts);
  }
}

export { renderJson, renderMarkdown, renderSarif, renderTable };
export type { SarifOptions, TableOptions };
