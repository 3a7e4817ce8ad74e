import test from 'ava';
import type { Packument } from '../../../src/resolve/registry-client.js';
import { nextReleases, registrySpec } from '../../../src/watch/next-releases.js';

function packument(versions: Record<string, { deprecated?: string }>, tags: Record<string, string>): Packument {
  return { name: 'lib', distTags: tags, versions, time: Object.fromEntries(Object.keys(versions).map((version) => [version, `2026-01-0${version.split('.')[2] ?? 1}T00:00:00.000Z`])) };
}

test('the range takes the latest tag when it satisfies it, with its publish time', (t) => {
  const doc = packument({ '1.0.0': {}, '1.0.1': {} }, { latest: '1.0.1' });
  t.deepEqual(nextReleases(doc, '^1.0.0', '1.0.0'), [{ version: '1.0.1', why: 'wanted', published: '2026-01-01T00:00:00.000Z' }]);
});

test('beyond the range, latest is reported too; inside it, the highest live version', (t) => {
  const doc = packument({ '1.0.0': {}, '1.2.0': {}, '1.3.0': { deprecated: 'broken' }, '2.0.0': {} }, { latest: '2.0.0' });
  t.deepEqual(
    nextReleases(doc, '^1.0.0', '1.0.0').map(({ version, why }) => `${why} ${version}`),
    ['wanted 1.2.0', 'latest 2.0.0'],
  );
});

test('nothing newer than the locked version is no release; prereleases are not taken by plain ranges', (t) => {
  t.deepEqual(nextReleases(packument({ '1.0.0': {}, '1.1.0-beta.1': {} }, { latest: '1.0.0', next: '1.1.0-beta.1' }), '^1.0.0', '1.0.0'), []);
  t.deepEqual(nextReleases(packument({ '1.0.0': {}, '0.9.0': {} }, { latest: '0.9.0' }), '*', '1.0.0'), []);
});

test('a dist-tag spec takes what the tag names', (t) => {
  const doc = packument({ '1.0.0': {}, '1.1.0-beta.1': {} }, { latest: '1.0.0', next: '1.1.0-beta.1' });
  t.deepEqual(nextReleases(doc, 'next', '1.0.0').map((release) => release.version), ['1.1.0-beta.1']);
});

test('declared specs become registry specs; git, file and URL specs are not watched', (t) => {
  t.is(registrySpec('^1.2.3'), '^1.2.3');
  t.is(registrySpec('npm:real@~2.0.0'), '~2.0.0');
  t.is(registrySpec('latest'), 'latest');
  t.is(registrySpec(''), '*');
  for (const spec of ['github:a/b', 'a/b', 'file:../x', 'git+https://h.example/r.git', 'https://h.example/x.tgz', 'workspace:*']) t.is(registrySpec(spec), null, spec);
});
