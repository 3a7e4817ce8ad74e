/** Command-line parsing (pure): argv -> a command, or a usage error. */
import { parseArgs } from 'node:util';
import { DynauditError } from '../common/errors.js';
import { SEVERITIES, type Severity } from '../events/finding.js';

export const FORMATS = ['text', 'json'] as const;
export type Format = (typeof FORMATS)[number];
const RUNTIMES = ['runc', 'runsc'] as const;

export const USAGE = `usage: dynaudit analyze <name[@version|range] | ./dir | ./pkg.tgz> [options]

Installs and loads the package in a network-less, traced sandbox and judges
what it did against a policy. Report on stdout, progress on stderr.
Exit codes: 0 pass or warn, 1 fail, 2 the analysis could not be done.

options:
  --format text|json        report format (default: text)
  --policy FILE             extra policy layered over the default (repeatable; later files win)
  --fail-on low|medium|high|critical
                            lowest severity that fails (default: the policy's, high)
  --timeout SECONDS         wall-clock limit of each phase (default: 180)
  --runtime runc|runsc      container runtime (runsc: gVisor, must be set up in Docker)
  -h, --help                this text`;

export type Command =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'analyze';
      readonly spec: string;
      readonly format: Format;
      readonly policyFiles: readonly string[];
      readonly failOn?: Severity;
      readonly timeoutSeconds?: number;
      readonly runtime?: string;
    };

function usageError(message: string): DynauditError {
  return new DynauditError('E_USAGE', `${message} (see dynaudit --help)`);
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw usageError(`${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

export function parseCommandLine(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        policy: { type: 'string', multiple: true },
        'fail-on': { type: 'string' },
        timeout: { type: 'string' },
        runtime: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { kind: 'help' };
  const [command, ...rest] = positionals;
  if (command !== 'analyze') throw usageError(`unknown command "${command}"; this version has: analyze`);
  if (rest.length !== 1) throw usageError('analyze takes exactly one package spec');
  let timeoutSeconds: number | undefined;
  if (values.timeout !== undefined) {
    timeoutSeconds = Number(values.timeout);
    if (!Number.isInteger(timeoutSeconds) || timeoutSeconds <= 0) throw usageError(`--timeout must be a whole number of seconds, got "${values.timeout}"`);
  }
  const failOn = oneOf(values['fail-on'], SEVERITIES, '--fail-on');
  const runtime = oneOf(values.runtime, RUNTIMES, '--runtime');
  return {
    kind: 'analyze',
    spec: rest[0] ?? '',
    format: oneOf(values.format, FORMATS, '--format') ?? 'text',
    policyFiles: values.policy ?? [],
    ...(failOn ? { failOn } : {}),
    ...(timeoutSeconds ? { timeoutSeconds } : {}),
    ...(runtime ? { runtime } : {}),
  };
}
