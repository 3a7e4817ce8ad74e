/** The JSON report (schemaVersion 1, DESIGN.md), and the shape printed when no analysis could be done. */
import type { AnalysisReport } from './report-model.js';

export function formatJson(report: AnalysisReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function formatJsonError(code: string, message: string): string {
  return `${JSON.stringify({ schemaVersion: 1, verdict: 'error', error: { code, message } }, null, 2)}\n`;
}
