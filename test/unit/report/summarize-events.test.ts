import test from 'ava';
import type { Attribution, TraceEvent } from '../../../src/events/types.js';
import { summarizeEvents } from '../../../src/report/summarize-events.js';
import { NPM, connect, dns, exec, file, script } from '../policy/helpers.js';

test('no events give an empty summary', (t) => {
  t.deepEqual(summarizeEvents([]), {
    processes: [],
    processesOmitted: 0,
    files: { reads: 0, writes: 0, writtenByPackages: [] },
    network: [],
    dns: [],
    http: [],
    tls: [],
    exfiltration: [],
  });
});

test('processes are listed with their phase, parent, argv, attribution and outcome', (t) => {
  const summary = summarizeEvents([
    exec(['curl', 'http://x.example/'], { pid: 7, parentPid: 3 }),
    exec(['wget'], { pid: 8, parentPid: 3, ok: false, error: 'ENOENT' }),
  ]);
  t.deepEqual(summary.processes, [
    { phase: 'install', pid: 7, parentPid: 3, argv: ['curl', 'http://x.example/'], attribution: script('evil'), ok: true },
    { phase: 'install', pid: 8, parentPid: 3, argv: ['wget'], attribution: script('evil'), ok: false, error: 'ENOENT' },
  ]);
});

test('file events are counted as reads and writes, by everyone', (t) => {
  const summary = summarizeEvents([
    file('/etc/hosts', 'read'),
    file('/etc/hosts', 'read', { attribution: NPM }),
    file('/tmp/x', 'write'),
    file('/home/runner/.npm/_cacache/y', 'write', { attribution: NPM }),
  ]);
  t.is(summary.files.reads, 2);
  t.is(summary.files.writes, 2);
});

test('paths written by packages are listed once each, npm writes are not', (t) => {
  const summary = summarizeEvents([
    file('/tmp/x', 'write'),
    file('/tmp/x', 'write'),
    file('/home/runner/.bashrc', 'write', { attribution: script('other') }),
    file('/home/runner/.npm/_cacache/y', 'write', { attribution: NPM }),
    file('/etc/passwd', 'read'),
  ]);
  t.deepEqual(summary.files.writtenByPackages, ['/tmp/x', '/home/runner/.bashrc']);
});

test('at most 50 written paths are kept', (t) => {
  const events = Array.from({ length: 60 }, (_, index) => file(`/tmp/f${index}`, 'write'));
  const written = summarizeEvents(events).files.writtenByPackages;
  t.is(written.length, 50);
  t.is(written[0], '/tmp/f0');
});

test('at most 200 processes are listed and the rest are counted', (t) => {
  const events = Array.from({ length: 205 }, (_, index) => exec(['true'], { pid: 1000 + index }));
  const summary = summarizeEvents(events);
  t.is(summary.processes.length, 200);
  t.is(summary.processesOmitted, 5);
  t.is(summary.processes[0]?.pid, 1000);
});

test('connection attempts are listed with their outcome', (t) => {
  const summary = summarizeEvents([connect('203.0.113.5', 443), connect('198.51.100.1', 22, { ok: false, error: 'ECONNREFUSED' })]);
  t.deepEqual(summary.network, [
    { phase: 'install', pid: 200, attribution: script('evil'), address: '203.0.113.5', port: 443, protocol: 'tcp', ok: true },
    {
      phase: 'install',
      pid: 200,
      attribution: script('evil'),
      address: '198.51.100.1',
      port: 22,
      protocol: 'tcp',
      ok: false,
      error: 'ECONNREFUSED',
    },
  ]);
});

test('DNS queries are listed with name, type and server', (t) => {
  const who: Attribution = { package: 'pkg', via: 'import' };
  const events: TraceEvent[] = [dns('x.example', { phase: 'import', attribution: who }), dns(null)];
  const summary = summarizeEvents(events);
  t.deepEqual(summary.dns, [
    { phase: 'import', pid: 200, attribution: who, name: 'x.example', type: 'A', server: '10.0.2.3' },
    { phase: 'install', pid: 200, attribution: script('evil'), name: null, type: 'A', server: '10.0.2.3' },
  ]);
});
