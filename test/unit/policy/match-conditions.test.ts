import test from 'ava';
import type { TraceEvent } from '../../../src/events/types.js';
import { conditionsMatch, writtenPaths } from '../../../src/policy/match-conditions.js';
import type { Conditions } from '../../../src/policy/policy-types.js';
import { ProcessTree } from '../../../src/policy/process-tree.js';
import { CONTEXT, HOME, NPM, PROJECT, connect, dns, exec, file, imported, script } from './helpers.js';

function matches(conditions: Conditions, event: TraceEvent, others: readonly TraceEvent[] = []): boolean {
  return conditionsMatch(conditions, event, { tree: new ProcessTree([...others, event]), context: CONTEXT });
}

test('phase restricts a condition to the phases listed', (t) => {
  t.true(matches({ phase: ['import'] }, dns('x.example', { phase: 'import', attribution: imported('pkg') })));
  t.false(matches({ phase: ['import'] }, dns('x.example', { phase: 'install' })));
});

test('by names the actor and never matches npm itself', (t) => {
  t.true(matches({ by: ['lifecycle-script'] }, dns('x.example')));
  t.false(matches({ by: ['import'] }, dns('x.example')));
  t.false(matches({ by: ['lifecycle-script', 'import'] }, dns('x.example', { attribution: NPM })));
});

test('a path glob matches the executable path of a process event', (t) => {
  t.true(matches({ path: ['/tmp/**'] }, exec(['./stage'], { executable: '/tmp/x/stage' })));
  t.false(matches({ path: ['/tmp/**'] }, exec(['node'], { executable: '/usr/local/bin/node' })));
});

test('path conditions never match events that have no path', (t) => {
  t.false(matches({ path: ['/**'] }, connect('203.0.113.5', 443)));
  t.false(matches({ pathNot: ['/tmp/**'] }, dns('x.example')));
});

test('a link only writes its new name, so linking a file into the package folder is inside it', (t) => {
  const link = file(`${PROJECT}/node_modules/esbuild/bin-esbuild`, 'write', {
    operation: 'link',
    target: `${PROJECT}/node_modules/@esbuild/linux-x64/bin/esbuild`,
    attribution: script('esbuild'),
  });
  t.deepEqual(writtenPaths(link), [`${PROJECT}/node_modules/esbuild/bin-esbuild`]);
  t.false(matches({ access: 'write', pathNot: ['{package}/**'] }, link));
});

test('a symlink writes its own path, whatever it points to', (t) => {
  const symlink = file(`${PROJECT}/node_modules/evil/build/python3`, 'write', { operation: 'symlink', target: '/usr/bin/python3' });
  t.deepEqual(writtenPaths(symlink), [`${PROJECT}/node_modules/evil/build/python3`]);
  t.false(matches({ pathNot: ['{package}/**'] }, symlink));
});

test('a rename writes both of its paths', (t) => {
  const rename = file(`${PROJECT}/node_modules/evil/x`, 'write', { operation: 'rename', target: `${HOME}/.bashrc` });
  t.true(matches({ pathNot: ['{package}/**'] }, rename));
});

test('to excuse, pathNot holds only when none of the paths a write changes is in the places: a rename out of them excuses nothing', (t) => {
  const excuses = (conditions: Conditions, event: TraceEvent): boolean => conditionsMatch(conditions, event, { tree: new ProcessTree([event]), context: CONTEXT }, 'excuse');
  const project = { path: [`${PROJECT}/**`], pathNot: [`${PROJECT}/node_modules/**`] };
  t.true(excuses(project, file(`${PROJECT}/dist/index.js`, 'write')));
  t.false(excuses(project, file(`${PROJECT}/node_modules/lodash/index.js`, 'write')));
  t.false(excuses(project, file(`${PROJECT}/stage.js`, 'write', { operation: 'rename', target: `${PROJECT}/node_modules/lodash/index.js` })));
  t.false(excuses(project, file(`${PROJECT}/node_modules/lodash/index.js`, 'write', { operation: 'rename', target: `${PROJECT}/stage.js` })));
  t.true(matches(project, file(`${PROJECT}/stage.js`, 'write', { operation: 'rename', target: `${PROJECT}/node_modules/lodash/index.js` })), 'to blame, one path outside will do');
});

test('argv globs match the whole command line, stars spanning spaces and slashes', (t) => {
  const event = exec(['node', '/usr/lib/node-gyp/bin/node-gyp.js', 'rebuild', '--release']);
  t.true(matches({ argv: ['node */node-gyp.js rebuild*'] }, event));
  t.false(matches({ argv: ['node-gyp rebuild'] }, event));
  t.false(matches({ argvNot: ['* rebuild *'] }, event));
});

test('executable matches the program name by argv[0] or by the executable file', (t) => {
  t.true(matches({ executable: ['curl'] }, exec(['curl', 'x'], { executable: '/opt/fetch' })));
  t.true(matches({ executable: ['curl'] }, exec(['updater'], { executable: '/usr/bin/curl' })));
  t.false(matches({ executable: ['curl'] }, file('/usr/bin/curl', 'read')));
});

test('parent package-manager matches what npm itself started, parent none the first process of a phase', (t) => {
  const npm = exec(['node', 'npm-cli.js', 'ci'], { pid: 100, parentPid: null, attribution: NPM });
  const wrapper = exec(['sh', '-c', 'node install.js'], { pid: 200, parentPid: 100 });
  const child = exec(['node', 'install.js'], { pid: 201, parentPid: 200 });
  t.true(matches({ parent: 'package-manager' }, wrapper, [npm]));
  t.false(matches({ parent: 'package-manager' }, child, [npm, wrapper]));
  t.true(matches({ parent: 'none' }, exec(['node', 'loader.mjs'], { parentPid: null, attribution: imported('pkg') })));
  t.false(matches({ parentNot: 'none' }, exec(['node', 'loader.mjs'], { parentPid: null, attribution: imported('pkg') })));
});

test('ancestor conditions see the acting process itself for file events and only the parents for process events', (t) => {
  const gyp = exec(['node', '/x/node-gyp/bin/node-gyp.js', 'rebuild'], { pid: 300, parentPid: null, executable: '/usr/bin/node' });
  const make = exec(['make'], { pid: 301, parentPid: 300 });
  const cc = exec(['cc1'], { pid: 302, parentPid: 301 });
  t.true(matches({ ancestor: ['node-gyp'] }, file('/tmp/ccX.s', 'write', { pid: 302 }), [gyp, make, cc]));
  t.true(matches({ ancestor: ['cc1'] }, file('/tmp/ccX.s', 'write', { pid: 302 }), [gyp, make, cc]));
  t.false(matches({ ancestor: ['cc1'] }, cc, [gyp, make]));
  t.true(matches({ ancestorNot: ['cmake'] }, cc, [gyp, make]));
  t.false(matches({ ancestor: ['node-gyp'] }, file('/tmp/ccX.s', 'write', { pid: 999 }), [gyp]));
});

test('address and port conditions match connections', (t) => {
  t.true(matches({ address: ['203.0.113.0/24'], port: [443] }, connect('203.0.113.5', 443)));
  t.false(matches({ address: ['203.0.113.0/24'], port: [80] }, connect('203.0.113.5', 443)));
  t.false(matches({ portNot: [443] }, connect('203.0.113.5', 443)));
  t.false(matches({ address: ['0.0.0.0/0'] }, dns('x.example')));
});

test('name globs match DNS names case-insensitively, one star per label and two across labels', (t) => {
  t.true(matches({ name: ['*.ngrok.io'] }, dns('abc.ngrok.io')));
  t.false(matches({ name: ['*.ngrok.io'] }, dns('a.b.ngrok.io')));
  t.true(matches({ name: ['**.ngrok.io'] }, dns('A.B.NGROK.IO.')));
  t.false(matches({ nameNot: ['**.example.com'] }, dns('x.example.com')));
  t.true(matches({ nameNot: ['**.example.com'] }, dns(null)));
  t.false(matches({ name: ['**'] }, dns(null)));
});

test('a name condition on a connection matches the name it was looked up by', (t) => {
  const event = { ...connect('198.51.100.9', 443), hostname: 'collect.example' };
  t.true(matches({ name: ['collect.example'] }, event));
  t.false(matches({ name: ['collect.example'] }, connect('198.51.100.9', 443)));
});

test('honeytoken matches events that carry a honeytoken mark, by how it was involved', (t) => {
  const touched = { ...file(`${HOME}/.npmrc`, 'read'), honeytoken: { token: 'npm-token', how: 'touched' as const } };
  t.true(matches({ honeytoken: 'touched' }, touched));
  t.true(matches({ honeytoken: 'any' }, touched));
  t.false(matches({ honeytoken: 'sent' }, touched));
  t.false(matches({ honeytoken: 'any' }, file(`${HOME}/.npmrc`, 'read')));
});

test('an empty set of conditions matches every event', (t) => {
  t.true(matches({}, dns('x.example')));
});
