import test from 'ava';
import { detectManager, parsePackageManager } from '../../../src/approve/detect-manager.js';
import { pnpmDialect, selectFormat } from '../../../src/approve/select-format.js';
import { files } from './helpers.js';

test('packageManager gives the manager and its version', (t) => {
  t.deepEqual(parsePackageManager('pnpm@10.26.1+sha512.abc'), { name: 'pnpm', version: '10.26.1' });
  t.is(parsePackageManager('deno@2.0.0'), null);
});

test('--manager wins, then lavamoat.allowScripts, then packageManager, then the lockfile', (t) => {
  const present = new Set(['package.json', 'package-lock.json', 'pnpm-lock.yaml']);
  t.like(detectManager({}, present, 'bun'), { manager: 'bun', why: '--manager', lockfile: 'package-lock.json' });
  t.like(detectManager({ lavamoat: { allowScripts: {} }, packageManager: 'pnpm@11.0.0' }, present), { manager: 'lavamoat' });
  t.like(detectManager({ packageManager: 'npm@12.2.2' }, present), { manager: 'npm', version: '12.2.2', lockfile: 'package-lock.json' });
  t.like(detectManager({}, present), { manager: 'pnpm', version: null, lockfile: 'pnpm-lock.yaml', why: 'the project has pnpm-lock.yaml' });
  t.like(detectManager({}, new Set(['bun.lock', 'package-lock.json'])), { manager: 'bun', lockfile: 'package-lock.json' });
});

test('a project without a lockfile dynaudit reads is refused with the reason', (t) => {
  t.throws(() => detectManager({}, new Set(['package.json'])), { code: 'E_PROJECT', message: /no lockfile in the project/ });
  t.throws(() => detectManager({}, new Set(['bun.lock'])), { code: 'E_PROJECT', message: /bun\.lock and yarn berry lockfiles are not read yet/ });
});

test('pnpm\'s setting follows the version that reads it', (t) => {
  t.deepEqual(pnpmDialect('11.0.0', null), { setting: 'allowBuilds', denyWins: true });
  t.deepEqual(pnpmDialect('10.26.0', null), { setting: 'allowBuilds', denyWins: false });
  t.deepEqual(pnpmDialect('10.19.0', null), { setting: 'lists', denyWins: false });
  t.throws(() => pnpmDialect('10.18.3', null), { code: 'E_PROJECT', message: /pnpm 10\.18\.3 cannot approve builds by version/ });
});

test('without a pnpm version, the setting the workspace file already uses is kept', (t) => {
  t.deepEqual(pnpmDialect(null, 'onlyBuiltDependencies: [esbuild]\n'), { setting: 'lists', denyWins: false });
  t.deepEqual(pnpmDialect(null, null), { setting: 'allowBuilds', denyWins: true });
});

test('npm before 11.16 gets a note that it does not read allowScripts', (t) => {
  const old = selectFormat({ manager: 'npm', version: '10.9.0', why: '', lockfile: 'package-lock.json' }, files({}));
  t.deepEqual(old.notes, ['npm 10.9.0 does not read allowScripts (npm 11.16 warns, npm 12 enforces it)']);
  t.deepEqual(selectFormat({ manager: 'npm', version: '12.0.0', why: '', lockfile: 'package-lock.json' }, files({})).notes, []);
});
