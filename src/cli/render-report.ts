/** The report in the format asked for (text colour only on a terminal that did not ask for NO_COLOR). */
import { formatHtml, formatJson, formatSarif, formatText, type AnalysisReport } from '../report/index.js';
import type { Format } from './args/commands.js';
import { sarifLocation } from './sarif-location.js';

export interface RenderContext {
  /** The spec as the user gave it (a folder for local packages). */
  readonly spec: string;
  readonly cwd: string;
  readonly color: boolean;
}

export async function renderReport(report: AnalysisReport, format: Format, context: RenderContext): Promise<string> {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif': {
      const location = await sarifLocation(context.spec, report.package.name, context.cwd);
      return formatSarif(report, location ? { location } : {});
    }
    case 'html':
      return formatHtml(report);
    case 'text':
      return formatText(report, { color: context.color });
  }
}
