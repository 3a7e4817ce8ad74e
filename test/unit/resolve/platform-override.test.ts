import test from 'ava';
import type { LockEntry } from '../../../src/resolve/lockfile-entries.js';
import { planFetches } from '../../../src/resolve/plan-fetches.js';
import { platformOverrides, platformText, withoutPlatformChecks } from '../../../src/resolve/platform-override.js';

const entry = (location: string, fields: Partial<LockEntry>): LockEntry => ({
  location, name: location.replace(/^node_modules\//, ''), version: '1.0.0', integrity: 'sha512-x', resolved: 'https://r.invalid/x.tgz',
  hasInstallScript: false, inBundle: false, link: false, optional: false, ...fields,
});

const root = entry('node_modules/mac-only', { os: ['darwin'], cpu: ['arm64'], hasInstallScript: true });
const scripted = entry('node_modules/stealer-win32', { os: ['win32'], optional: true, hasInstallScript: true });
const binary = entry('node_modules/@esbuild/darwin-arm64', { os: ['darwin'], cpu: ['arm64'], optional: true });
const linux = entry('node_modules/ok', { os: ['linux'] });

test('the analyzed package and optional packages with install scripts are installed whatever their platform', (t) => {
  const overrides = platformOverrides([root, scripted, binary, linux], 'node_modules/mac-only');
  t.deepEqual(overrides.map((override) => override.name), ['mac-only', 'stealer-win32']);
  t.is(platformText(overrides[0]!), 'darwin/arm64');
  t.is(platformText(overrides[1]!), 'win32/any cpu');
});

test('their platform fields leave the lockfile, and their tarballs are fetched; other platforms\' binaries are not', (t) => {
  const lock = { lockfileVersion: 3, packages: { '': { name: 'app' }, 'node_modules/mac-only': { version: '1.0.0', os: ['darwin'], cpu: ['arm64'], libc: ['glibc'] }, 'node_modules/ok': { os: ['linux'] } } };
  t.deepEqual(withoutPlatformChecks(lock, new Set(['node_modules/mac-only'])), {
    lockfileVersion: 3,
    packages: { '': { name: 'app' }, 'node_modules/mac-only': { version: '1.0.0' }, 'node_modules/ok': { os: ['linux'] } },
  });
  const fetched = planFetches([root, scripted, binary], { platform: { os: 'linux', cpu: 'x64' }, installAnyway: new Set(['node_modules/stealer-win32']) });
  t.deepEqual(fetched.map((target) => target.name), ['mac-only', 'stealer-win32']);
});
