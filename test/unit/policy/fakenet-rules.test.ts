/** The default policy's rules on what the fake internet caught: exfiltration, HTTP, TLS, and connections with names. */
import { fileURLToPath } from 'node:url';
import test from 'ava';
import type { Attribution, ConnectEvent, DnsEvent, ExfiltrationEvent, HttpEvent, PhaseName, TlsEvent } from '../../../src/events/types.js';
import { describeEvent } from '../../../src/policy/describe-event.js';
import { evaluatePolicy } from '../../../src/policy/evaluate-policy.js';
import { loadPolicies } from '../../../src/policy/load-policy.js';
import type { PolicyContext } from '../../../src/policy/policy-types.js';

const policy = await loadPolicies([fileURLToPath(new URL('../../../policies/default.yaml', import.meta.url))]);
const CONTEXT = { homeDir: '/home/runner', projectDir: '/home/runner/work/app' };
const SCRIPT: Attribution = { package: 'evil-pkg', via: 'lifecycle-script' };
const base = { phase: 'install' as const, pid: 31, timestampMs: 1, attribution: SCRIPT, ok: true };

const leak: ExfiltrationEvent = {
  ...base,
  kind: 'exfiltration',
  honeytoken: { token: 'npm-token-env', how: 'sent' },
  tokenLabel: 'NPM_TOKEN environment variable',
  channel: 'http',
  location: 'HTTP POST body',
  destination: 'collect.example (198.51.100.129:80)',
  encoding: 'base64',
  matchedChars: 40,
  tokenChars: 40,
};

const request: HttpEvent = {
  ...base,
  kind: 'http',
  method: 'GET',
  host: 'stage2.example',
  path: '/x.sh',
  address: '198.51.100.130',
  port: 80,
  hostname: 'stage2.example',
  bodyBytes: 0,
  bodyExcerpt: '',
};

const hello: TlsEvent = { ...base, kind: 'tls', sni: 'secure.example', alpn: ['h2'], address: '198.51.100.131', port: 443, hostname: 'secure.example' };

test('a honeytoken sent out is a critical exfiltration finding naming the token and where it went', (t) => {
  const [finding] = evaluatePolicy([leak], policy, CONTEXT);
  t.like(finding, {
    rule: 'exfiltration',
    category: 'exfiltration',
    severity: 'critical',
    summary: 'sends the NPM_TOKEN environment variable out to collect.example (198.51.100.129:80)',
  });
  t.deepEqual(finding?.evidence, [
    'pid 31 sent the NPM_TOKEN environment variable [npm-token-env] base64-encoded in the HTTP POST body to collect.example (198.51.100.129:80) (the whole token)',
  ]);
});

test('a key handed to a call is exfiltration when sent anywhere but the caller\'s own service, and the planted tokens everywhere', (t) => {
  const execute = { phase: 'execute' as const, attribution: { package: 'wallet-kit', via: 'import' as const } };
  const handed: ExfiltrationEvent = {
    ...leak,
    ...execute,
    honeytoken: { token: 'call-argument-hex-private-key', how: 'sent' },
    tokenLabel: 'hex private key handed to a call',
    destination: 'api.caller.example (198.51.100.7:443)',
    hostname: 'api.caller.example',
  };
  t.deepEqual(evaluatePolicy([handed], policy, CONTEXT), [], 'a client sending the key to the service it was pointed at');
  const stolen = { ...handed, destination: 'collect.example (198.51.100.8:80)', hostname: 'collect.example' };
  t.like(evaluatePolicy([stolen], policy, CONTEXT)[0], { rule: 'exfiltration', severity: 'critical', summary: 'sends the hex private key handed to a call out to collect.example (198.51.100.8:80)' });
  const { hostname: _, ...byAddress } = handed;
  t.like(evaluatePolicy([byAddress], policy, CONTEXT)[0], { rule: 'exfiltration' }, 'an address no lookup of the caller\'s name gave');
  const planted = { ...handed, honeytoken: { token: 'npm-token-env', how: 'sent' as const }, tokenLabel: 'NPM_TOKEN environment variable' };
  t.like(evaluatePolicy([planted], policy, CONTEXT)[0], { rule: 'exfiltration' }, 'a planted token is never the caller\'s to send');
});

test('an HTTP request is a network finding showing its URL', (t) => {
  t.like(evaluatePolicy([request], policy, CONTEXT)[0], { rule: 'http-request', severity: 'high', summary: 'sends an HTTP request GET http://stage2.example/x.sh' });
});

test('a TLS ClientHello is a network finding naming the server asked for', (t) => {
  t.like(evaluatePolicy([hello], policy, CONTEXT)[0], { rule: 'tls-client-hello', summary: 'starts a TLS connection to secure.example' });
  t.is(describeEvent(hello), 'pid 31 TLS ClientHello for secure.example to secure.example (198.51.100.131:443) (ALPN h2)');
});

test('a connection the fake internet answered shows the name, the address and the first bytes', (t) => {
  const connect: ConnectEvent = {
    ...base,
    kind: 'connect',
    family: 'inet',
    address: '203.0.113.25',
    port: 4444,
    protocol: 'tcp',
    hostname: 'c2.example',
    received: { bytes: 21, firstBytes: 'BEACON\\x00\\xff' },
  };
  const [finding] = evaluatePolicy([connect], policy, CONTEXT);
  t.is(finding?.summary, 'opens a network connection to tcp c2.example (203.0.113.25:4444)');
  t.deepEqual(finding?.evidence, ['pid 31 connect tcp c2.example (203.0.113.25:4444), sent 21 byte(s): "BEACON\\x00\\xff"']);
});

test("npm's own traffic is never a finding, honeytoken or not", (t) => {
  const npm: Attribution = { package: null, via: 'package-manager' };
  t.deepEqual(evaluatePolicy([{ ...leak, attribution: npm }, { ...request, attribution: npm }], policy, CONTEXT), []);
});

test('a leak of part of a token says how much of it was found', (t) => {
  t.regex(describeEvent({ ...leak, matchedChars: 18, encoding: 'raw' }), /as is in the HTTP POST body .* \(18 of its 40 characters\)$/);
});

test('a function called or a bin run asking the package registry is a medium registry-check; loading code or an install script doing so is dns-query', (t) => {
  const withRegistry: PolicyContext = { ...CONTEXT, registryHosts: ['registry.example'] };
  const step = (kind: 'call' | 'bin' | 'wait' | 'load', phase: 'import' | 'execute' = 'execute') => ({ ...base, phase, attribution: { package: 'serve', via: 'import' as const, call: 6, step: kind } });
  type At = { phase: PhaseName; attribution: Attribution; pid: number; timestampMs: number; ok: boolean };
  const lookup = (at: At): DnsEvent => ({ ...at, kind: 'dns', name: 'registry.example', type: 'A', server: '10.0.2.3' });
  const checked = (at: At) => [lookup(at), { ...hello, ...at, sni: 'registry.example', hostname: 'registry.example' }, { ...request, ...at, host: 'registry.example', hostname: 'registry.example' }];
  const rules = (events: Parameters<typeof evaluatePolicy>[0], context: PolicyContext = withRegistry) => evaluatePolicy(events, policy, context).map((finding) => `${finding.rule} ${finding.severity}`);
  t.deepEqual(rules(checked(step('bin'))), ['registry-check medium']);
  t.deepEqual(evaluatePolicy([lookup(step('call'))], policy, withRegistry)[0]?.summary, 'asks the package registry when it is used (registry.example)');
  t.deepEqual(rules(checked(step('wait'))), ['dns-query high', 'tls-client-hello high', 'http-request high'], 'what the calls left running');
  t.deepEqual(rules([lookup(step('load', 'import'))]), ['dns-query high'], 'a loading');
  t.deepEqual(rules([lookup(base)]), ['dns-query high'], 'an install script');
  t.deepEqual(rules([{ ...hello, ...step('bin'), sni: 'collect.example', hostname: 'registry.example' }]), ['tls-client-hello high'], 'a TLS hello for another server on the registry\'s address');
  t.deepEqual(rules([lookup(step('bin'))], CONTEXT), ['dns-query high'], 'no registry known');
});
