import test from 'ava';
import { addedBehaviour, behaviourOf, isEmptyBehaviour, unionBehaviour } from '../../../src/diff/behaviour.js';
import type { TraceEvent } from '../../../src/events/types.js';
import { NPM, connect, dns, exec, file, imported, script } from '../policy/helpers.js';

const CONTEXT = { homeDir: '/home/runner', projectDir: '/home/runner/work/app' };
const PKG = '/home/runner/work/app/node_modules/lib';

test('hosts, DNS names, processes and the install script come from the package own events, npm left out', (t) => {
  const events: TraceEvent[] = [
    exec(['npm', 'rebuild'], { pid: 10, attribution: NPM, parentPid: null }),
    exec(['sh', '-c', 'node beacon.js'], { pid: 11, parentPid: 10, attribution: script('lib') }),
    exec(['node', 'beacon.js'], { pid: 12, parentPid: 11, attribution: script('lib') }),
    dns('Beacon.Example', { pid: 12, attribution: script('lib') }),
    { ...connect('198.51.100.130', 80, { pid: 12, attribution: script('lib') }), hostname: 'beacon.example' },
    connect('203.0.113.10', 443, { pid: 12, attribution: script('lib') }),
    connect('127.0.0.1', 9229, { pid: 12, attribution: script('lib') }),
    dns('registry.example', { pid: 10, attribution: NPM }),
  ];
  t.deepEqual(behaviourOf(events, 'lib', CONTEXT), {
    hosts: ['203.0.113.10:443', 'beacon.example'],
    dnsNames: ['beacon.example'],
    processes: ['node beacon.js', 'sh -c node beacon.js'],
    filesWritten: [],
    credentialsRead: [],
    installScripts: ['node beacon.js'],
  });
});

test('files written outside the package folder and the npm cache count, the null device and its own folder do not', (t) => {
  const events: TraceEvent[] = [
    file(`${PKG}/build/out.node`, 'write', { attribution: script('lib') }),
    file('/home/runner/.npm/_cacache/tmp/1', 'write', { attribution: script('lib') }),
    file('/dev/null', 'write', { attribution: script('lib') }),
    file('/home/runner/.bashrc', 'write', { attribution: imported('lib') }),
    file('/tmp/x', 'write', { attribution: script('lib'), operation: 'rename', target: '/home/runner/.config/autostart/x.desktop' }),
    file('/home/runner/.npmrc', 'write', { attribution: NPM }),
  ];
  t.deepEqual(behaviourOf(events, 'lib', CONTEXT).filesWritten, ['/tmp/x -> ~/.config/autostart/x.desktop', '~/.bashrc']);
});

test('credentials read are the planted ones it touched and process environments', (t) => {
  const events: TraceEvent[] = [
    { ...file('/home/runner/.npmrc', 'read', { attribution: script('lib') }), honeytoken: { token: 'npm-token', how: 'touched' } },
    { ...file('/home/runner/.npmrc', 'read', { attribution: NPM }), honeytoken: { token: 'npm-token', how: 'touched' } },
    file('/proc/1/environ', 'read', { attribution: imported('lib') }),
    file(`${PKG}/package.json`, 'read', { attribution: imported('lib') }),
  ];
  t.deepEqual(behaviourOf(events, 'lib', CONTEXT).credentialsRead, ['/proc/N/environ', '~/.npmrc']);
});

test('HTTP and TLS name the host they were for', (t) => {
  const base = { phase: 'install', pid: 5, timestampMs: 1, attribution: script('lib'), ok: true, address: '198.51.100.129', port: 80 } as const;
  const events: TraceEvent[] = [
    { ...base, kind: 'http', method: 'GET', host: 'c.example', path: '/', bodyBytes: 0, bodyExcerpt: '' },
    { ...base, port: 443, kind: 'tls', sni: 'secure.example', alpn: [] },
  ];
  t.deepEqual(behaviourOf(events, 'lib', CONTEXT).hosts, ['c.example', 'secure.example']);
});

test('added behaviour is what the second does and the first does not; unions merge packages', (t) => {
  const a = { hosts: ['a.example'], dnsNames: [], processes: ['node x.js'], filesWritten: [], credentialsRead: [], installScripts: [] };
  const b = { hosts: ['a.example', 'b.example'], dnsNames: ['b.example'], processes: [], filesWritten: [], credentialsRead: [], installScripts: [] };
  t.deepEqual(addedBehaviour(a, b), { hosts: ['b.example'], dnsNames: ['b.example'], processes: [], filesWritten: [], credentialsRead: [], installScripts: [] });
  t.true(isEmptyBehaviour(addedBehaviour(b, a)) === false);
  t.true(isEmptyBehaviour(addedBehaviour(b, b)));
  t.deepEqual(unionBehaviour([a, b]).hosts, ['a.example', 'b.example']);
});
