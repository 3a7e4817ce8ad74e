/** The options every command that runs analyses shares (pure). */
import { SEVERITIES, type Severity } from '../../events/finding.js';
import type { FlagValues } from './flags.js';
import { oneOf, wholeNumber } from './values.js';

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
  readonly artifactsDir?: string;
}

export function runOptions(values: FlagValues): RunOptions {
  const failOn = oneOf(values['fail-on'], SEVERITIES, '--fail-on');
  const timeoutSeconds = wholeNumber(values.timeout, '--timeout', 'a whole number of seconds');
  const runtime = oneOf(values.runtime, RUNTIMES, '--runtime');
  const concurrency = wholeNumber(values.concurrency, '--concurrency');
  return {
    policyFiles: values.policy ?? [],
    ...(failOn ? { failOn } : {}),
    ...(timeoutSeconds ? { timeoutSeconds } : {}),
    ...(runtime ? { runtime } : {}),
    ...(values.store !== undefined ? { storePath: values.store } : {}),
    ...(values['no-cache'] ? { noCache: true as const } : {}),
    ...(concurrency ? { concurrency } : {}),
    ...(values['no-fakenet'] ? { noFakenet: true as const } : {}),
    ...(values.artifacts !== undefined ? { artifactsDir: values.artifacts } : {}),
  };
}
