import test from 'ava';
import { globToRegExp, matchesAnyGlob } from '../../../src/policy/glob.js';
import { CONTEXT, HOME, PROJECT } from './helpers.js';

function matches(glob: string, path: string, packageName: string | null = null): boolean {
  return matchesAnyGlob(path, [glob], CONTEXT, packageName);
}

test('a leading ~ stands for the sandbox home', (t) => {
  t.true(matches('~/.npmrc', `${HOME}/.npmrc`));
  t.true(matches('~', HOME));
  t.false(matches('~/.npmrc', '/root/.npmrc'));
  t.false(matches('~/.npmrc', `${HOME}/.npmrc.bak`));
});

test('a ~ that does not start the glob is literal', (t) => {
  t.true(matches('/backup/~/.npmrc', '/backup/~/.npmrc'));
  t.false(matches('/backup/~/.npmrc', `/backup${HOME}/.npmrc`));
});

test('a single star matches within one path segment only', (t) => {
  t.true(matches('/proc/*/environ', '/proc/1/environ'));
  t.true(matches('/proc/*/environ', '/proc/self/environ'));
  t.false(matches('/proc/*/environ', '/proc/1/task/1/environ'));
  t.true(matches('/tmp/*.sh', '/tmp/stage.sh'));
  t.false(matches('/tmp/*.sh', '/tmp/x/stage.sh'));
});

test('a double star matches any number of segments', (t) => {
  t.true(matches('~/.ssh/**', `${HOME}/.ssh/id_rsa`));
  t.true(matches('~/.ssh/**', `${HOME}/.ssh/keys/old/id_rsa`));
  t.false(matches('~/.ssh/**', `${HOME}/.sshrc`));
  t.true(matches('/a/**/b', '/a/x/y/z/b'));
});

test('stars match names holding line breaks and other control characters, as the kernel allows', (t) => {
  t.true(matches('{project}/data/**', `${PROJECT}/data/Mv\u0015\n"x\t\n`));
  t.true(matches('{project}/data/*', `${PROJECT}/data/a\nb`));
  t.false(matches('{project}/data/*', `${PROJECT}/data/a\n/b`));
});

test('a double star between slashes also matches zero segments', (t) => {
  t.true(matches('/a/**/b', '/a/b'));
  t.true(matches('~/**/.npmrc', `${HOME}/.npmrc`));
  t.false(matches('/a/**/b', '/ab'));
});

test('other regular expression characters in a glob are literal', (t) => {
  t.true(matches('~/.docker/config.json', `${HOME}/.docker/config.json`));
  t.false(matches('~/.docker/config.json', `${HOME}/.docker/configXjson`));
  t.true(matches('/x/a+b(1)', '/x/a+b(1)'));
  t.false(matches('/x/a+b(1)', '/x/aab1'));
});

test('a question mark matches one character within a segment', (t) => {
  t.true(matches('/tmp/?.js', '/tmp/a.js'));
  t.false(matches('/tmp/?.js', '/tmp/ab.js'));
  t.false(matches('/tmp/a?b', '/tmp/a/b'));
});

test('{package} is the acting package folder directly under the project node_modules', (t) => {
  t.true(matches('{package}', `${PROJECT}/node_modules/evil`, 'evil'));
  t.true(matches('{package}/**', `${PROJECT}/node_modules/evil/build/Release/x.node`, 'evil'));
  t.false(matches('{package}', `${PROJECT}/node_modules/evil/index.js`, 'evil'));
});

test('{package} covers a scoped package folder', (t) => {
  t.true(matches('{package}/**', `${PROJECT}/node_modules/@scope/pkg/lib/x.js`, '@scope/pkg'));
  t.false(matches('{package}/**', `${PROJECT}/node_modules/@scope/other/lib/x.js`, '@scope/pkg'));
});

test('{package} covers a package installed in another package node_modules', (t) => {
  t.true(matches('{package}/**', `${PROJECT}/node_modules/a/node_modules/pkg/out.txt`, 'pkg'));
  t.true(matches('{package}/**', `${PROJECT}/node_modules/a/node_modules/b/node_modules/pkg/out.txt`, 'pkg'));
  t.true(matches('{package}/**', `${PROJECT}/node_modules/a/node_modules/@s/pkg/out.txt`, '@s/pkg'));
});

test('{package} does not match another package, a name with the same prefix, or a folder outside the project', (t) => {
  t.false(matches('{package}/**', `${PROJECT}/node_modules/other/out.txt`, 'pkg'));
  t.false(matches('{package}/**', `${PROJECT}/node_modules/pkg-evil/out.txt`, 'pkg'));
  t.false(matches('{package}/**', `${PROJECT}/node_modules/not-pkg/out.txt`, 'pkg'));
  t.false(matches('{package}/**', `/tmp/node_modules/pkg/out.txt`, 'pkg'));
  t.false(matches('{package}/**', `${PROJECT}/pkg/out.txt`, 'pkg'));
});

test('a glob with {package} matches nothing when no package acted', (t) => {
  t.is(globToRegExp('{package}/**', CONTEXT, null), null);
  t.false(matches('{package}/**', `${PROJECT}/node_modules/pkg/out.txt`, null));
});

test('a path matches a list of globs when any of them matches', (t) => {
  const globs = ['~/.npmrc', '/proc/*/environ'];
  t.true(matchesAnyGlob('/proc/42/environ', globs, CONTEXT, null));
  t.false(matchesAnyGlob('/etc/passwd', globs, CONTEXT, null));
  t.false(matchesAnyGlob('/etc/passwd', [], CONTEXT, null));
});
