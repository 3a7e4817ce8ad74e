/** A sweep or diff report in the format asked for (text colour only on a terminal that did not ask for NO_COLOR). */
import { formatDiffSarif, formatSweepSarif, type SweepLocator } from '../report/format-changes-sarif.js';
import { formatDiffHtml } from '../report/format-diff-html.js';
import { formatDiffMarkdown } from '../report/format-diff-markdown.js';
import { formatDiffJson, formatDiffText } from '../report/format-diff.js';
import { formatSweepHtml } from '../report/format-sweep-html.js';
import { formatSweepMarkdown } from '../report/format-sweep-markdown.js';
import { formatSweepJson, formatSweepText } from '../report/format-sweep.js';
import type { DiffReport } from '../report/diff-model.js';
import type { SarifLocation } from '../report/format-sarif.js';
import type { PackageHistory, SweepReport } from '../report/sweep-model.js';
import type { ChangeFormat } from './args/commands.js';

export interface SweepExtras {
  /** Read only for the HTML page. */
  readonly history: () => readonly PackageHistory[];
  /** Read only for SARIF. */
  readonly locator: () => Promise<SweepLocator>;
}

export async function renderSweep(report: SweepReport, format: ChangeFormat, color: boolean, extras: SweepExtras): Promise<string> {
  switch (format) {
    case 'json':
      return formatSweepJson(report);
    case 'markdown':
      return formatSweepMarkdown(report);
    case 'sarif':
      return formatSweepSarif(report, await extras.locator());
    case 'html':
      return formatSweepHtml(report, extras.history());
    case 'text':
      return formatSweepText(report, { color });
  }
}

export function renderDiff(report: DiffReport, format: ChangeFormat, color: boolean, location: SarifLocation | undefined): string {
  switch (format) {
    case 'json':
      return formatDiffJson(report);
    case 'markdown':
      return formatDiffMarkdown(report);
    case 'sarif':
      return formatDiffSarif(report, location);
    case 'html':
      return formatDiffHtml(report);
    case 'text':
      return formatDiffText(report, { color });
  }
}
