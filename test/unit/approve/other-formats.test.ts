import test from 'ava';
import { bunFormat } from '../../../src/approve/formats/bun-trusted.js';
import { lavamoatFormat } from '../../../src/approve/formats/lavamoat-allow-scripts.js';
import { yarnFormat } from '../../../src/approve/formats/yarn-dependencies-meta.js';
import { decision, files, pkg } from './helpers.js';

test('bun trusts a name only when every version of it passes, and drops a failing one', (t) => {
  const project = files({ trustedDependencies: ['stealer', 'sharp'] });
  const { text, notes } = bunFormat.apply(project, [
    decision('approve', 'esbuild', '0.1.0'),
    decision('approve', 'esbuild', '0.2.0'),
    decision('deny', 'stealer'),
    decision('approve', 'nx', '1.0.0'),
    decision('review', 'nx', '2.0.0'),
  ]);
  t.deepEqual(JSON.parse(text), { trustedDependencies: ['sharp', 'esbuild'] });
  t.deepEqual(notes, ['bun trusts by name only: nx has versions to review, so it is not trusted']);
});

test('bun gets the field even empty when a package is denied, so its default list no longer applies', (t) => {
  const { text } = bunFormat.apply(files({ name: 'app' }), [decision('deny', 'stealer')]);
  t.deepEqual(JSON.parse(text), { name: 'app', trustedDependencies: [] });
  t.deepEqual(bunFormat.lookup(files(JSON.parse(text) as Record<string, unknown>), pkg('stealer')), { state: 'unset' });
});

test('yarn gets built true or false on the version, keeping its other settings', (t) => {
  const project = files({ dependenciesMeta: { 'esbuild@1.0.0': { unplugged: true } } }, { '.yarnrc.yml': 'enableScripts: false\n' });
  const { text } = yarnFormat.apply(project, [decision('approve', 'esbuild'), decision('deny', 'stealer')]);
  t.deepEqual(JSON.parse(text), { dependenciesMeta: { 'esbuild@1.0.0': { unplugged: true, built: true }, 'stealer@1.0.0': { built: false } } });
});

test('yarn lets scripts run unless enableScripts is false, and a version entry beats the name\'s', (t) => {
  t.deepEqual(yarnFormat.lookup(files({}), pkg('esbuild')), { state: 'allowed' });
  t.deepEqual(yarnFormat.lookup(files({}, { '.yarnrc.yml': 'enableScripts: false\n' }), pkg('esbuild')), { state: 'unset' });
  const meta = files({ dependenciesMeta: { esbuild: { built: false }, 'esbuild@1.0.0': { built: true } } });
  t.deepEqual(yarnFormat.lookup(meta, pkg('esbuild')), { state: 'allowed', key: 'esbuild@1.0.0' });
  t.deepEqual(yarnFormat.lookup(meta, pkg('esbuild', '2.0.0')), { state: 'denied', key: 'esbuild' });
});

test('LavaMoat keys are the canonical path and version joined by #', (t) => {
  const project = files({ lavamoat: { allowScripts: { 'a>old#1.0.0': true, $root$: true } } });
  const { text } = lavamoatFormat.apply(project, [
    { ...decision('approve', 'esbuild'), pkg: pkg('esbuild', '1.0.0', 'vite>esbuild') },
    { ...decision('deny', 'stealer'), pkg: pkg('stealer', '1.0.0', 'stealer') },
  ]);
  t.deepEqual(JSON.parse(text), { lavamoat: { allowScripts: { 'a>old#1.0.0': true, $root$: true, 'vite>esbuild#1.0.0': true, 'stealer#1.0.0': false } } });
  const denied = files({ lavamoat: { allowScripts: { stealer: false } } });
  t.deepEqual(lavamoatFormat.lookup(denied, pkg('stealer')), { state: 'denied', key: 'stealer' });
});
