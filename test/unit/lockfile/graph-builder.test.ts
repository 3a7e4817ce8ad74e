import test from 'ava';
import { GraphBuilder } from '../../../src/lockfile/graph-builder.js';

test('packages with the same name, version and integrity are one package', (t) => {
  const builder = new GraphBuilder('test');
  const a = builder.add({ name: 'a', version: '1.0.0', integrity: 'sha512-x' });
  const b = builder.add({ name: 'a', version: '1.0.0', integrity: 'sha512-x' });
  t.is(a, b);
  t.is(builder.build().packages.length, 1);
});

test('the same name and version with another integrity stays a separate package', (t) => {
  const builder = new GraphBuilder('test');
  builder.add({ name: 'a', version: '1.0.0', integrity: 'sha512-x' });
  builder.add({ name: 'a', version: '1.0.0', integrity: 'sha512-y' });
  t.is(builder.build().packages.length, 2);
});

test('an install script seen on any duplicate marks the package', (t) => {
  const builder = new GraphBuilder('test');
  builder.add({ name: 'a', version: '1.0.0', integrity: null, hasInstallScript: false });
  builder.add({ name: 'a', version: '1.0.0', integrity: null, hasInstallScript: true });
  t.true(builder.build().packages[0]?.hasInstallScript);
});

test('the first edge per alias wins', (t) => {
  const builder = new GraphBuilder('test');
  const a = builder.add({ name: 'a', version: '1.0.0', integrity: null });
  builder.edge(null, { alias: 'a', target: a, optional: false });
  builder.edge(null, { alias: 'a', target: 'other', optional: true });
  t.deepEqual(builder.build().roots, [{ alias: 'a', target: a, optional: false }]);
});
