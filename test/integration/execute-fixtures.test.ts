/**
 * The package used as an app uses it: loaded by the app's main module with
 * require() and import(), what it exposes called, its bins run; each
 * fixture's doings land on the phase and the step that caused them.
 */
import test from 'ava';
import type { AnalysisReport, PhaseCall } from '../../src/report/index.js';
import { schemaErrors, validateReportDocument } from '../helpers/json-schemas.js';
import { fixturePackage, runCli } from '../helpers/run-cli.js';

/** `extra` replaces --no-cache (the first test of a fixture analyzes afresh, and stores it). */
async function analyze(name: string, extra: readonly string[] = ['--no-cache', '--phases', 'install,import,execute']): Promise<AnalysisReport> {
  const result = await runCli(['analyze', fixturePackage(name), '--format', 'json', ...extra]);
  try {
    return JSON.parse(result.stdout) as AnalysisReport;
  } catch {
    throw new Error(`no JSON report (exit ${result.exitCode}); stderr:\n${result.stderr}`);
  }
}

const callsOf = (report: AnalysisReport, phase: string): readonly PhaseCall[] => report.phases.find((entry) => entry.name === phase)?.calls ?? [];
const requestTo = (report: AnalysisReport, host: string) => (report.observed.http ?? []).filter((request) => request.host === host);

test('an exported function that posts the secret key it is given is caught at that call, with that key', async (t) => {
  const report = await analyze('execute-key-sender');
  t.is(report.verdict, 'fail');
  const [first] = requestTo(report, 'collect.dynaudit-test.example');
  t.like(first, { phase: 'execute', method: 'POST', path: '/k' });
  const call = callsOf(report, 'execute')[first?.attribution.call ?? -1];
  t.like(call, { step: 'call', target: "require('dynaudit-fixture-execute-key-sender').signTransaction", argument: 'base58-secret-key', outcome: 'returned' });
  t.deepEqual(call?.findings, ['dns-query', 'network-connect', 'http-request', 'exfiltration']);
  const leak = report.findings.find((finding) => finding.rule === 'exfiltration');
  t.like(leak, { severity: 'critical', phase: 'execute' }, 'the key is the run\'s own: sending it is exfiltration of that key');
  t.regex(leak?.summary ?? '', /^sends the base58 secret key handed to a call out to collect\.dynaudit-test\.example /);
  t.regex(first?.bodyExcerpt ?? '', /^[1-9A-HJ-NP-Za-km-z]{80,90}$/, 'the body is the base58 key it was given');
  t.false(report.findings.some((finding) => finding.phase !== 'execute'), 'loading it does nothing');
  t.deepEqual(schemaErrors(validateReportDocument, report), [], 'the report with its calls matches schemas/report.schema.json');
});

test('a subpath whose loading ends the process ends it once: the consumer started again leaves it out, calls the functions, and catches the one that sends its key', async (t) => {
  const report = await analyze('execute-exiting-subpath');
  t.is(report.verdict, 'fail');
  const calls = callsOf(report, 'execute');
  const name = 'dynaudit-fixture-execute-exiting-subpath';
  t.deepEqual(
    calls.filter((call) => call.outcome === 'crashed').map((call) => `${call.target} ${call.argument}`),
    [`${name}/cli require`, `${name}/cli import`],
    'each loading of the CLI subpath ends a consumer once',
  );
  const [request] = requestTo(report, 'exit-cover.dynaudit-test.example');
  t.like(calls[request?.attribution.call ?? -1], { step: 'call', target: `require('${name}').sign`, argument: 'base58-secret-key' });
});

test('a function that sends the hex private key it is handed, base64-encoded, is exfiltration of that key at that call', async (t) => {
  const report = await analyze('execute-hex-key-base64');
  t.is(report.verdict, 'fail');
  const leak = (report.observed.exfiltration ?? []).find((entry) => entry.token === 'call-argument-hex-private-key');
  t.like(leak, { phase: 'execute', tokenLabel: 'hex private key handed to a call', location: 'HTTP POST body', encoding: 'base64', matchedChars: 64 });
  t.regex(leak?.destination ?? '', /^wallet-metrics\.dynaudit-test\.example \(/);
  const finding = report.findings.find((entry) => entry.rule === 'exfiltration');
  t.like(finding, { category: 'exfiltration', severity: 'critical', phase: 'execute' });
  t.regex(finding?.summary ?? '', /^sends the hex private key handed to a call out to wallet-metrics\.dynaudit-test\.example/);
  t.like(callsOf(report, 'execute')[finding?.attribution.call ?? -1], { step: 'call', target: "require('dynaudit-fixture-execute-hex-key-base64').addressOf", argument: 'hex-private-key' });
});

test('a function that reads the app\'s .env and posts it is exfiltration of each secret, naming the .env', async (t) => {
  const report = await analyze('execute-dotenv-stealer');
  t.is(report.verdict, 'fail');
  const leaked = new Set((report.observed.exfiltration ?? []).filter((entry) => entry.phase === 'execute').map((entry) => entry.tokenLabel));
  t.deepEqual([...leaked].sort(), [
    "AWS_ACCESS_KEY_ID in the project's .env",
    "AWS_SECRET_ACCESS_KEY in the project's .env",
    "NPM_TOKEN in the project's .env",
    "database password in DATABASE_URL of the project's .env",
  ]);
  const finding = report.findings.find((entry) => entry.rule === 'exfiltration');
  t.regex(finding?.summary ?? '', /^sends the .+ of the project's \.env out to env-sync\.dynaudit-test\.example|^sends the .+ in the project's \.env out to env-sync\.dynaudit-test\.example/);
  t.like(callsOf(report, 'execute')[finding?.attribution.call ?? -1], { step: 'call', target: "require('dynaudit-fixture-execute-dotenv-stealer').loadConfig", argument: 'none' });
});

test('a dotenv-like loader that reads the app\'s .env into process.env and sends nothing passes', async (t) => {
  const report = await analyze('benign-dotenv-reader');
  t.is(report.verdict, 'pass');
  t.deepEqual(report.findings, []);
  const config = callsOf(report, 'execute').find((call) => call.target === "require('dynaudit-fixture-benign-dotenv-reader').config" && call.argument === 'none');
  t.like(config, { outcome: 'returned' }, 'it found the .env and read it (it throws when there is none)');
});

test('a class method that downloads a file is caught at that method, on a constructed instance', async (t) => {
  const report = await analyze('execute-class-downloader');
  t.is(report.verdict, 'fail');
  const [request] = requestTo(report, 'updates.dynaudit-test.example');
  t.like(request, { phase: 'execute', method: 'GET', path: '/stage2.bin' });
  const calls = callsOf(report, 'execute');
  t.like(calls[request?.attribution.call ?? -1], { step: 'call', target: "require('dynaudit-fixture-execute-class-downloader').Updater#check", argument: 'none' });
  t.true(calls.some((call) => call.step === 'construct' && call.target === "new require('dynaudit-fixture-execute-class-downloader').Updater" && call.outcome === 'returned'));
  // Where it put the second stage, /tmp, is a warning of its own (temp-file-write); the download is what fails.
  t.like(report.findings.find((finding) => finding.rule === 'temp-file-write'), { phase: 'execute', severity: 'medium', summary: 'writes a temporary file when loaded or used, at /tmp/stage2.bin', attribution: { call: request?.attribution.call } });
});

test('a method of the client a factory returns, posting the key in the options it is given, is caught at that method', async (t) => {
  const report = await analyze('execute-factory-client');
  t.is(report.verdict, 'fail');
  const [request] = requestTo(report, 'rpc-relay.dynaudit-test.example');
  t.like(request, { phase: 'execute', method: 'POST', path: '/session' });
  const name = 'dynaudit-fixture-execute-factory-client';
  t.like(callsOf(report, 'execute')[request?.attribution.call ?? -1], { step: 'call', target: `require('${name}').createClient(none).connect`, argument: 'object', outcome: 'returned' });
  const leak = (report.observed.exfiltration ?? []).find((entry) => entry.phase === 'execute');
  t.like(leak, { token: 'call-argument-hex-private-key', location: 'HTTP POST body' }, 'the options object holds the run\'s hex key');
  t.false(report.findings.some((finding) => finding.phase !== 'execute'), 'loading it does nothing');
});

test('a function that posts the key in its second parameter is handed a key there too', async (t) => {
  const report = await analyze('execute-key-second-param');
  t.is(report.verdict, 'fail');
  const calls = callsOf(report, 'execute');
  const sent = requestTo(report, 'sig-cache.dynaudit-test.example').map((request) => calls[request.attribution.call ?? -1]?.argument);
  t.deepEqual(sent, ['base58-secret-key', 'hex-private-key', 'mnemonic', 'jwt', 'url'], 'every string of 40 characters or more reaches its second parameter');
  t.true(report.findings.some((finding) => finding.rule === 'exfiltration' && finding.phase === 'execute'));
});

test('a bin that phones home is caught at each of its runs, --help, --version and no arguments', async (t) => {
  const report = await analyze('execute-bin-phone-home');
  t.is(report.verdict, 'fail');
  const calls = callsOf(report, 'execute');
  const byTarget = new Map(requestTo(report, 'beacon.dynaudit-test.example').map((request) => [calls[request.attribution.call ?? -1]?.target, request.path]));
  t.deepEqual(Object.fromEntries(byTarget), {
    'phone-home-cli --help': '/run?args=--help',
    'phone-home-cli --version': '/run?args=--version',
    'phone-home-cli': '/run?args=',
  });
  t.false(report.findings.some((finding) => finding.phase === 'import'), 'the library itself is silent');
});

test('a payload only in the import condition of the exports map is caught at the import() loading', async (t) => {
  const report = await analyze('execute-import-condition');
  t.is(report.verdict, 'fail');
  const request = requestTo(report, 'esm-only.dynaudit-test.example').find((entry) => entry.phase === 'import' && entry.attribution.call !== undefined);
  const calls = callsOf(report, 'import');
  t.like(calls[request?.attribution.call ?? -1], { step: 'load', target: 'dynaudit-fixture-execute-import-condition', argument: 'import', outcome: 'returned' });
  const required = calls.find((call) => call.argument === 'require');
  t.like(required, { outcome: 'returned', findings: [] }, 'the require side is clean');
  // It opens its require side (cjs.cjs); its manifest was read before the steps (whether its main is a bin, main-bin.cjs).
  t.true((required?.events ?? 0) >= 1, 'the require side is loaded in that step');
});

test('a payload gated on require.main being an app is caught at the require() loading', async (t) => {
  const report = await analyze('execute-require-main');
  t.is(report.verdict, 'fail');
  const request = requestTo(report, 'app-gated.dynaudit-test.example').find((entry) => entry.phase === 'import');
  t.like(callsOf(report, 'import')[request?.attribution.call ?? -1], { step: 'load', argument: 'require' });
});

test('a library whose functions, class, promises, iterators and bin only compute passes with every step run', async (t) => {
  const report = await analyze('benign-execute-exports');
  t.is(report.verdict, 'pass');
  t.deepEqual(report.findings, []);
  const calls = callsOf(report, 'execute');
  const loads = calls.filter((call) => call.step === 'load').map((call) => `${call.target} ${call.argument}`);
  t.deepEqual(loads, [
    'dynaudit-fixture-benign-execute-exports require',
    'dynaudit-fixture-benign-execute-exports import',
    'dynaudit-fixture-benign-execute-exports/math require',
    'dynaudit-fixture-benign-execute-exports/math import',
  ]);
  t.true(calls.some((call) => call.target.endsWith('.parse') && call.argument === 'number' && call.outcome === 'threw' && call.detail === 'TypeError: parse takes a string'));
  t.true(calls.some((call) => call.target.endsWith('.Counter#increment') && call.outcome === 'returned'));
  t.true(calls.some((call) => call.target.endsWith('.numbers') && call.outcome === 'returned'));
  t.deepEqual(calls.filter((call) => call.step === 'bin').map((call) => `${call.target}: ${call.outcome}`), ['benign-cli --help: returned', 'benign-cli --version: returned', 'benign-cli: returned']);
  // remindLater's ten-minute timers run past every later call: a later call waits for its own work alone, never its quiet time (QUIET_MS, 200 ms) for theirs.
  const reminders = calls.filter((call) => call.target.endsWith('.remindLater'));
  t.true(reminders.length > 0 && reminders.every((call) => call.outcome === 'returned'));
  const later = calls.filter((call) => call.step === 'call' && call.index > reminders.at(-1)!.index);
  const held = later.filter((call) => call.durationMs >= 200);
  t.true(later.length >= 20 && held.length <= later.length / 5, `${held.length} of ${later.length} later calls were held: ${held.slice(0, 3).map((call) => `${call.target} ${call.argument} ${call.durationMs} ms`).join(', ')}`);
});

test('a package whose main is its bin is loaded as that bin run: its development server and cache folder are warnings, as when the bin runs', async (t) => {
  const report = await analyze('benign-cli-main');
  const name = 'dynaudit-fixture-benign-cli-main';
  t.deepEqual(
    callsOf(report, 'import').map((call) => `${call.step} ${call.target} ${call.argument}`),
    [`bin ${name} (its main is its bin fixture-serve) require`, `bin ${name} (its main is its bin fixture-serve) import`, 'bin what the steps left running none'],
    'what its server does after the loading (it rebuilds its cache) is still the bin run\'s',
  );
  t.is(report.verdict, 'warn');
  t.deepEqual([...new Set(report.findings.map((finding) => `${finding.rule} ${finding.severity}`))].sort(), ['bin-server medium', 'project-file-write medium']);
  t.true(report.findings.some((finding) => finding.rule === 'bin-server' && finding.phase === 'import' && /:1234/.test(finding.summary)), 'its server at load is the bin run\'s');
});

test('--phases install,import runs no execute phase, and is not the stored run that had one', async (t) => {
  // The key sender's run with all phases (the first test) is in the store: a store key blind to the phases would hand it back.
  const report = await analyze('execute-key-sender', ['--phases', 'install,import']);
  // The import's loadings days ahead are import phases too.
  t.deepEqual(report.phases.map((phase) => phase.name), ['install', 'import', 'import', 'import']);
  t.is(report.verdict, 'pass');
});

test('a function that crashes the consumer or exits it, and one that never returns, do not hide what the next function does', async (t) => {
  const report = await analyze('execute-crash-resume');
  t.is(report.verdict, 'fail');
  const execute = report.phases.find((phase) => phase.name === 'execute');
  t.is(execute?.status, 'completed', 'the phase goes on after the crash and the stopped spin');
  const calls = callsOf(report, 'execute');
  const name = "require('dynaudit-fixture-execute-crash-resume')";
  const crashed = calls.findIndex((call) => call.target === `${name}.parse` && call.argument === 'none');
  t.like(calls[crashed], { step: 'call', outcome: 'crashed' });
  t.like(calls[crashed + 1], { step: 'load', argument: 'require', outcome: 'returned' }, 'the consumer started again loads the package again');
  t.true(calls.some((call) => call.target === `${name}.parse` && call.argument === 'base58-secret-key' && call.outcome === 'returned'), 'and resumes right after the crashed call');
  t.like(calls.find((call) => call.target === `${name}.parse` && call.argument === 'number'), { outcome: 'crashed' }, 'a call that exits the process cleanly ends it like a crash');
  t.like(calls.find((call) => call.target === `${name}.spin` && call.argument === 'number'), { outcome: 'timeout', detail: 'stopped: still running at its step limit' });
  const [request] = requestTo(report, 'report.dynaudit-test.example');
  t.like(request, { phase: 'execute', method: 'POST', path: '/r?argv=2' }, 'process.argv is an app\'s: node and app.cjs');
  t.like(calls[request?.attribution.call ?? -1], { step: 'call', target: `${name}.report`, argument: 'none', outcome: 'returned' });
  t.false(report.findings.some((finding) => finding.rule === 'call-marker-forgery'), 'the consumers started again are accepted');
  t.deepEqual(schemaErrors(validateReportDocument, report), [], 'the report with its crashed call matches schemas/report.schema.json');
});
