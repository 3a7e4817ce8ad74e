import test from 'ava';
import type { Finding, Severity } from '../../../src/events/finding.js';
import { decideVerdict } from '../../../src/policy/decide-verdict.js';

function finding(severity: Severity): Finding {
  return {
    rule: `some-${severity}-rule`,
    category: 'network',
    severity,
    phase: 'install',
    summary: 'did something',
    evidence: [],
    attribution: { package: 'evil', via: 'lifecycle-script' },
  };
}

test('no findings pass whatever the threshold', (t) => {
  t.is(decideVerdict([], 'low'), 'pass');
  t.is(decideVerdict([], 'critical'), 'pass');
});

test('findings below the threshold warn', (t) => {
  t.is(decideVerdict([finding('low'), finding('medium')], 'high'), 'warn');
});

test('a finding at the threshold fails', (t) => {
  t.is(decideVerdict([finding('high')], 'high'), 'fail');
});

test('a finding above the threshold fails', (t) => {
  t.is(decideVerdict([finding('critical')], 'high'), 'fail');
});

test('one finding at the threshold fails even among lower ones', (t) => {
  t.is(decideVerdict([finding('low'), finding('high'), finding('medium')], 'high'), 'fail');
});

test('with --fail-on low any finding fails', (t) => {
  t.is(decideVerdict([finding('low')], 'low'), 'fail');
});

test('with --fail-on critical only critical findings fail', (t) => {
  t.is(decideVerdict([finding('high')], 'critical'), 'warn');
  t.is(decideVerdict([finding('high'), finding('critical')], 'critical'), 'fail');
});

test('with --fail-on medium a medium finding fails and a low one warns', (t) => {
  t.is(decideVerdict([finding('medium')], 'medium'), 'fail');
  t.is(decideVerdict([finding('low')], 'medium'), 'warn');
});
