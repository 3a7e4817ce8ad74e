import { readFile } from 'node:fs/promises';
import test from 'ava';
import type { DynauditError } from '../../../src/common/errors.js';
import { readLockfile, type LockEntry } from '../../../src/resolve/lockfile-entries.js';
import { planFetches, supportsPlatform } from '../../../src/resolve/plan-fetches.js';

const mixed = readLockfile(
  JSON.parse(await readFile(new URL('../../fixtures/resolve/lockfiles/mixed.json', import.meta.url), 'utf8')),
);
const linuxX64 = { os: 'linux', cpu: 'x64' };

function entry(overrides: Partial<LockEntry>): LockEntry {
  return {
    location: 'node_modules/a',
    name: 'a',
    version: '1.0.0',
    integrity: 'sha512-AAAA',
    resolved: 'https://mirror.invalid/a/-/a-1.0.0.tgz',
    hasInstallScript: false,
    inBundle: false,
    link: false,
    optional: false,
    ...overrides,
  };
}

test('registry entries are fetched by real name, version and integrity', (t) => {
  const targets = planFetches(mixed, { platform: linuxX64 });
  t.deepEqual(
    targets.map((target) => `${target.name}@${target.version}`),
    ['analyzed@1.0.0', '@scope/util@2.1.0', 'string-width@4.2.3', 'native-linux@1.0.0', '@scope/util@1.0.0'],
  );
  t.is(targets[0]?.integrity, mixed[0]?.integrity);
});

test('bundled dependencies and optional packages for another platform are not fetched', (t) => {
  const names = planFetches(mixed, { platform: linuxX64 }).map((target) => target.location);
  t.false(names.includes('node_modules/@scope/util/node_modules/inner'));
  t.false(names.includes('node_modules/native-darwin'));
  const onMac = planFetches(mixed, { platform: { os: 'darwin', cpu: 'arm64' } }).map((target) => target.location);
  t.true(onMac.includes('node_modules/native-darwin'));
  t.false(onMac.includes('node_modules/native-linux'));
});

test('the local package is not fetched', (t) => {
  const targets = planFetches(mixed, { platform: linuxX64, localLocation: 'node_modules/analyzed' });
  t.false(targets.some((target) => target.location === 'node_modules/analyzed'));
});

test('a required package for another platform is still fetched', (t) => {
  const targets = planFetches([entry({ os: ['darwin'] })], { platform: linuxX64 });
  t.is(targets.length, 1);
});

test('git, file and link dependencies are rejected as unsupported', (t) => {
  for (const bad of [
    entry({ resolved: 'git+ssh://git@example.com/a.git#abc', integrity: undefined }),
    entry({ resolved: 'file:../a' }),
    entry({ link: true, resolved: '../a' }),
  ]) {
    const error = t.throws<DynauditError>(() => planFetches([bad], { platform: linuxX64 }));
    t.is(error?.code, 'E_RESOLVE');
    t.regex(error?.message ?? '', /dependency "a" at node_modules\/a .*not supported/);
  }
});

test('an entry without integrity is rejected', (t) => {
  const { integrity: _ignored, ...withoutIntegrity } = entry({});
  const error = t.throws<DynauditError>(() => planFetches([withoutIntegrity], { platform: linuxX64 }));
  t.regex(error?.message ?? '', /has no integrity/);
});

test('os and cpu lists follow npm: negations exclude, positives must match', (t) => {
  t.true(supportsPlatform({}, linuxX64));
  t.true(supportsPlatform({ os: ['linux'], cpu: ['x64'] }, linuxX64));
  t.false(supportsPlatform({ os: ['!linux'] }, linuxX64));
  t.true(supportsPlatform({ os: ['!win32'] }, linuxX64));
  t.false(supportsPlatform({ cpu: ['arm64'] }, linuxX64));
  t.true(supportsPlatform({ os: ['any'] }, linuxX64));
});
