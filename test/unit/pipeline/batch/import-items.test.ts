import test from 'ava';
import { CHUNK_LOADER_SCRIPT, chunkLoaderCommand, isSafeAlias } from '../../../../src/pipeline/batch/import-items.js';

const APP = '/home/runner/work/app';

test('the chunk loader gets its timeout, then each base folder and name as separate arguments', (t) => {
  const command = chunkLoaderCommand([{ base: APP, alias: 'ms' }, { base: `${APP}/node_modules/x`, alias: '@s/evil' }], 60);
  t.deepEqual(command, ['node', '--experimental-import-meta-resolve', CHUNK_LOADER_SCRIPT, 'supervise', '60', APP, 'ms', `${APP}/node_modules/x`, '@s/evil']);
});

test('only plain package names are passed on a command line', (t) => {
  t.true(isSafeAlias('@scope/pkg.js'));
  t.true(isSafeAlias('string-width-cjs'));
  t.false(isSafeAlias('a\nb'));
  t.false(isSafeAlias('$(rm -rf)'));
  t.false(isSafeAlias('../x'));
  t.false(isSafeAlias('..'));
});
