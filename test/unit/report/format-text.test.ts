import test from 'ava';
import { formatText } from '../../../src/report/format-text.js';
import { summarizeEvents } from '../../../src/report/summarize-events.js';
import { NPM, connect, dns, exec } from '../policy/helpers.js';
import { finding, report } from './helpers.js';

const ANSI = /\u001b\[/;

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

test('the verdict is the first word of the first line', (t) => {
  for (const verdict of ['pass', 'warn', 'fail'] as const) {
    const text = formatText(report({ verdict }), { color: false });
    t.is(firstLine(text).split(/\s+/)[0], verdict.toUpperCase());
  }
});

test('the first line names the package, its version and its source', (t) => {
  const line = firstLine(formatText(report(), { color: false }));
  t.true(line.includes('evil@1.0.0'), line);
  t.true(line.includes('registry'), line);
});

test('the phases line gives each phase status and duration', (t) => {
  const text = formatText(report(), { color: false });
  t.is(text.split('\n')[1], 'phases: install completed in 2.1 s, import completed in 0.3 s');
});

test('a report without findings says so with the threshold', (t) => {
  t.true(formatText(report(), { color: false }).includes('no findings (fail threshold: high)'));
});

test('findings are grouped by phase with their evidence lines under them', (t) => {
  const text = formatText(
    report({
      verdict: 'fail',
      findings: [
        finding({
          phase: 'import',
          rule: 'dns-query',
          category: 'dns',
          summary: 'looks up x.example in DNS',
          evidence: ['pid 9 dns A x.example via 10.0.2.3'],
          attribution: { package: 'evil', via: 'import' },
        }),
        finding({ evidence: ['pid 201 connect tcp 203.0.113.5:443', 'pid 202 connect tcp 203.0.113.5:443'] }),
      ],
    }),
    { color: false },
  );
  const lines = text.split('\n');
  t.true(lines.includes('2 finding(s) (fail threshold: high):'));
  const install = lines.indexOf('  install:');
  const imports = lines.indexOf('  import:');
  t.true(install > 0 && imports > install, text);
  t.is(lines[install + 1], '    HIGH     opens a network connection to tcp 203.0.113.5:443  [network-connect, network] by evil (install script)');
  t.is(lines[install + 2]?.trim(), 'pid 201 connect tcp 203.0.113.5:443');
  t.is(lines[install + 3]?.trim(), 'pid 202 connect tcp 203.0.113.5:443');
  t.regex(lines[imports + 1] ?? '', /looks up x\.example in DNS .*by evil \(import\)$/);
  t.is(lines[imports + 2]?.trim(), 'pid 9 dns A x.example via 10.0.2.3');
});

test('within a phase the most severe findings come first', (t) => {
  const text = formatText(
    report({ findings: [finding({ severity: 'low', summary: 'minor' }), finding({ severity: 'critical', summary: 'major' })] }),
    { color: false },
  );
  t.true(text.indexOf('major') < text.indexOf('minor'), text);
});

test('a phase without findings gets no heading', (t) => {
  const text = formatText(report({ findings: [finding()] }), { color: false });
  t.false(text.includes('  import:'));
  t.false(text.includes('  execute:'));
});

test('without color there are no ANSI escapes', (t) => {
  const text = formatText(report({ verdict: 'fail', findings: [finding()] }), { color: false });
  t.notRegex(text, ANSI);
});

test('with color the verdict and findings are painted', (t) => {
  const text = formatText(report({ verdict: 'fail', findings: [finding()] }), { color: true });
  t.regex(firstLine(text), /^\u001b\[31m\u001b\[1mFAIL\u001b\[0m\u001b\[0m /);
  t.regex(text, /\u001b\[31mHIGH/);
});

test('a failed or timed-out phase shows the tail of its output', (t) => {
  const text = formatText(
    report({
      phases: [
        { name: 'install', status: 'failed', durationMs: 1000, exitCode: 1, outputTail: 'npm ERR! code ELIFECYCLE\nnpm ERR! errno 1' },
        { name: 'import', status: 'timeout', durationMs: 180000, exitCode: null, outputTail: 'still waiting' },
      ],
    }),
    { color: false },
  );
  const lines = text.split('\n');
  t.true(lines[1]?.includes('install failed in 1.0 s'), lines[1]);
  t.true(lines[1]?.includes('import timeout in 180.0 s'), lines[1]);
  t.true(lines.includes('  install output (last lines):'));
  t.true(lines.includes('    npm ERR! code ELIFECYCLE'));
  t.true(lines.includes('    npm ERR! errno 1'));
  t.true(lines.includes('  import output (last lines):'));
  t.true(lines.includes('    still waiting'));
});

test('a completed phase does not show its output', (t) => {
  const text = formatText(
    report({ phases: [{ name: 'install', status: 'completed', durationMs: 1000, exitCode: 0, outputTail: 'added 1 package' }] }),
    { color: false },
  );
  t.false(text.includes('added 1 package'));
});

test('what packages were seen doing is listed, npm processes only counted', (t) => {
  const observed = summarizeEvents([
    exec(['npm', 'install'], { pid: 100, parentPid: null, attribution: NPM }),
    exec(['curl', 'http://x.example/'], { pid: 201 }),
    connect('203.0.113.5', 443, { ok: false, error: 'ECONNREFUSED' }),
    dns('x.example'),
  ]);
  const text = formatText(report({ observed }), { color: false });
  t.true(text.includes('observed: 2 process(es), 0 file read(s), 0 file write(s), 1 connection attempt(s), 1 DNS quer(ies)'), text);
  t.true(text.includes('  install evil (install script): curl http://x.example/'), text);
  t.false(text.includes(': npm install'), text);
  t.true(text.includes('  install evil (install script): connect tcp 203.0.113.5:443 (ECONNREFUSED)'), text);
  t.true(text.includes('  install evil (install script): dns A x.example'), text);
});

test('the packages with install scripts are listed', (t) => {
  t.true(formatText(report(), { color: false }).includes('install scripts: none in the installed tree'));
  const text = formatText(report({ installScripts: [{ name: 'evil', version: '1.0.0' }, { name: 'esbuild', version: '0.25.0' }] }), { color: false });
  t.true(text.includes('install scripts: evil@1.0.0, esbuild@0.25.0'));
});

test('the text ends with a newline', (t) => {
  t.true(formatText(report(), { color: false }).endsWith('\n'));
});

test('a finding kept at a lower severity by an allowlist entry says by which and why', (t) => {
  const kept = finding({
    rule: 'tls-client-hello',
    severity: 'medium',
    summary: 'starts a TLS connection to storage.googleapis.com',
    attribution: { package: 'puppeteer', via: 'lifecycle-script' },
    downgradedBy: { package: 'puppeteer', reason: 'downloads Chrome for Testing', source: 'vendor-download-hosts.yaml', from: 'high' },
  });
  const text = formatText(report({ verdict: 'warn', findings: [kept] }), { color: false });
  t.regex(text, /high by the rule, kept at medium by vendor-download-hosts\.yaml: downloads Chrome for Testing/);
});
