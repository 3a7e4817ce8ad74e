import test from 'ava';
import { shareInstallEvents } from '../../../../src/pipeline/batch/install-attribution.js';
import type { ProcessEvent, TraceEvent } from '../../../../src/events/types.js';
import { parseStrace } from '../../../../src/trace/index.js';

const APP = '/home/runner/work/app';

function proc(pid: number, parentPid: number | null, argv: string[], cwd: string, pkg: string | null): ProcessEvent {
  return {
    kind: 'process',
    phase: 'install',
    pid,
    parentPid,
    timestampMs: pid,
    ok: true,
    executable: `/bin/${argv[0]}`,
    argv,
    cwd,
    attribution: pkg === null ? { package: null, via: 'package-manager' } : { package: pkg, via: 'lifecycle-script' },
  };
}

function write(pid: number, path: string, pkg: string): TraceEvent {
  return { kind: 'file', phase: 'install', pid, timestampMs: pid, ok: true, operation: 'open', path, access: 'write', attribution: { package: pkg, via: 'lifecycle-script' } };
}

const PLACEMENTS = [
  { location: 'node_modules/a', alias: 'a', id: 'a@1' },
  { location: 'node_modules/b', alias: 'b', id: 'b@1' },
  { location: 'node_modules/b/node_modules/a', alias: 'a', id: 'a@2' },
];

const EVENTS: TraceEvent[] = [
  proc(1, null, ['npm', 'rebuild'], APP, null),
  proc(2, 1, ['sh', '-c', 'node install.js'], `${APP}/node_modules/a`, 'a'),
  write(2, '/tmp/x', 'a'),
  proc(3, 1, ['sh', '-c', 'node install.js'], `${APP}/node_modules/b/node_modules/a`, 'a'),
  proc(4, 3, ['curl', 'http://x'], `${APP}/node_modules/b/node_modules/a`, 'a'),
  proc(5, 1, ['sh', '-c', 'make'], `${APP}/node_modules/b`, 'b'),
];

const RECORDS = parseStrace(['2 1700000000.1 +++ exited with 0 +++', '3 1700000000.2 +++ exited with 1 +++', '5 1700000000.3 +++ exited with 0 +++', ''].join('\n'));

test('lifecycle events go to the package whose folder the script ran in', (t) => {
  const shares = shareInstallEvents(EVENTS, RECORDS, PLACEMENTS, APP);
  t.deepEqual(shares.get('a@1')?.events.map((event) => event.pid), [2, 2]);
  t.deepEqual(shares.get('a@2')?.events.map((event) => event.pid), [3, 4]);
  t.deepEqual(shares.get('b@1')?.events.map((event) => event.pid), [5]);
});

test('npm\'s own events belong to no package', (t) => {
  const shares = shareInstallEvents(EVENTS, RECORDS, PLACEMENTS, APP);
  t.false([...shares.values()].some((share) => share.events.some((event) => event.pid === 1)));
});

test('each package gets the exit status of its own scripts only', (t) => {
  const shares = shareInstallEvents(EVENTS, RECORDS, PLACEMENTS, APP);
  t.deepEqual(shares.get('a@1')?.scriptExitCodes, [0]);
  t.deepEqual(shares.get('a@2')?.scriptExitCodes, [1]);
  t.deepEqual(shares.get('b@1')?.scriptExitCodes, [0]);
});

test('an event whose folder cannot be told goes to every version of that name', (t) => {
  const orphan = write(99, '/tmp/y', 'a');
  const shares = shareInstallEvents([...EVENTS, orphan], RECORDS, PLACEMENTS, APP);
  t.true(shares.get('a@1')?.events.includes(orphan));
  t.true(shares.get('a@2')?.events.includes(orphan));
});
