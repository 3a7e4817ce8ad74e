import test from 'ava';
import type { DynauditError } from '../../../src/common/errors.js';
import { fillCache } from '../../../src/resolve/fill-cache.js';
import { computeIntegrity } from '../../../src/resolve/integrity.js';
import type { FetchTarget } from '../../../src/resolve/plan-fetches.js';
import type { RegistryClient } from '../../../src/resolve/registry-client.js';

function target(name: string, content: string): FetchTarget {
  return { name, version: '1.0.0', integrity: computeIntegrity(Buffer.from(content)), location: `node_modules/${name}` };
}

/** Serves `<name>` as the bytes of `contents[name]`, recording what was asked. */
function fakeClient(contents: Record<string, string>, requests: string[] = []): RegistryClient {
  return {
    async manifest() {
      throw new Error('not used');
    },
    async packument() {
      throw new Error('not used');
    },
    async tarball(spec, integrity) {
      requests.push(`${spec} ${String(integrity)}`);
      const name = spec.slice(0, spec.lastIndexOf('@'));
      const content = contents[name];
      if (content === undefined) {
        throw Object.assign(new Error(`404 Not Found - ${spec}`), { code: 'E404' });
      }
      return Buffer.from(content);
    },
    async extract() {
      throw new Error('not used');
    },
  };
}

test('every target is fetched by name, version and integrity', async (t) => {
  const requests: string[] = [];
  const targets = [target('a', 'A'), target('@s/b', 'B')];
  await fillCache(targets, { client: fakeClient({ a: 'A', '@s/b': 'B' }, requests) });
  t.deepEqual(requests.sort(), [`@s/b@1.0.0 ${targets[1]?.integrity}`, `a@1.0.0 ${targets[0]?.integrity}`]);
});

test('bytes that do not match the integrity are E_INTEGRITY naming the package', async (t) => {
  const error = await t.throwsAsync<DynauditError>(
    fillCache([target('a', 'A'), target('evil', 'expected')], { client: fakeClient({ a: 'A', evil: 'tampered' }) }),
  );
  t.is(error?.code, 'E_INTEGRITY');
  t.regex(error?.message ?? '', /"evil@1\.0\.0" \(node_modules\/evil\)/);
});

test('a fetch failure is a resolve error naming the tarball', async (t) => {
  const error = await t.throwsAsync<DynauditError>(fillCache([target('gone', 'x')], { client: fakeClient({}) }));
  t.is(error?.code, 'E_RESOLVE');
  t.regex(error?.message ?? '', /cannot fetch the tarball of "gone@1\.0\.0"/);
});

test('progress is reported as tarballs arrive, ending with the total', async (t) => {
  const messages: string[] = [];
  const names = Array.from({ length: 45 }, (_, i) => `p${i}`);
  const contents = Object.fromEntries(names.map((name) => [name, name]));
  await fillCache(
    names.map((name) => target(name, name)),
    { client: fakeClient(contents), concurrency: 4, onProgress: (message) => messages.push(message) },
  );
  t.true(messages.length <= 23);
  t.is(messages.at(-1), 'fetched 45/45 tarballs');
  t.regex(messages[0] ?? '', /^fetched \d+\/45 tarballs$/);
});
