import test from 'ava';
import { newFailures, projectChanges } from '../../../src/sweep/project-changes.js';
import { record } from './helpers.js';

test('new packages, new versions with what they add, removed packages and new releases are told apart', (t) => {
  const previous = [record('a', '1.0.0'), record('b', '1.0.0', { hosts: ['b.example'] }), record('gone', '1.0.0'), record('lib', '1.0.1', { kind: 'release' })];
  const current = [
    record('a', '1.0.0'),
    record('b', '1.1.0', { hosts: ['b.example', 'new.example'], rules: ['network-connect'], verdict: 'fail' }),
    record('fresh', '2.0.0', { hosts: ['fresh.example'] }),
    record('lib', '1.0.1', { kind: 'release' }),
    record('lib', '1.0.2', { kind: 'release' }),
  ];
  const { changes, verdictChanges } = projectChanges(previous, current);
  t.deepEqual(changes.newPackages.map((change) => [change.name, change.added.hosts]), [['fresh', ['fresh.example']]]);
  t.deepEqual(changes.newVersions.map((change) => [change.name, change.previousVersions, change.added.hosts, change.added.findings.map((f) => f.rule)]), [
    ['b', ['1.0.0'], ['new.example'], ['network-connect']],
  ]);
  t.deepEqual(changes.removedPackages, [{ name: 'gone', version: '1.0.0' }]);
  t.deepEqual(changes.newReleases, ['lib@1.0.2']);
  t.deepEqual(changes.verdictChanges, []);
  t.deepEqual(changes.newBehaviour, []);
  t.deepEqual(verdictChanges, []);
});

test('the same version with another verdict is a verdict change; doing more is new behaviour', (t) => {
  const previous = [record('a', '1.0.0'), record('b', '1.0.0'), record('lib', '1.0.1', { kind: 'release', verdict: 'warn' })];
  const current = [record('a', '1.0.0', { verdict: 'fail', rules: ['credential-read'] }), record('b', '1.0.0', { hosts: ['b.example'] }), record('lib', '1.0.1', { kind: 'release', verdict: 'fail' })];
  const { changes, verdictChanges } = projectChanges(previous, current);
  t.deepEqual(changes.verdictChanges.map((change) => [change.name, change.previousVerdict, change.verdict]), [['a', 'pass', 'fail']]);
  t.deepEqual(changes.newBehaviour.map((change) => [change.name, change.added.hosts]), [['b', ['b.example']]]);
  t.deepEqual(verdictChanges.map((change) => `${change.kind} ${change.name} ${change.previous}->${change.verdict}`), ['locked a pass->fail', 'release lib warn->fail']);
});

test('a failure is new unless the same package version failed in the last sweep; with no last sweep every failure is', (t) => {
  const failing = [record('a', '1.0.0', { verdict: 'fail' }), record('b', '2.0.0', { verdict: 'fail' }), record('c', '1.0.0', { verdict: 'fail', kind: 'release' })];
  const previous = [record('a', '1.0.0', { verdict: 'fail' }), record('b', '1.0.0', { verdict: 'fail' }), record('c', '1.0.0', { verdict: 'fail' })];
  t.deepEqual(newFailures(previous, failing).map((entry) => `${entry.kind} ${entry.name}@${entry.version}`), ['locked b@2.0.0', 'release c@1.0.0']);
  t.is(newFailures(undefined, failing).length, 3);
});
