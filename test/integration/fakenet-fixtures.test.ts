/** The fake internet end to end: each fixture's traffic is caught, named and judged, from the JSON report. */
import test from 'ava';
import type { AnalysisReport } from '../../src/report/index.js';
import { schemaErrors, validateReportDocument } from '../helpers/json-schemas.js';
import { fixturePackage, runCli } from '../helpers/run-cli.js';

async function analyze(name: string, extra: readonly string[] = []): Promise<AnalysisReport> {
  const result = await runCli(['analyze', fixturePackage(name), '--format', 'json', ...extra]);
  try {
    return JSON.parse(result.stdout) as AnalysisReport;
  } catch {
    throw new Error(`no JSON report (exit ${result.exitCode}); stderr:\n${result.stderr}`);
  }
}

const finding = (report: AnalysisReport, rule: string) => report.findings.find((entry) => entry.rule === rule);

test('an HTTP GET to a named host at install is reported with its name, address, request and first bytes', async (t) => {
  const report = await analyze('fakenet-http-get');
  t.is(report.verdict, 'fail');
  t.like(report.fakenet, { enabled: true, crossCheck: { consistent: true, problems: [] } });
  const [request] = report.observed.http ?? [];
  t.like(request, { phase: 'install', method: 'GET', host: 'stage2.dynaudit-test.example', path: '/payload/stage2.sh?arch=x64', port: 80 });
  t.deepEqual(request?.attribution, { package: 'dynaudit-fixture-fakenet-http-get', via: 'lifecycle-script' });
  const connection = report.observed.network.find((entry) => entry.port === 80);
  t.like(connection, { protocol: 'tcp', hostname: 'stage2.dynaudit-test.example', ok: true });
  t.regex(connection?.address ?? '', /^198\.51\.100\.\d+$/);
  t.true(connection?.firstBytes?.startsWith('GET /payload/stage2.sh?arch=x64 HTTP/1.1\\r\\nHost: stage2.dynaudit-test.example'));
  t.true(report.observed.dns.some((query) => query.name === 'stage2.dynaudit-test.example' && query.answer === connection?.address));
  t.is(finding(report, 'http-request')?.summary, 'sends an HTTP request GET http://stage2.dynaudit-test.example/payload/stage2.sh?arch=x64');
});

test('a POST of the base64-encoded environment is exfiltration of every planted token in it', async (t) => {
  const report = await analyze('fakenet-post-env');
  const leaked = new Set((report.observed.exfiltration ?? []).map((leak) => leak.token));
  for (const token of ['npm-token-env', 'github-token', 'aws-access-key-id', 'aws-secret-access-key']) t.true(leaked.has(token), token);
  const npm = report.findings.find((entry) => entry.rule === 'exfiltration' && entry.summary.includes('NPM_TOKEN'));
  t.like(npm, { category: 'exfiltration', severity: 'critical', phase: 'install' });
  t.is(npm?.summary, 'sends the NPM_TOKEN environment variable out to collect.dynaudit-test.example (' + (report.observed.http?.[0]?.address ?? '') + ':80)');
  t.regex(npm?.evidence[0] ?? '', /\[npm-token-env\] base64-encoded in the HTTP POST body to collect\.dynaudit-test\.example/);
  t.deepEqual(npm?.attribution, { package: 'dynaudit-fixture-fakenet-post-env', via: 'lifecycle-script' });
  t.deepEqual(schemaErrors(validateReportDocument, report), [], 'the report with its fakenet fields matches schemas/report.schema.json');
});

test('a DNS lookup carrying NPM_TOKEN hex-encoded in its labels is exfiltration over DNS', async (t) => {
  const report = await analyze('fakenet-dns-hex');
  const leak = (report.observed.exfiltration ?? []).find((entry) => entry.token === 'npm-token-env');
  t.like(leak, { channel: 'dns', location: 'DNS query name', encoding: 'hex', phase: 'install' });
  t.is(leak?.matchedChars, leak?.tokenChars);
  t.is(finding(report, 'exfiltration')?.severity, 'critical');
  t.true(report.observed.dns.some((query) => query.name?.endsWith('.t.dynaudit-test.example')));
});

test('a raw TCP connection to a documentation address is reported with the bytes it sent', async (t) => {
  const report = await analyze('fakenet-raw-tcp');
  const connection = report.observed.network.find((entry) => entry.address === '203.0.113.25');
  t.like(connection, { port: 4444, protocol: 'tcp', ok: true, bytesSent: 21, firstBytes: 'DYNAUDIT-BEACON v1 \\x00\\xff' });
  t.true(finding(report, 'network-connect')?.evidence.some((line) => line.includes('203.0.113.25:4444, sent 21 byte(s): "DYNAUDIT-BEACON v1 \\x00\\xff"')));
});

test('an HTTPS request at import is reported with the server name of its ClientHello', async (t) => {
  const report = await analyze('fakenet-https');
  const [hello] = report.observed.tls ?? [];
  t.like(hello, { phase: 'import', sni: 'secure.dynaudit-test.example', port: 443, hostname: 'secure.dynaudit-test.example' });
  t.deepEqual(hello?.attribution, { package: 'dynaudit-fixture-fakenet-https', via: 'import', call: 0, step: 'load', argument: 'require' }, 'the require() loading, the first step');
  t.like(finding(report, 'tls-client-hello'), { phase: 'import', summary: 'starts a TLS connection to secure.dynaudit-test.example' });
});

test('a package silent outside CI is caught, because the sandbox looks like a GitHub Actions job', async (t) => {
  const report = await analyze('fakenet-ci-gated');
  const [request] = report.observed.http ?? [];
  t.is(request?.host, 'ci-hook.dynaudit-test.example');
  t.regex(request?.path ?? '', /^\/register\?repo=[a-z-]+%2F[a-z-]+&token=ghs_/);
  t.true((report.observed.exfiltration ?? []).some((leak) => leak.token === 'github-token' && leak.location === 'HTTP request target' && leak.encoding === 'raw'));
});

test('a benign package shows no network events with the fake internet running', async (t) => {
  const report = await analyze('benign');
  t.is(report.verdict, 'pass');
  t.like(report.fakenet, { enabled: true, dnsQueries: 0, connections: 0 });
  t.deepEqual(report.observed.network, []);
  t.deepEqual(report.observed.dns, []);
  t.deepEqual(report.observed.http, []);
  t.deepEqual(report.observed.tls, []);
  t.deepEqual(report.observed.exfiltration, []);
});

test('with --no-fakenet the sandbox has no network: the same connection fails and the report says why', async (t) => {
  const report = await analyze('fakenet-raw-tcp', ['--no-fakenet']);
  t.like(report.fakenet, { enabled: false });
  t.like(report.observed.network.find((entry) => entry.address === '203.0.113.25'), { ok: false, error: 'ENETUNREACH' });
});
