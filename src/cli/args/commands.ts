/** The commands of the CLI, parsed (pure): one parser per command, each naming the flags it takes. */
import { MANAGERS, type Manager } from '../../approve/types.js';
import { RUN_FLAGS, type FlagName, type FlagValues } from './flags.js';
import { queueUrl, runOptions, type RunOptions } from './run-options.js';
import { oneOf, usageError, wholeNumber } from './values.js';

const FORMATS = ['text', 'json', 'sarif', 'html'] as const;
export type Format = (typeof FORMATS)[number];
/** sweep and diff also write Markdown (to paste into a chat or an issue). */
const CHANGE_FORMATS = [...FORMATS, 'markdown'] as const;
export type ChangeFormat = (typeof CHANGE_FORMATS)[number];
const LOCKFILE_MODES = ['batch', 'isolated'] as const;
type LockfileModeFlag = (typeof LOCKFILE_MODES)[number];

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'clean'; readonly all: boolean }
  | { readonly kind: 'worker'; readonly queue: string; readonly concurrency?: number }
  | (RunOptions & { readonly kind: 'analyze'; readonly spec: string; readonly format: Format })
  | (RunOptions & {
      readonly kind: 'lockfile';
      readonly lockfile: string;
      readonly format: 'text' | 'json';
      readonly mode?: (typeof LOCKFILE_MODES)[number];
    })
  | (RunOptions & {
      readonly kind: 'approve';
      readonly dir: string;
      readonly manager?: Manager;
      readonly approveMode: 'write' | 'dry-run' | 'check';
      readonly format: 'text' | 'json' | 'sarif';
    })
  | (RunOptions & { readonly kind: 'sweep'; readonly file: string; readonly format: ChangeFormat; readonly mode?: LockfileModeFlag })
  | (RunOptions & { readonly kind: 'diff'; readonly from: string; readonly to: string; readonly format: ChangeFormat });

export interface CommandParser {
  /** The flags it takes besides --help. */
  readonly flags: readonly FlagName[];
  parse(values: FlagValues, args: readonly string[]): Command;
}

function formatOf<T extends ChangeFormat>(values: FlagValues, allowed: readonly T[], command: string, known: readonly ChangeFormat[] = FORMATS): T {
  const format = oneOf(values.format, known, '--format') ?? 'text';
  if (!(allowed as readonly string[]).includes(format)) throw usageError(`${command} reports as ${allowed.join(' or ')}, not "${format}"`);
  return format as T;
}

export const COMMANDS: Readonly<Record<string, CommandParser>> = {
  analyze: {
    flags: ['format', ...RUN_FLAGS],
    parse: (values, args) => {
      if (args.length !== 1) throw usageError('analyze takes exactly one package spec');
      return { kind: 'analyze', spec: args[0]!, format: formatOf(values, FORMATS, 'analyze'), ...runOptions(values) };
    },
  },
  lockfile: {
    flags: ['format', 'mode', ...RUN_FLAGS],
    parse: (values, args) => {
      if (args.length !== 1) throw usageError('lockfile takes exactly one lockfile path');
      const mode = oneOf(values.mode, LOCKFILE_MODES, '--mode');
      if (mode === 'isolated' && values.queue !== undefined) throw usageError('--queue sends batches to workers; --mode isolated runs on this machine only');
      return { kind: 'lockfile', lockfile: args[0]!, format: formatOf(values, ['text', 'json'], 'lockfile'), ...runOptions(values), ...(mode ? { mode } : {}) };
    },
  },
  approve: {
    flags: ['format', 'manager', 'dry-run', 'check', ...RUN_FLAGS],
    parse: (values, args) => {
      if (args.length > 1) throw usageError('approve takes at most one project folder');
      if (values['dry-run'] && values.check) throw usageError('--dry-run and --check do not go together');
      const format = formatOf(values, ['text', 'json', 'sarif'], 'approve');
      if (format === 'sarif' && !values.check) throw usageError('approve reports as text or json (and sarif with --check), not "sarif"');
      const manager = oneOf(values.manager, MANAGERS, '--manager');
      return {
        kind: 'approve',
        dir: args[0] ?? '.',
        approveMode: values.check ? 'check' : values['dry-run'] ? 'dry-run' : 'write',
        format,
        ...runOptions(values),
        ...(manager ? { manager } : {}),
      };
    },
  },
  sweep: {
    flags: ['format', 'mode', ...RUN_FLAGS],
    parse: (values, args) => {
      if (args.length !== 1) throw usageError('sweep takes exactly one sweep file');
      const mode = oneOf(values.mode, LOCKFILE_MODES, '--mode');
      return { kind: 'sweep', file: args[0]!, format: formatOf(values, CHANGE_FORMATS, 'sweep', CHANGE_FORMATS), ...runOptions(values), ...(mode ? { mode } : {}) };
    },
  },
  diff: {
    flags: ['format', ...RUN_FLAGS],
    parse: (values, args) => {
      if (args.length !== 2) throw usageError('diff takes two package versions, name@a and name@b');
      return { kind: 'diff', from: args[0]!, to: args[1]!, format: formatOf(values, CHANGE_FORMATS, 'diff', CHANGE_FORMATS), ...runOptions(values) };
    },
  },
  worker: {
    flags: ['queue', 'concurrency'],
    parse: (values, args) => {
      if (args.length > 0) throw usageError('worker takes no arguments');
      const queue = queueUrl(values.queue);
      if (!queue) throw usageError('worker needs --queue redis://HOST:PORT');
      const concurrency = wholeNumber(values.concurrency, '--concurrency');
      return { kind: 'worker', queue, ...(concurrency ? { concurrency } : {}) };
    },
  },
  clean: {
    flags: ['all'],
    parse: (values, args) => {
      if (args.length > 0) throw usageError('clean takes no arguments');
      return { kind: 'clean', all: values.all === true };
    },
  },
};
