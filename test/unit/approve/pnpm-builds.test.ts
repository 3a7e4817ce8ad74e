import test from 'ava';
import { parse } from 'yaml';
import { pnpmFormat } from '../../../src/approve/formats/pnpm-builds.js';
import { decision, files, pkg } from './helpers.js';

const WORKSPACE = `# the workspace
packages:
  - 'apps/*'

allowBuilds:
  # reviewed by hand
  esbuild: true
  nx@21.6.4: true
`;

test('allowBuilds keeps the file\'s comments and gets pinned entries', (t) => {
  const format = pnpmFormat({ setting: 'allowBuilds', denyWins: true });
  const { text } = format.apply(files({}, { 'pnpm-workspace.yaml': WORKSPACE }), [decision('approve', 'nx', '21.6.5'), decision('deny', '@evil/steal')]);
  t.regex(text, /^# the workspace$/m);
  t.regex(text, /^ {2}# reviewed by hand$/m);
  t.deepEqual(parse(text), {
    packages: ['apps/*'],
    allowBuilds: { esbuild: true, 'nx@21.6.4 || 21.6.5': true, '@evil/steal@1.0.0': false },
  });
});

test('a project without pnpm-workspace.yaml gets one with allowBuilds', (t) => {
  const { text } = pnpmFormat({ setting: 'allowBuilds', denyWins: true }).apply(files({}), [decision('approve', 'esbuild')]);
  t.is(text, 'allowBuilds:\n  esbuild@1.0.0: true\n');
});

test('pnpm 10.19-10.25 get the onlyBuilt and ignoredBuilt lists', (t) => {
  const format = pnpmFormat({ setting: 'lists', denyWins: false });
  const workspace = 'onlyBuiltDependencies:\n  - esbuild@0.1.0 # ok\n';
  const { text } = format.apply(files({}, { 'pnpm-workspace.yaml': workspace }), [decision('approve', 'esbuild', '0.2.0'), decision('deny', 'stealer')]);
  t.is(text, 'onlyBuiltDependencies:\n  - esbuild@0.1.0 || 0.2.0 # ok\nignoredBuiltDependencies:\n  - stealer@1.0.0\n');
  t.deepEqual(format.lookup(files({}, { 'pnpm-workspace.yaml': text }), pkg('stealer')), { state: 'denied', key: 'stealer@1.0.0' });
  t.is(format.lineOf(files({}, { 'pnpm-workspace.yaml': text }), 'stealer@1.0.0'), 4);
});

test('an allowBuilds value that is not a boolean decides nothing', (t) => {
  const workspace = 'allowBuilds:\n  esbuild: set this to true or false\n';
  t.deepEqual(pnpmFormat({ setting: 'allowBuilds', denyWins: true }).lookup(files({}, { 'pnpm-workspace.yaml': workspace }), pkg('esbuild')), { state: 'unset' });
});
