/**
 * Labels on every container, volume and network we create, so leftovers can
 * be found and reaped: the tool, the run, the role, and the owner (the
 * orchestrator process, see owner.ts).
 */
import { currentOwner, ownerLabels } from './owner.js';

export const LABEL_TOOL = 'dev.dynaudit.tool';
export const LABEL_RUN = 'dev.dynaudit.run';
export const LABEL_ROLE = 'dev.dynaudit.role';
export const TOOL_NAME = 'dynaudit';

export function runLabels(runId: string, role: string): Record<string, string> {
  return { [LABEL_TOOL]: TOOL_NAME, [LABEL_RUN]: runId, [LABEL_ROLE]: role, ...ownerLabels(currentOwner()) };
}
