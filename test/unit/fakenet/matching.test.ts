import test from 'ava';
import { Claims } from '../../../src/fakenet/claim-closest.js';
import { HostnameMap } from '../../../src/fakenet/hostname-map.js';
import { mergeByTime } from '../../../src/fakenet/merge-by-time.js';
import { phaseAt } from '../../../src/fakenet/phase-windows.js';

test('an observation is paired with the last fitting event before it, and each event only once', (t) => {
  const claims = new Claims([{ timestampMs: 100 }, { timestampMs: 200 }, { timestampMs: 300 }]);
  t.is(claims.claim(250, () => true), 1);
  t.is(claims.claim(250, () => true), 0);
  t.is(claims.claim(250, () => true), 2);
  t.is(claims.claim(250, () => true), null);
});

test('with none before it, the first fitting event after it is taken; find does not claim', (t) => {
  const claims = new Claims([{ timestampMs: 5000 }, { timestampMs: 9000 }]);
  t.is(claims.find(100, () => true), 0);
  t.is(claims.claim(100, () => true), 0);
  t.is(claims.claim(100, (event) => event.timestampMs > 8000), 1);
});

test('an address maps to the name last answered with it before the connection', (t) => {
  const names = new HostnameMap();
  names.add('198.51.100.129', 'first.example', 1000);
  names.add('198.51.100.129', 'second.example', 5000);
  t.is(names.lookup('198.51.100.129', 3000), 'first.example');
  t.is(names.lookup('::ffff:198.51.100.129', 6000), 'second.example');
  t.is(names.lookup('198.51.100.130', 6000), undefined);
});

test('a time falls in the phase running then, else the one that ran last', (t) => {
  const windows = [
    { name: 'import' as const, startMs: 200, endMs: 300 },
    { name: 'install' as const, startMs: 0, endMs: 100 },
  ];
  t.is(phaseAt(windows, 50), 'install');
  t.is(phaseAt(windows, 150), 'install');
  t.is(phaseAt(windows, 250), 'import');
  t.is(phaseAt(windows, 900), 'import');
  t.is(phaseAt(windows, -5), 'install');
  t.is(phaseAt([], 5), null);
});

test('new events are merged among traced ones by phase and time, traced order untouched', (t) => {
  const at = (phase: 'install' | 'import', timestampMs: number, pid: number) =>
    ({ kind: 'dns', phase, pid, timestampMs, attribution: { package: null, via: 'package-manager' }, ok: true, name: null, type: null, server: 's' }) as const;
  const traced = [at('install', 10, 1), at('install', 5, 2), at('install', 30, 3), at('import', 40, 4)];
  const merged = mergeByTime(traced, [at('import', 41, 10), at('install', 20, 11), at('install', 30, 12), at('install', 1, 13)]);
  t.deepEqual(merged.map((event) => event.pid), [13, 1, 2, 11, 3, 12, 4, 10]);
});
