import { fileURLToPath } from 'node:url';
import test from 'ava';
import { buildTimeline, judgeReport } from '../../../../src/pipeline/judge/judge-report.js';
import { loadPolicies } from '../../../../src/policy/load-policy.js';
import { CONTEXT, HOME, NPM, PROJECT, connect, exec, file, script } from '../../policy/helpers.js';

const DEFAULT = fileURLToPath(new URL('../../../../policies/default.yaml', import.meta.url));
const ALLOW = fileURLToPath(new URL('../../../fixtures/policies/allow-native-builds.yaml', import.meta.url));

const npm = exec(['node', 'npm-cli.js', 'ci'], { pid: 100, parentPid: null, attribution: NPM });
const esbuildScript = exec(['sh', '-c', 'node install.js'], { pid: 200, parentPid: 100, attribution: script('esbuild') });

test('an allowlisted install script moves to allowed and the verdict is pass', async (t) => {
  const policy = await loadPolicies([DEFAULT, ALLOW]);
  const judged = judgeReport({ events: [npm, esbuildScript], policy, context: CONTEXT, failOn: 'high', versions: [{ name: 'esbuild', version: '0.24.2' }] });
  t.is(judged.verdict, 'pass');
  t.deepEqual(judged.findings, []);
  t.is(judged.allowed?.[0]?.rule, 'install-script');
  t.regex(judged.allowed?.[0]?.allowedBy.reason ?? '', /esbuild's postinstall/);
  t.deepEqual(judged.rules?.map((rule) => rule.id), ['install-script']);
});

test('the same install script outside the allowed range is a finding and warns', async (t) => {
  const policy = await loadPolicies([DEFAULT, ALLOW]);
  const judged = judgeReport({ events: [npm, esbuildScript], policy, context: CONTEXT, failOn: 'high', versions: [{ name: 'esbuild', version: '1.2.0' }] });
  t.is(judged.verdict, 'warn');
  t.deepEqual(judged.allowed, []);
  t.deepEqual(judged.findings.map((finding) => finding.rule), ['install-script']);
});

test('an allowlist never hides the other rules of an allowed package', async (t) => {
  const policy = await loadPolicies([DEFAULT, ALLOW]);
  const events = [npm, esbuildScript, connect('203.0.113.5', 443, { pid: 200, attribution: script('esbuild') })];
  const judged = judgeReport({ events, policy, context: CONTEXT, failOn: 'high', versions: [{ name: 'esbuild', version: '0.24.2' }] });
  t.is(judged.verdict, 'fail');
  t.deepEqual(judged.findings.map((finding) => finding.rule), ['network-connect']);
});

test('the rules of a report are those behind its findings, with their rationale', async (t) => {
  const policy = await loadPolicies([DEFAULT]);
  const judged = judgeReport({ events: [file(`${HOME}/.npmrc`, 'read')], policy, context: CONTEXT, failOn: 'high', versions: [] });
  t.deepEqual(judged.rules?.map((rule) => [rule.id, rule.severity]), [['npm-config-read', 'medium']]);
  t.regex(judged.rules?.[0]?.rationale ?? '', /registry token/);
});

test('the timeline keeps processes, network events and package writes in order, with times from the phase start and matched rules', (t) => {
  const events = [
    { ...npm, timestampMs: 1000 },
    { ...file(`${HOME}/.npm/_cacache/x`, 'write', { attribution: NPM }), timestampMs: 1100 },
    { ...file(`${PROJECT}/node_modules/evil/index.js`, 'read'), timestampMs: 1200 },
    { ...file('/tmp/x', 'write'), timestampMs: 1300 },
    { ...connect('203.0.113.5', 443), timestampMs: 1500 },
  ];
  const flagged = new Map([[events[4]!, ['network-connect']]]);
  const timeline = buildTimeline(events, flagged);
  t.deepEqual(
    timeline.map((entry) => [entry.atMs, entry.kind, entry.rules]),
    [
      [0, 'process', undefined],
      [300, 'file', undefined],
      [500, 'connect', ['network-connect']],
    ],
  );
  t.is(timeline[2]?.text, 'pid 200 connect tcp 203.0.113.5:443');
});

test('the timeline restarts its clock in each phase and keeps at most 200 entries a phase', (t) => {
  const install = Array.from({ length: 250 }, (_, index) => ({ ...exec(['true'], { pid: 300 + index }), timestampMs: 5000 + index }));
  const imported = { ...exec(['node'], { phase: 'import', pid: 9, parentPid: null }), timestampMs: 9000 };
  const timeline = buildTimeline([...install, imported], new Map());
  t.is(timeline.filter((entry) => entry.phase === 'install').length, 200);
  t.like(timeline.at(-1), { phase: 'import', atMs: 0 });
});
