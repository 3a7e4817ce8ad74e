/** The rules that weigh what was seen: links out, the CI job's files, tracer evasion, gaps in the trace or the capture, platforms. */
import { fileURLToPath } from 'node:url';
import test from 'ava';
import type { LimitEvent, LimitKind, TraceEvent } from '../../../src/events/types.js';
import { evaluatePolicy } from '../../../src/policy/evaluate-policy.js';
import { globToRegExp } from '../../../src/policy/glob.js';
import { loadPolicies } from '../../../src/policy/load-policy.js';
import { quietAfter } from '../../../src/policy/quiet-after.js';
import { CONTEXT, HOME, PROJECT, exec, file, imported, script } from './helpers.js';

const policy = await loadPolicies([fileURLToPath(new URL('../../../policies/default.yaml', import.meta.url))]);
const findings = (events: readonly TraceEvent[]) => evaluatePolicy(events, policy, CONTEXT).map((finding) => `${finding.severity} ${finding.rule}`);
const PKG = `${PROJECT}/node_modules/evil`;

test('a link out of the package into the home or /tmp is high; into node_modules or the system it is not counted', (t) => {
  t.deepEqual(findings([file(`${PKG}/h`, 'write', { operation: 'symlink', target: HOME })]), ['high link-outside-package']);
  t.deepEqual(findings([file(`${PKG}/x`, 'write', { operation: 'link', target: '/tmp/stage' })]), ['high link-outside-package']);
  t.deepEqual(findings([file(`${PKG}/bin-esbuild`, 'write', { operation: 'link', target: `${PROJECT}/node_modules/@esbuild/linux-x64/bin/esbuild` })]), []);
  t.deepEqual(findings([file(`${PKG}/build/python3`, 'write', { operation: 'symlink', target: '/usr/bin/python3' })]), []);
});

test('writing the CI job\'s command files or event payload is critical persistence', (t) => {
  const env = file(`${HOME}/work/_temp/_runner_file_commands/set_env_0d3f1a2b-1111-4222-8333-444455556666`, 'write');
  t.true(findings([env]).includes('critical ci-file-command-write'));
  t.true(findings([file(`${HOME}/work/_temp/_github_workflow/event.json`, 'write')]).includes('critical ci-file-command-write'));
});

test('configuration that runs code on the next git or npm command is persistence', (t) => {
  for (const path of [`${HOME}/.gitconfig`, `${HOME}/.npmrc`, `${HOME}/.ssh/config`]) t.true(findings([file(path, 'write')]).includes('critical persistence-write'), path);
});

test('an untraced clone and a seccomp call are tracer evasion', (t) => {
  const syscall = (name: string, detail: string): TraceEvent => ({ kind: 'syscall', syscall: name, detail, phase: 'install', pid: 5, timestampMs: 0, attribution: script('evil'), ok: true });
  t.deepEqual(findings([syscall('clone', 'flags=CLONE_UNTRACED|SIGCHLD')]), ['high tracer-evasion']);
  t.deepEqual(findings([syscall('seccomp', 'SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER')]), ['high tracer-evasion']);
});

const limit = (kind: LimitKind, detail: string): LimitEvent => ({ kind: 'limit', limit: kind, detail, phase: 'install', pid: 0, timestampMs: 0, attribution: script('evil'), ok: false });

test('a gap in the trace or the capture is high; a platform override is low', (t) => {
  t.deepEqual(findings([limit('trace', 'the trace reached its size cap (256 MiB)')]), ['high trace-gap']);
  t.deepEqual(findings([limit('capture', '20 MiB sent, 16 MiB kept')]), ['high capture-limit']);
  t.deepEqual(findings([limit('platform', 'evil is built for darwin/arm64')]), ['low platform-override']);
});

test('path globs know {name}, {project} and character classes', (t) => {
  t.true(globToRegExp('~/.cache/{name}/**', CONTEXT, '@scope/pkg')?.test(`${HOME}/.cache/@scope/pkg/x`));
  t.is(globToRegExp('~/.cache/{name}/**', CONTEXT, null), null);
  t.true(globToRegExp('{project}/node_modules/.cache/{name}', CONTEXT, 'a.b')?.test(`${PROJECT}/node_modules/.cache/a.b`));
  t.false(globToRegExp('{project}/node_modules/.cache/{name}', CONTEXT, 'a.b')?.test(`${PROJECT}/node_modules/.cache/axb`));
  const other = globToRegExp('/proc/[0-9]*/cmdline', CONTEXT, null);
  t.true(other?.test('/proc/1/cmdline'));
  t.false(other?.test('/proc/self/cmdline'));
});

test('a package is quiet after an event when nothing it does later in the phase is work', (t) => {
  const probe = { ...file('/.dockerenv', 'metadata', { operation: 'stat' }), timestampMs: 10 };
  const read = { ...file(`${PKG}/x.js`, 'read'), timestampMs: 20 };
  const write = { ...file(`${PKG}/out`, 'write'), timestampMs: 30 };
  const otherPackage = { ...exec(['x'], { attribution: imported('other') }), timestampMs: 40 };
  t.true(quietAfter([probe, read, otherPackage])(probe));
  t.false(quietAfter([probe, write])(probe));
  t.true(quietAfter([probe, write])(write));
});
