import test from 'ava';
import { DynauditError } from '../../../src/common/errors.js';
import { toResolveError } from '../../../src/resolve/map-fetch-error.js';

function fetchError(code: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

const manifest = { step: 'manifest', name: 'left-pad', range: '99.0.0' } as const;

test('a 404 for the analyzed package means it is not in the registry', (t) => {
  const error = toResolveError(fetchError('E404', '404 Not Found - GET somewhere'), manifest);
  t.is(error.code, 'E_PACKAGE_NOT_FOUND');
  t.is(error.message, 'package "left-pad" not found in the registry');
  t.truthy(error.cause);
});

test('no matching version names the package and the range', (t) => {
  const error = toResolveError(fetchError('ETARGET', 'No matching version found for left-pad@99.0.0.'), manifest);
  t.is(error.code, 'E_PACKAGE_NOT_FOUND');
  t.is(error.message, 'no version of "left-pad" matches "99.0.0"');
});

test('other manifest failures are resolve errors with the first line of the cause', (t) => {
  const error = toResolveError(fetchError('ECONNRESET', 'socket hang up\nmore detail'), manifest);
  t.is(error.code, 'E_RESOLVE');
  t.is(error.message, 'cannot resolve "left-pad@99.0.0": socket hang up');
});

test('an integrity failure is E_INTEGRITY naming the package', (t) => {
  const error = toResolveError(fetchError('EINTEGRITY', 'Integrity checksum failed'), {
    step: 'tarball',
    spec: 'left-pad@1.3.0',
  });
  t.is(error.code, 'E_INTEGRITY');
  t.regex(error.message, /"left-pad@1\.3\.0"/);
});

test('a missing dependency while building the tree is a resolve error naming it', (t) => {
  const error = toResolveError(fetchError('E404', '404 Not Found', { pkgid: 'gone@^1.0.0' }), {
    step: 'tree',
    subject: 'app@1.0.0',
  });
  t.is(error.code, 'E_RESOLVE');
  t.is(error.message, 'cannot build the dependency tree of "app@1.0.0": dependency "gone@^1.0.0" not found in the registry');
});

test('a DynauditError passes through unchanged', (t) => {
  const original = new DynauditError('E_BAD_TARBALL', 'bad');
  t.is(toResolveError(original, manifest), original);
});
