import test from 'ava';
import type { ConnectEvent, FileEvent, TraceEvent } from '../../../src/events/types.js';
import type { HomeFile, Honeytoken } from '../../../src/honeytokens/create-honeytokens.js';
import { detectExfiltration, type Carrier } from '../../../src/honeytokens/detect-exfiltration.js';
import { markTouchedHoneytokens } from '../../../src/honeytokens/mark-touched.js';

const TOKEN: Honeytoken = { id: 'github-token', label: 'GITHUB_TOKEN environment variable', value: 'ghs_Zp4Lq9Wv2Rk7Xm1Tb8Nc3Yd6Hf0Jg5Ks2Ua9' };
const attribution = { package: 'evil-pkg', via: 'lifecycle-script' } as const;
const connect: ConnectEvent = {
  kind: 'connect', phase: 'install', pid: 42, timestampMs: 1000, attribution, ok: true, family: 'inet', address: '198.51.100.129', port: 80, protocol: 'tcp',
};

function carrier(data: string, overrides: Partial<Carrier> = {}): Carrier {
  return { event: connect, channel: 'http', location: 'HTTP POST body', destination: 'c.example (198.51.100.129:80)', data: Buffer.from(data), ...overrides };
}

test('a token in a carrier becomes an exfiltration event of the process that sent it', (t) => {
  const [event] = detectExfiltration([carrier(Buffer.from(TOKEN.value).toString('base64'))], [TOKEN]);
  t.like(event, {
    kind: 'exfiltration',
    phase: 'install',
    pid: 42,
    attribution,
    honeytoken: { token: 'github-token', how: 'sent' },
    tokenLabel: 'GITHUB_TOKEN environment variable',
    channel: 'http',
    location: 'HTTP POST body',
    destination: 'c.example (198.51.100.129:80)',
    encoding: 'base64',
    matchedChars: 40,
    tokenChars: 40,
  });
});

test('a leak is one event per process and destination, told by the first place it was seen', (t) => {
  const events = detectExfiltration([carrier(TOKEN.value), carrier(TOKEN.value), carrier(TOKEN.value, { location: 'HTTP headers' })], [TOKEN]);
  t.deepEqual(events.map((event) => (event.kind === 'exfiltration' ? event.location : event.kind)), ['HTTP POST body']);
  const elsewhere = detectExfiltration([carrier(TOKEN.value), carrier(TOKEN.value, { destination: 'other.example (198.51.100.130:80)' })], [TOKEN]);
  t.is(elsewhere.length, 2);
});

test('DNS carriers compare case-folded', (t) => {
  const dnsName = carrier(TOKEN.value.toLowerCase(), { channel: 'dns', location: 'DNS query name', caseInsensitive: true });
  t.is(detectExfiltration([dnsName], [TOKEN]).length, 1);
  t.is(detectExfiltration([{ ...dnsName, caseInsensitive: false }], [TOKEN]).length, 0);
});

test('no tokens or empty carriers give no events', (t) => {
  t.deepEqual(detectExfiltration([carrier(TOKEN.value)], []), []);
  t.deepEqual(detectExfiltration([carrier('')], [TOKEN]), []);
});

test('opening a file that holds a honeytoken marks the event as touching it', (t) => {
  const files: HomeFile[] = [{ path: '.npmrc', content: '', mode: 0o600, tokens: ['npm-token'] }, { path: '.aws/config', content: '', mode: 0o644, tokens: [] }];
  const open = (path: string): FileEvent => ({ kind: 'file', phase: 'install', pid: 7, timestampMs: 1, attribution, ok: true, operation: 'open', path, access: 'read' });
  const events: TraceEvent[] = [open('/home/runner/.npmrc'), open('/home/runner/.aws/config'), connect];
  const marked = markTouchedHoneytokens(events, files, '/home/runner');
  t.deepEqual(marked[0]?.honeytoken, { token: 'npm-token', how: 'touched' });
  t.is(marked[1]?.honeytoken, undefined);
  t.is(marked[2], connect);
});
