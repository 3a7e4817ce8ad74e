export { approveProject } from './approve-project.js';
export type { ApproveReport } from './approve-report.js';
export { formatApproveJson, formatApproveText } from './format-approve.js';
export { formatApproveSarif } from './format-approve-sarif.js';
export { lockfileVerdicts } from './lockfile-verdicts.js';
export { diskProjectIo } from './project-io.js';
export { tarballScriptProbe } from './tarball-script-probe.js';
