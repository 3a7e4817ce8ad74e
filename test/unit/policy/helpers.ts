/** Hand-built trace events for policy tests: the sandbox's layout and who acted. */
import type { Attribution, ConnectEvent, DnsEvent, FileEvent, PhaseName, ProcessEvent } from '../../../src/events/types.js';
import type { PolicyContext } from '../../../src/policy/policy-types.js';

export const HOME = '/home/runner';
export const PROJECT = '/home/runner/work/app';
export const CONTEXT: PolicyContext = { homeDir: HOME, projectDir: PROJECT };

export const NPM: Attribution = { package: null, via: 'package-manager' };
export function script(name: string): Attribution {
  return { package: name, via: 'lifecycle-script' };
}
export function imported(name: string): Attribution {
  return { package: name, via: 'import' };
}

interface Common {
  readonly phase?: PhaseName;
  readonly pid?: number;
  readonly attribution?: Attribution;
  readonly ok?: boolean;
  readonly error?: string;
}

function base(options: Common) {
  return {
    phase: options.phase ?? 'install',
    pid: options.pid ?? 200,
    timestampMs: 1_700_000_000_000,
    attribution: options.attribution ?? script('evil'),
    ok: options.ok ?? true,
    ...(options.error ? { error: options.error } : {}),
  } as const;
}

export function exec(
  argv: readonly string[],
  options: Common & { executable?: string; parentPid?: number | null; exact?: false; cwd?: string } = {},
): ProcessEvent {
  return {
    ...base(options),
    kind: 'process',
    executable: options.executable ?? `/usr/bin/${argv[0] ?? ''}`,
    ...(options.exact === false ? { exact: false as const } : {}),
    argv,
    parentPid: options.parentPid === undefined ? 100 : options.parentPid,
    cwd: options.cwd ?? null,
  };
}

export function file(
  path: string,
  access: FileEvent['access'],
  options: Common & { operation?: FileEvent['operation']; target?: string; requested?: string } = {},
): FileEvent {
  return {
    ...base(options),
    kind: 'file',
    operation: options.operation ?? 'open',
    path,
    access,
    ...(options.target ? { target: options.target } : {}),
    ...(options.requested ? { requested: options.requested } : {}),
  };
}

export function connect(address: string, port: number, options: Common = {}): ConnectEvent {
  return {
    ...base(options),
    kind: 'connect',
    family: address.includes(':') ? 'inet6' : 'inet',
    address,
    port,
    protocol: 'tcp',
  };
}

export function dns(name: string | null, options: Common = {}): DnsEvent {
  return { ...base(options), kind: 'dns', name, type: 'A', server: '10.0.2.3' };
}
