/** Allowlist entries that name hosts or a severity apply event by event: a vendor's download warns, elsewhere still fails. */
import test from 'ava';
import type { ConnectEvent, DnsEvent, TlsEvent } from '../../../src/events/types.js';
import { judgeEvents } from '../../../src/policy/judge-events.js';
import { mergePolicies, parsePolicy } from '../../../src/policy/load-policy.js';
import { CONTEXT, PROJECT, connect, dns, file, script } from './helpers.js';

const policy = mergePolicies([
  {
    ...parsePolicy(
      `version: 1
rules:
  - { id: dns-query, category: dns, severity: high, message: "looks up {name}", rationale: r, match: { event: dns, by: [lifecycle-script] } }
  - { id: tls-client-hello, category: network, severity: high, message: "starts TLS to {name}", rationale: r, match: { event: tls, by: [lifecycle-script] } }
  - { id: network-connect, category: network, severity: high, message: "connects to {destination}", rationale: r, match: { event: connect, by: [lifecycle-script] } }
allow:
  - package: puppeteer
    version: ">=19"
    rules: [dns-query, tls-client-hello, network-connect]
    hosts: [storage.googleapis.com, "*.chrome-for-testing.example"]
    severity: medium
    reason: downloads Chrome for Testing
  - package: quiet-vendor
    rules: [dns-query]
    hosts: [cdn.quiet.example]
    reason: accepted outright
`,
      'vendor.yaml',
    ),
    file: 'vendor.yaml',
  },
]);
const puppeteer = script('puppeteer');
const judge = (events: Parameters<typeof judgeEvents>[0], version = '23.10.4') =>
  judgeEvents(events, policy, { context: CONTEXT, failOn: 'high', versions: [{ name: 'puppeteer', version }] });
const hello = (sni: string, hostname = sni): TlsEvent => ({ ...connect('198.51.100.129', 443, { attribution: puppeteer }), kind: 'tls', sni, alpn: [], hostname });

test('a known vendor host is kept as a warning at the entry\'s severity, naming the host and why', (t) => {
  const judged = judge([dns('storage.googleapis.com', { attribution: puppeteer }), hello('storage.googleapis.com')]);
  t.is(judged.verdict, 'warn');
  t.deepEqual(judged.findings.map((finding) => [finding.rule, finding.severity, finding.summary]), [
    ['dns-query', 'medium', 'looks up storage.googleapis.com'],
    ['tls-client-hello', 'medium', 'starts TLS to storage.googleapis.com'],
  ]);
  t.like(judged.findings[0]?.downgradedBy, { package: 'puppeteer', version: '>=19', reason: 'downloads Chrome for Testing', source: 'vendor.yaml', from: 'high' });
});

test('any other host of the same package keeps the rule\'s severity and fails', (t) => {
  const judged = judge([dns('storage.googleapis.com', { attribution: puppeteer }), dns('collect.evil.example', { attribution: puppeteer })]);
  t.is(judged.verdict, 'fail');
  t.deepEqual(judged.findings.map((finding) => [finding.summary, finding.severity]), [
    ['looks up storage.googleapis.com', 'medium'],
    ['looks up collect.evil.example', 'high'],
  ]);
});

test('every name of an event must be a vendor host: a Host header or SNI naming one does not cover a connection elsewhere', (t) => {
  t.is(judge([hello('storage.googleapis.com', 'collect.evil.example')]).verdict, 'fail');
  const literal: ConnectEvent = connect('203.0.113.9', 443, { attribution: puppeteer });
  t.is(judge([literal]).verdict, 'fail', 'a connection to an address no vendor name led to');
});

test('outside the version range, for other packages, and without severity the entry does what it says', (t) => {
  t.is(judge([dns('storage.googleapis.com', { attribution: puppeteer })], '18.0.0').verdict, 'fail');
  t.is(judge([dns('storage.googleapis.com', { attribution: script('other') })]).verdict, 'fail');
  const quiet: DnsEvent = dns('cdn.quiet.example', { attribution: script('quiet-vendor') });
  const judged = judge([quiet]);
  t.deepEqual([judged.verdict, judged.findings.length, judged.allowed.map((finding) => finding.allowedBy.reason)], ['pass', 0, ['accepted outright']]);
});

test('the shipped vendor hosts keep puppeteer\'s Chrome download at medium and fail anything else it does', async (t) => {
  const { loadPolicies } = await import('../../../src/policy/load-policy.js');
  const { fileURLToPath } = await import('node:url');
  const shipped = await loadPolicies(['default.yaml', 'vendor-download-hosts.yaml'].map((name) => fileURLToPath(new URL(`../../../policies/${name}`, import.meta.url))));
  const judged = (events: Parameters<typeof judgeEvents>[0]) =>
    judgeEvents(events, shipped, { context: CONTEXT, failOn: 'high', versions: [{ name: 'puppeteer', version: '23.11.1' }] });
  const chrome = judged([hello('storage.googleapis.com')]);
  t.is(chrome.verdict, 'warn');
  t.like(chrome.findings[0], { rule: 'tls-client-hello', severity: 'medium', downgradedBy: { package: 'puppeteer', from: 'high' } });
  t.is(judged([hello('collect.evil.example')]).verdict, 'fail');
  t.is(judged([{ ...hello('storage.googleapis.com'), attribution: script('left-pad') }]).verdict, 'fail');
});

test('the shipped vendor hosts keep the prisma CLI\'s engine download at medium when the execute phase runs it, not when a function of it is called', async (t) => {
  const { loadPolicies } = await import('../../../src/policy/load-policy.js');
  const { fileURLToPath } = await import('node:url');
  const shipped = await loadPolicies(['default.yaml', 'vendor-download-hosts.yaml'].map((name) => fileURLToPath(new URL(`../../../policies/${name}`, import.meta.url))));
  const judged = (events: Parameters<typeof judgeEvents>[0]) =>
    judgeEvents(events, shipped, { context: CONTEXT, failOn: 'high', versions: [{ name: 'prisma', version: '5.22.0' }] });
  const bin = { phase: 'execute' as const, attribution: { package: 'prisma', via: 'import' as const, call: 3, step: 'bin' as const } };
  const call = { ...bin, attribution: { ...bin.attribution, step: 'call' as const } };
  const download = judged([{ ...hello('binaries.prisma.sh'), ...bin }, { ...file('/tmp/25ea2a01e25de200cdd70416140f6bb9', 'write'), ...bin }]);
  t.is(download.verdict, 'warn');
  t.deepEqual(download.findings.map((finding) => [finding.rule, finding.severity]), [['tls-client-hello', 'medium'], ['temp-file-write', 'medium']]);
  t.is(judged([{ ...hello('binaries.prisma.sh'), ...call }]).verdict, 'fail', 'a called function is not the CLI');
  t.deepEqual(
    judged([{ ...file('/tmp/25ea2a01e25de200cdd70416140f6bb9', 'write'), ...call }]).findings.map((finding) => [finding.rule, finding.severity]),
    [['temp-file-write', 'medium']],
    "a called function's temporary file is weighed as any library's, not as the vendor's download",
  );
  t.is(judged([{ ...file('/usr/local/bin/x-dropper', 'write'), ...bin }]).verdict, 'fail', 'the CLI writing outside its cache and the temporary folders');
});

test('the shipped vendor entries keep husky\'s CLI setting core.hooksPath in .git/config at medium, and nobody else\'s', async (t) => {
  const { loadPolicies } = await import('../../../src/policy/load-policy.js');
  const { fileURLToPath } = await import('node:url');
  const shipped = await loadPolicies(['default.yaml', 'vendor-download-hosts.yaml'].map((name) => fileURLToPath(new URL(`../../../policies/${name}`, import.meta.url))));
  const judged = (events: Parameters<typeof judgeEvents>[0]) => judgeEvents(events, shipped, { context: CONTEXT, failOn: 'high', versions: [{ name: 'husky', version: '9.1.6' }] });
  const step = (name: string, kind: 'bin' | 'call') => ({ phase: 'execute' as const, attribution: { package: name, via: 'import' as const, call: 16, step: kind } });
  const hooksPath = (name: string, kind: 'bin' | 'call') => [
    { ...file(`${PROJECT}/.git/config.lock`, 'write'), ...step(name, kind) },
    { ...file(`${PROJECT}/.git/config.lock`, 'write', { operation: 'rename', target: `${PROJECT}/.git/config` }), ...step(name, kind) },
  ];
  const husky = judged(hooksPath('husky', 'bin'));
  t.is(husky.verdict, 'warn');
  t.deepEqual(husky.findings.map((finding) => [finding.rule, finding.severity, finding.downgradedBy?.package]), [['write-outside-package', 'medium', 'husky'], ['write-outside-package', 'medium', 'husky']]);
  t.is(judged(hooksPath('husky', 'call')).verdict, 'fail', 'a function of husky is not its CLI');
  t.is(judged(hooksPath('evil', 'bin')).verdict, 'fail', 'another package\'s CLI');
  t.is(judged([{ ...file(`${PROJECT}/.git/hooks/pre-commit`, 'write'), ...step('husky', 'bin') }]).verdict, 'fail', 'a hook written in .git/hooks');
});

test('the shipped vendor entries keep nx\'s data in .nx folders at medium, for nx and lerna, and nothing else they write', async (t) => {
  const { loadPolicies } = await import('../../../src/policy/load-policy.js');
  const { fileURLToPath } = await import('node:url');
  const shipped = await loadPolicies(['default.yaml', 'vendor-download-hosts.yaml'].map((name) => fileURLToPath(new URL(`../../../policies/${name}`, import.meta.url))));
  const judged = (name: string, path: string) =>
    judgeEvents([{ ...file(path, 'write'), attribution: { package: name, via: 'import' as const }, phase: 'import' as const }], shipped, { context: CONTEXT, failOn: 'high', versions: [] });
  for (const name of ['nx', 'lerna']) {
    const data = judged(name, '/home/runner/.nx/707600b6/databases/machine-v6.lock');
    t.is(data.verdict, 'warn', name);
    t.like(data.findings[0], { rule: 'write-outside-package', severity: 'medium' });
    t.is(judged(name, `${PROJECT}/.nx/workspace-data/nx_files.lock`).verdict, 'warn', `${name}: the project's workspace data`);
    t.is(judged(name, '/home/runner/.bashrc').verdict, 'fail', `${name} writing elsewhere in the home`);
  }
  t.is(judged('evil', '/home/runner/.nx/707600b6/cache/x').verdict, 'fail', 'another package');
});
