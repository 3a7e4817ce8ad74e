import test from 'ava';
import { ownerFromLabels, ownerLabels, ownerState, startTimeFromStat, type Owner, type ProcessProbe } from '../../../src/sandbox/owner.js';

const self: Owner = { host: 'ci-box', boot: 'boot-1', pid: 1000, start: '5000' };
const probe = (running: Record<number, string>): ProcessProbe => ({ startTimeOf: (pid) => running[pid] ?? null });

test('an owner whose pid no longer runs is dead', (t) => {
  t.is(ownerState({ ...self, pid: 42, start: '77' }, self, probe({})), 'dead');
});

test('an owner whose pid runs with the recorded start time is alive', (t) => {
  t.is(ownerState({ ...self, pid: 42, start: '77' }, self, probe({ 42: '77' })), 'alive');
});

test('a reused pid (another start time) does not keep a dead owner alive', (t) => {
  t.is(ownerState({ ...self, pid: 42, start: '77' }, self, probe({ 42: '9999' })), 'dead');
});

test('an owner of another machine is unknown and never judged by this machine\'s pids', (t) => {
  t.is(ownerState({ ...self, host: 'other-box', pid: 42 }, self, probe({})), 'unknown');
});

test('an owner of an earlier boot of this machine is dead', (t) => {
  t.is(ownerState({ ...self, boot: 'boot-0', pid: 42 }, self, probe({ 42: '77' })), 'dead');
});

test('this process is alive as an owner', (t) => {
  t.is(ownerState(self, self, probe({})), 'alive');
});

test('owner labels read back as the same owner, and objects of older versions have none', (t) => {
  t.deepEqual(ownerFromLabels(ownerLabels(self)), self);
  t.is(ownerFromLabels({ 'dev.dynaudit.tool': 'dynaudit' }), null);
  t.is(ownerFromLabels({ ...ownerLabels(self), 'dev.dynaudit.owner.pid': 'x' }), null);
});

test('the start time is field 22 of /proc/PID/stat, even when the command name has spaces and parentheses', (t) => {
  const rest = Array.from({ length: 20 }, (_, index) => String(index + 3)).join(' ');
  t.is(startTimeFromStat(`123 (node (x) y) S ${rest.split(' ').slice(1).join(' ')} tail`), '22');
  t.is(startTimeFromStat(`123 (node) Z ${rest.split(' ').slice(1).join(' ')}`), null);
});
