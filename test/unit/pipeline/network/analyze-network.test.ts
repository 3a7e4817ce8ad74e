import { readFileSync } from 'node:fs';
import test from 'ava';
import type { ConnectEvent, FileEvent, TraceEvent } from '../../../../src/events/types.js';
import type { Honeytokens } from '../../../../src/honeytokens/index.js';
import { analyzeNetwork, packageFallback } from '../../../../src/pipeline/network/analyze-network.js';
import type { NetworkCapture, PhaseRun } from '../../../../src/sandbox/sandbox.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../../fixtures/fakenet/${name}`, import.meta.url));
const capture: NetworkCapture = { sinkLog: fixture('all-traffic.sink.jsonl').toString('utf8'), pcap: fixture('all-traffic.pcap'), problems: [] };
const firstTs = Number(/"ts":([\d.]+)/.exec(capture.sinkLog)?.[1]);
const run: PhaseRun = { name: 'install', status: 'completed', exitCode: 0, durationMs: 60_000, startedAtMs: firstTs - 1000, trace: '', traceTruncated: false, stdout: '', stderr: '' };
const attribution = { package: 'pkg', via: 'lifecycle-script' } as const;

/** The fixture's probes stand in for planted tokens (both are 18 characters, above the 16 needed). */
const honeytokens: Honeytokens = {
  tokens: [
    { id: 'tcp-probe', label: 'the TCP probe', value: 'DYNAUDIT-TCP-PROBE' },
    { id: 'udp-probe', label: 'the UDP probe', value: 'DYNAUDIT-UDP-PROBE' },
  ],
  files: [{ path: '.npmrc', content: '', mode: 0o600, tokens: ['npm-token'] }],
  dirs: [],
  env: [],
  callSecrets: { base58SecretKey: 'unsent-base58-secret-key', hexPrivateKey: '0xunsent-hex-private-key', mnemonic: 'unsent mnemonic words here', jwt: 'a.b.unsent-jwt-signature' },
};

test('tokens in what the fake internet caught become exfiltration events, file opens of bait are marked', async (t) => {
  const npmrc: FileEvent = { kind: 'file', phase: 'install', pid: 5, timestampMs: firstTs, attribution, ok: true, operation: 'open', path: '/home/runner/.npmrc', access: 'read' };
  const { events, fakenet } = await analyzeNetwork({ events: [npmrc], runs: [run], capture, honeytokens, fallbackAttribution: packageFallback('pkg') });
  const leaks = events.filter((event) => event.kind === 'exfiltration');
  t.deepEqual(
    leaks.map((event) => `${event.honeytoken.token} ${event.channel} ${event.location} ${event.destination}`).sort(),
    ['tcp-probe tcp TCP stream 198.51.100.60:8443', 'udp-probe udp UDP datagram 203.0.113.40:9999'],
  );
  t.deepEqual(events[0]?.honeytoken, { token: 'npm-token', how: 'touched' });
  t.like(fakenet, { dnsQueries: 3, connections: 3, packets: 36, crossCheck: { consistent: true, problems: [] } });
});

test('a secret the execute phase handed to a call is searched for in what was sent, under its own name', async (t) => {
  const handed: Honeytokens = { ...honeytokens, tokens: [], callSecrets: { ...honeytokens.callSecrets, base58SecretKey: 'DYNAUDIT-TCP-PROBE' } };
  const { events } = await analyzeNetwork({ events: [], runs: [run], capture, honeytokens: handed, fallbackAttribution: packageFallback('pkg') });
  const leaks = events.filter((event) => event.kind === 'exfiltration');
  t.deepEqual(
    leaks.map((event) => `${event.honeytoken.token} (${event.tokenLabel}) ${event.destination}`),
    ['call-argument-base58-secret-key (base58 secret key handed to a call) 198.51.100.60:8443'],
  );
});

test('traffic the trace did not see is charged to the analyzed package in the phase it happened in', async (t) => {
  const { events } = await analyzeNetwork({ events: [], runs: [run], capture, honeytokens, fallbackAttribution: packageFallback('pkg') });
  const connects = events.filter((event): event is ConnectEvent => event.kind === 'connect');
  t.true(connects.length >= 4);
  t.true(connects.every((event) => event.phase === 'install' && event.attribution.package === 'pkg' && event.attribution.via === 'lifecycle-script'));
});

test('without a capture there is no fake internet summary, but DNS names are still searched', async (t) => {
  const dns: TraceEvent = { kind: 'dns', phase: 'import', pid: 8, timestampMs: 1, attribution, ok: true, name: `${Buffer.from('DYNAUDIT-TCP-PROBE').toString('hex')}.x.example`, type: 'A', server: '127.0.0.53' };
  const { events, fakenet } = await analyzeNetwork({ events: [dns], runs: [run], capture: null, honeytokens, fallbackAttribution: packageFallback('pkg') });
  t.is(fakenet, null);
  t.like(events.find((event) => event.kind === 'exfiltration'), { channel: 'dns', encoding: 'hex', honeytoken: { token: 'tcp-probe', how: 'sent' } });
});
