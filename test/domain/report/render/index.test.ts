import { describe, expect, it } from '@jest/globals';
import { isReportFormat, renderReport, REPORT_FORMATS } from '../../../../lib/domain/report/render/index.js';
import { renderJson } from '../../../../lib/domain/report/render/json.js';
import { renderMarkdown } from '../../../../lib/domain/report/render/markdown.js';
import { renderSarif } from '../../../../lib/domain/report/render/sarif.js';
import { renderTable } from '../../../../lib/domain/report/render/table.js';
import { aMixedReport } from '../../../support/findings.js';

describe('renderReport', () => {
  it('lists the contract formats', () => {
    expect(REPORT_FORMATS).toEqual(['table', 'json', 'markdown', 'sarif']);
    expect(isReportFormat('sarif')).toBe(true);
    expect(isReportFormat('yaml')).toBe(false);
  });

  it('dispatches to the renderer of each format, passing the options', () => {
    const report = aMixedReport();
    const opts = { color: true, width: 72, informationUri: 'https://example.com/x' };

    expect(renderReport(report, 'table', opts)).toBe(renderTable(report, opts));
    expect(renderReport(report, 'json', opts)).toBe(renderJson(report));
    expect(renderReport(report, 'markdown', opts)).toBe(renderMarkdown(report));
    expect(renderReport(report, 'sarif', opts)).toBe(renderSarif(report, opts));
  });

  it('ends every format with exactly one newline', () => {
    for (const format of REPORT_FORMATS) {
      const text = renderReport(aMixedReport(), format);

      expect(text.endsWith('\n')).toBe(true);
      expect(text.endsWith('\n\n')).toBe(false);
    }
  });
});
