import test from 'ava';
import { applyKeyEdits, lookupVersionKeys, parseVersionKey, pinnedKey, planKeyEdits } from '../../../src/approve/version-keys.js';
import { decision } from './helpers.js';

test('keys are a name, a name with every version, or exact versions joined by ||', (t) => {
  t.deepEqual(parseVersionKey('sharp'), { name: 'sharp', versions: 'any' });
  t.deepEqual(parseVersionKey('@scope/pkg@*'), { name: '@scope/pkg', versions: 'any' });
  t.deepEqual(parseVersionKey('nx@21.6.4 || 21.6.5'), { name: 'nx', versions: ['21.6.4', '21.6.5'] });
  t.deepEqual(parseVersionKey('@scope/pkg@1.0.0'), { name: '@scope/pkg', versions: ['1.0.0'] });
});

test('ranges, tags, git and file keys match no registry version', (t) => {
  for (const key of ['nx@^21.0.0', 'nx@latest', 'github:user/repo', 'file:../local', 'nx@>=1']) t.is(parseVersionKey(key), null, key);
});

test('several versions are written sorted, joined by " || "', (t) => {
  t.is(pinnedKey('nx', ['21.10.0', '21.6.5', '21.6.5']), 'nx@21.6.5 || 21.10.0');
});

test('a deny wins over an approval when the tool says so, and loses otherwise', (t) => {
  const entries = [['core-js', true], ['core-js@3.1.0', false]] as const;
  t.deepEqual(lookupVersionKeys(entries, 'core-js', '3.1.0', true), { state: 'denied', key: 'core-js@3.1.0' });
  t.deepEqual(lookupVersionKeys(entries, 'core-js', '3.1.0', false), { state: 'allowed', key: 'core-js' });
  t.deepEqual(lookupVersionKeys(entries, 'core-js', '3.2.0', true), { state: 'allowed', key: 'core-js' });
  t.deepEqual(lookupVersionKeys(entries, 'sharp', '1.0.0', true), { state: 'unset' });
});

test('an approval joins the name\'s pinned approval, a deny removes the version from it', (t) => {
  const entries: [string, boolean][] = [['other', true], ['nx@21.6.4', true], ['esbuild@0.1.0 || 0.2.0', true]];
  const { edits, notes } = planKeyEdits(entries, [decision('approve', 'nx', '21.6.5'), decision('deny', 'esbuild', '0.2.0'), decision('review', 'rollup')], true);
  t.deepEqual(notes, []);
  t.deepEqual(applyKeyEdits(entries, edits, (value) => value), [
    ['other', true],
    ['nx@21.6.4 || 21.6.5', true],
    ['esbuild@0.1.0', true],
    ['esbuild@0.2.0', false],
  ]);
});

test('a version the project denies stays denied, and a note says so', (t) => {
  const entries: [string, boolean][] = [['nx', false]];
  const { edits, notes } = planKeyEdits(entries, [decision('approve', 'nx', '21.6.5')], true);
  t.deepEqual(edits, []);
  t.deepEqual(notes, ['nx@21.6.5 passes but the project denies it ("nx"): left denied']);
});

test('an emptied pinned approval is removed and an existing deny is not written twice', (t) => {
  const entries: [string, boolean][] = [['nx@1.0.0', true], ['bad@2.0.0', false]];
  const { edits } = planKeyEdits(entries, [decision('deny', 'nx'), decision('deny', 'bad', '2.0.0')], true);
  t.deepEqual(applyKeyEdits(entries, edits, (value) => value), [['bad@2.0.0', false], ['nx@1.0.0', false]]);
});

test('where approvals win, a name-wide approval of a failing version is left with a note', (t) => {
  const { notes } = planKeyEdits([['nx', true]], [decision('deny', 'nx')], false);
  t.deepEqual(notes, ['nx@1.0.0 fails but "nx" approves every version and this tool lets approvals win: remove it by hand']);
});
