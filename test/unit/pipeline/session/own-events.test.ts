import test from 'ava';
import type { ProcessEvent } from '../../../../src/events/types.js';
import { ownEvents } from '../../../../src/pipeline/session/own-events.js';

function proc(pid: number, parentPid: number | null, pkg: string | null): ProcessEvent {
  return {
    kind: 'process', phase: 'install', pid, parentPid, timestampMs: pid, ok: true, executable: '/bin/sh', argv: ['sh'], cwd: null,
    attribution: pkg === null ? { package: null, via: 'package-manager' } : { package: pkg, via: 'lifecycle-script' },
  };
}

test('a package\'s events come with the npm processes that started its scripts', (t) => {
  const events = [proc(1, null, null), proc(2, 1, null), proc(3, 2, 'a'), proc(4, 3, 'a'), proc(5, 2, 'b'), proc(6, null, null)];
  t.deepEqual(ownEvents(events, (event) => event.attribution.package === 'a').map((event) => event.pid), [1, 2, 3, 4]);
});
