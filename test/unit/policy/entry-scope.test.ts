/** Allowlist entries that name hosts, paths, ports, steps or a severity apply event by event: a vendor's download warns, elsewhere still fails. */
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { minVersion } from 'semver';
import type { Attribution, ConnectEvent, DnsEvent, PhaseName, SyscallEvent, TlsEvent, TraceEvent } from '../../../src/events/types.js';
import { judgeEvents } from '../../../src/policy/judge-events.js';
import { loadPolicies, mergePolicies, parsePolicy } from '../../../src/policy/load-policy.js';
import { CONTEXT, PROJECT, connect, dns, file, imported, script } from './helpers.js';

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
/** default.yaml with the vendor entries layered over it, as shipped. */
const shipped = await loadPolicies(['default.yaml', 'vendor-download-hosts.yaml'].map((name) => fileURLToPath(new URL(`../../../policies/${name}`, import.meta.url))));
const judgeShipped = (events: readonly TraceEvent[], name: string, version: string) => judgeEvents(events, shipped, { context: CONTEXT, failOn: 'high', versions: [{ name, version }] });
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

test('the shipped vendor hosts keep puppeteer\'s Chrome download at medium and fail anything else it does', (t) => {
  const judged = (events: readonly TraceEvent[]) => judgeShipped(events, 'puppeteer', '23.11.1');
  const chrome = judged([hello('storage.googleapis.com')]);
  t.is(chrome.verdict, 'warn');
  t.like(chrome.findings[0], { rule: 'tls-client-hello', severity: 'medium', downgradedBy: { package: 'puppeteer', from: 'high' } });
  t.is(judged([hello('collect.evil.example')]).verdict, 'fail');
  t.is(judged([{ ...hello('storage.googleapis.com'), attribution: script('left-pad') }]).verdict, 'fail');
});

test('the shipped vendor hosts keep the prisma CLI\'s engine download at medium when the execute phase runs it, not when a function of it is called', (t) => {
  const judged = (events: readonly TraceEvent[]) => judgeShipped(events, 'prisma', '5.22.0');
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

test('the shipped vendor entries keep husky\'s CLI setting core.hooksPath in .git/config at medium, and nobody else\'s', (t) => {
  const judged = (events: readonly TraceEvent[]) => judgeShipped(events, 'husky', '9.1.6');
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

test('the shipped vendor entries keep nx\'s data in .nx folders at medium, for nx and lerna, and nothing else they write', (t) => {
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

const step = (name: string, kind: 'call' | 'bin', phase: PhaseName = 'execute'): { phase: PhaseName; attribution: Attribution } => ({
  phase,
  attribution: { package: name, via: 'import', call: 2, step: kind, argument: 'none' },
});
/** A server's listen as the trace gives it: no destination, the port its bind asked for. */
const listen = (port: number, at: ReturnType<typeof step>): SyscallEvent => ({
  ...at,
  pid: 200,
  timestampMs: 1_700_000_000_000,
  ok: true,
  kind: 'syscall',
  syscall: 'listen',
  detail: `tcp 0.0.0.0:${port}`,
  port,
});
const severities = (judged: ReturnType<typeof judgeShipped>) => judged.findings.map((finding) => `${finding.rule} ${finding.severity}`);

test('an entry naming ports covers only servers on those ports: live-server\'s start() on 8080 warns, on another port it fails', (t) => {
  const called = step('live-server', 'call');
  t.deepEqual(severities(judgeShipped([listen(8080, called)], 'live-server', '1.2.2')), ['listening-socket medium']);
  t.deepEqual(severities(judgeShipped([listen(4444, called)], 'live-server', '1.2.2')), ['listening-socket high'], 'a port of its own that is not its default');
  t.is(judgeShipped([listen(8080, { ...called, phase: 'import' })], 'live-server', '1.2.2').verdict, 'fail', 'a server opened when loaded');
  t.is(judgeShipped([listen(8080, step('evil', 'call'))], 'evil', '1.0.0').verdict, 'fail', 'another package on the same port');
});

test('esbuild\'s context().serve() on its default port 8000 warns, in a call only; another port, or at load, fails', (t) => {
  const called = step('esbuild', 'call');
  t.deepEqual(severities(judgeShipped([listen(8000, called)], 'esbuild', '0.24.2')), ['listening-socket medium']);
  t.deepEqual(severities(judgeShipped([listen(4444, called)], 'esbuild', '0.24.2')), ['listening-socket high']);
  t.is(judgeShipped([listen(8000, { ...called, phase: 'import' })], 'esbuild', '0.24.2').verdict, 'fail');
});

test('@prisma/client generating its client into node_modules/.prisma at install warns; another folder of node_modules, or the same write when loaded, fails', (t) => {
  const install = { phase: 'install' as const, attribution: script('@prisma/client') };
  const generated = judgeShipped([file('/home/runner/work/app/node_modules/.prisma/client/index.js', 'write', install)], '@prisma/client', '6.2.1');
  t.deepEqual(severities(generated), ['write-outside-package medium']);
  t.is(judgeShipped([file('/home/runner/work/app/node_modules/.bin/prisma', 'write', install)], '@prisma/client', '6.2.1').verdict, 'fail');
  t.is(judgeShipped([file('/home/runner/work/app/node_modules/.prisma/client/index.js', 'write', { phase: 'import', attribution: imported('@prisma/client') })], '@prisma/client', '6.2.1').verdict, 'fail');
  t.is(judgeShipped([file('/home/runner/work/app/node_modules/.prisma/client/index.js', 'write', { phase: 'install', attribution: script('evil') })], 'evil', '1.0.0').verdict, 'fail');
});

test('the Slack and Twilio clients\' methods calling their APIs warn; another host, or the API at install, fails', (t) => {
  const called = step('@slack/web-api', 'call');
  t.deepEqual(severities(judgeShipped([dns('slack.com', called)], '@slack/web-api', '7.8.0')), ['dns-query medium']);
  t.is(judgeShipped([dns('collect.evil.example', called)], '@slack/web-api', '7.8.0').verdict, 'fail');
  t.is(judgeShipped([dns('slack.com', { phase: 'install', attribution: script('@slack/web-api') })], '@slack/web-api', '7.8.0').verdict, 'fail');
  t.deepEqual(severities(judgeShipped([dns('tls-test.twilio.com', step('twilio', 'call'))], 'twilio', '5.4.2')), ['dns-query medium'], 'the Twilio client\'s hosts');
  t.is(judgeShipped([dns('twilio.com.evil.example', step('twilio', 'call'))], 'twilio', '5.4.2').verdict, 'fail');
});

test('browser-sync\'s init() serving on 3000 and 3001 after looking up www.google.com warns; any other name it looks up fails', (t) => {
  const called = step('browser-sync', 'call');
  const online = judgeShipped([dns('www.google.com', called), listen(3000, called), listen(3001, called)], 'browser-sync', '3.0.4');
  t.is(online.verdict, 'warn');
  t.deepEqual(severities(online), ['dns-query medium', 'listening-socket medium', 'listening-socket medium']);
  t.is(judgeShipped([dns('collect.evil.example', called)], 'browser-sync', '3.0.4').verdict, 'fail');
});

test('pm2\'s state in ~/.pm2 and its daemon started by its API warn; a daemon left by its install, or a write elsewhere in the home, fails', (t) => {
  const daemon = (phase: PhaseName, attribution: Attribution): TraceEvent => ({ kind: 'limit', limit: 'detached', detail: 'pid 123 (node Daemon.js)', phase, pid: 0, timestampMs: 0, attribution, ok: false });
  const used = judgeShipped([file('/home/runner/.pm2/pm2.pid', 'write', step('pm2', 'call')), daemon('execute', imported('pm2'))], 'pm2', '7.0.4');
  t.is(used.verdict, 'warn');
  t.deepEqual(severities(used), ['write-outside-package medium', 'detached-process medium']);
  t.is(judgeShipped([file('/home/runner/.pm2/modules', 'write', { phase: 'import', attribution: imported('pm2') })], 'pm2', '7.0.4').verdict, 'warn', 'created when loaded');
  t.is(judgeShipped([daemon('install', script('pm2'))], 'pm2', '7.0.4').verdict, 'fail', 'a process left behind by an install script');
  t.is(judgeShipped([file('/home/runner/.ssh/authorized_keys', 'write', step('pm2', 'call'))], 'pm2', '7.0.4').verdict, 'fail');
});

test('an entry scoped to a kind of step alone applies event by event: the same rule in another step is not accepted', (t) => {
  const binOnly = mergePolicies([
    {
      ...parsePolicy(
        `version: 1
rules:
  - { id: dns-query, category: dns, severity: high, message: "looks up {name}", rationale: r, match: { event: dns } }
allow:
  - { package: tool, rules: [dns-query], step: [bin], reason: its CLI checks for updates }
`,
        'steps.yaml',
      ),
      file: 'steps.yaml',
    },
  ]);
  const judged = (kind: 'bin' | 'call') => judgeEvents([dns('updates.tool.example', step('tool', kind))], binOnly, { context: CONTEXT, failOn: 'high', versions: [] });
  t.deepEqual([judged('bin').verdict, judged('bin').allowed.length], ['pass', 1]);
  t.is(judged('call').verdict, 'fail', 'a function of the package is not its CLI');
});

test('every shipped download entry keeps its own package\'s lookup of each of its hosts at its severity, and fails another package\'s', (t) => {
  const downloads = (shipped.allow ?? []).filter((entry) => entry.hosts !== undefined && entry.rules.includes('dns-query') && (entry.phase?.includes('install') ?? true) && entry.step === undefined);
  t.true(downloads.length >= 20, `${downloads.length} entries`);
  for (const entry of downloads) {
    const version = entry.version === undefined ? '1.0.0' : (minVersion(entry.version)?.version ?? '0.0.0');
    for (const host of entry.hosts ?? []) {
      const name = host.replaceAll('*', 'cdn');
      const own = judgeShipped([dns(name, { attribution: script(entry.package) })], entry.package, version);
      t.deepEqual(own.findings.map((finding) => finding.severity), [entry.severity ?? 'medium'], `${entry.package} looking up ${name}`);
      t.is(judgeShipped([dns(name, { attribution: script('left-pad') })], 'left-pad', '1.3.0').verdict, 'fail', `another package looking up ${name}`);
    }
  }
});
