import test from 'ava';
import { npmFormat } from '../../../src/approve/formats/npm-allow-scripts.js';
import { decision, files, pkg } from './helpers.js';

const PROJECT = '{\n\t"name": "app",\n\t"allowScripts": {\n\t\t"sharp": true\n\t},\n\t"dependencies": {}\n}';

test('decisions are written into allowScripts keeping the file\'s tabs, order and missing final newline', (t) => {
  const { text, notes } = npmFormat.apply(files(PROJECT), [decision('approve', 'esbuild', '0.25.0'), decision('deny', 'stealer'), decision('review', 'rollup')]);
  t.deepEqual(notes, []);
  t.is(text, '{\n\t"name": "app",\n\t"allowScripts": {\n\t\t"sharp": true,\n\t\t"esbuild@0.25.0": true,\n\t\t"stealer@1.0.0": false\n\t},\n\t"dependencies": {}\n}');
});

test('nothing to change leaves the text exactly as it was', (t) => {
  const { text } = npmFormat.apply(files(PROJECT), [decision('approve', 'sharp', '0.33.0')]);
  t.is(text, PROJECT);
});

test('the field is added at the end when the project has none', (t) => {
  const { text } = npmFormat.apply(files({ name: 'app' }), [decision('deny', 'stealer')]);
  t.is(text, '{\n  "name": "app",\n  "allowScripts": {\n    "stealer@1.0.0": false\n  }\n}\n');
});

test('lookups follow npm: false wins, and the entry is found on its line', (t) => {
  const project = files({ allowScripts: { nx: true, 'nx@1.0.0': false } });
  t.deepEqual(npmFormat.lookup(project, pkg('nx')), { state: 'denied', key: 'nx@1.0.0' });
  t.deepEqual(npmFormat.lookup(project, pkg('nx', '2.0.0')), { state: 'allowed', key: 'nx' });
  t.is(npmFormat.lineOf(project, 'nx@1.0.0'), 4);
});

test('without a resolved URL npm cannot check versions: approvals go by name, denies stay pinned', (t) => {
  const lock = JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/esbuild': { version: '0.25.0', integrity: 'sha512-x' }, 'node_modules/stealer': { version: '1.0.0', integrity: 'sha512-y' } } });
  const project = { ...files({ name: 'app' }), lockfile: { name: 'package-lock.json', text: lock } };
  const { text, notes } = npmFormat.apply(project, [decision('approve', 'esbuild', '0.25.0'), decision('deny', 'stealer')]);
  t.deepEqual(JSON.parse(text), { name: 'app', allowScripts: { esbuild: true, 'stealer@1.0.0': false } });
  t.deepEqual(notes, ['esbuild: the lockfile has no resolved URL, so the tool cannot check its version: approved by name (every version)']);
  const pinned = { ...project, 'package.json': JSON.stringify({ allowScripts: { 'esbuild@0.25.0': true, 'stealer@2.0.0': false } }) };
  t.deepEqual(npmFormat.lookup(pinned, pkg('esbuild', '0.25.0')), { state: 'unset' });
  t.deepEqual(npmFormat.lookup(pinned, pkg('stealer', '1.0.0')), { state: 'denied', key: 'stealer@2.0.0' });
});
