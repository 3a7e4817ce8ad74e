/** The options every command that runs analyses shares (pure). */
import { PHASES } from '../../common/config.js';
import { SEVERITIES, type Severity } from '../../events/finding.js';
import type { PhaseName } from '../../events/types.js';
import type { FlagValues } from './flags.js';
import { oneOf, usageError, wholeNumber } from './values.js';

const RUNTIMES = ['runc', 'runsc'] as const;

export interface RunOptions {
  readonly policyFiles: readonly string[];
  readonly failOn?: Severity;
  readonly timeoutSeconds?: number;
  readonly runtime?: string;
  readonly storePath?: string;
  readonly noCache?: true;
  readonly concurrency?: number;
  readonly noFakenet?: true;
  readonly noVendorHosts?: true;
  readonly artifactsDir?: string;
  /** Redis URL of the queue the work goes to (`--queue`): workers analyze, this process stores and judges. */
  readonly queue?: string;
  /** `--phases`: the phases to run, in their order. */
  readonly phases?: readonly PhaseName[];
}

/** `install,import,execute` or part of it (install always: nothing is loaded before it), in the order they run. */
function phaseList(value: string | undefined): readonly PhaseName[] | undefined {
  if (value === undefined) return undefined;
  const named = value.split(',').map((name) => name.trim());
  for (const name of named) if (!(PHASES as readonly string[]).includes(name)) throw usageError(`--phases takes ${PHASES.join(',')} or part of it, got "${name}"`);
  if (!named.includes('install')) throw usageError('--phases must include install (nothing is loaded before it)');
  return PHASES.filter((phase) => named.includes(phase));
}

/** A `redis://` or `rediss://` (TLS) URL, or undefined when the flag is absent. */
export function queueUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^rediss?:\/\/[^/\s]+/.test(value)) throw usageError(`--queue must be a redis:// or rediss:// URL, got "${value}"`);
  return value;
}

export function runOptions(values: FlagValues): RunOptions {
  const failOn = oneOf(values['fail-on'], SEVERITIES, '--fail-on');
  const timeoutSeconds = wholeNumber(values.timeout, '--timeout', 'a whole number of seconds');
  const runtime = oneOf(values.runtime, RUNTIMES, '--runtime');
  const concurrency = wholeNumber(values.concurrency, '--concurrency');
  const queue = queueUrl(values.queue);
  const phases = phaseList(values.phases);
  if (queue && values.artifacts !== undefined) throw usageError('--artifacts keeps captures on this machine; with --queue the sandboxes run on the workers (set DYNAUDIT_ARTIFACTS_DIR there)');
  return {
    policyFiles: values.policy ?? [],
    ...(failOn ? { failOn } : {}),
    ...(timeoutSeconds ? { timeoutSeconds } : {}),
    ...(runtime ? { runtime } : {}),
    ...(values.store !== undefined ? { storePath: values.store } : {}),
    ...(values['no-cache'] ? { noCache: true as const } : {}),
    ...(concurrency ? { concurrency } : {}),
    ...(values['no-fakenet'] ? { noFakenet: true as const } : {}),
    ...(values['no-vendor-hosts'] ? { noVendorHosts: true as const } : {}),
    ...(values.artifacts !== undefined ? { artifactsDir: values.artifacts } : {}),
    ...(queue ? { queue } : {}),
    ...(phases ? { phases } : {}),
  };
}
