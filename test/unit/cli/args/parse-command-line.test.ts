import test from 'ava';
import { DynauditError } from '../../../../src/common/errors.js';
import { parseCommandLine } from '../../../../src/cli/args/parse-command-line.js';

function usageError(t: import('ava').ExecutionContext, argv: readonly string[], says: RegExp): void {
  const error = t.throws(() => parseCommandLine(argv), { instanceOf: DynauditError });
  t.is(error?.code, 'E_USAGE');
  t.regex(error?.message ?? '', says);
}

test('--help and -h ask for help', (t) => {
  t.deepEqual(parseCommandLine(['--help']), { kind: 'help' });
  t.deepEqual(parseCommandLine(['-h']), { kind: 'help' });
  t.deepEqual(parseCommandLine(['analyze', 'left-pad', '--help']), { kind: 'help' });
});

test('no arguments at all ask for help', (t) => {
  t.deepEqual(parseCommandLine([]), { kind: 'help' });
});

test('analyze with only a spec reports text with the default policy', (t) => {
  t.deepEqual(parseCommandLine(['analyze', 'left-pad@1.3.0']), {
    kind: 'analyze',
    spec: 'left-pad@1.3.0',
    format: 'text',
    policyFiles: [],
  });
});

test('analyze takes every flag', (t) => {
  const argv = ['analyze', './pkg.tgz', '--format', 'json', '--policy', 'a.yaml', '--fail-on', 'critical', '--timeout', '60', '--runtime', 'runsc'];
  t.deepEqual(parseCommandLine(argv), {
    kind: 'analyze',
    spec: './pkg.tgz',
    format: 'json',
    policyFiles: ['a.yaml'],
    failOn: 'critical',
    timeoutSeconds: 60,
    runtime: 'runsc',
  });
});

test('flags may come before the command and use the = form', (t) => {
  const command = parseCommandLine(['--format=json', '--fail-on=low', 'analyze', '@scope/pkg@^2']);
  t.like(command, { kind: 'analyze', spec: '@scope/pkg@^2', format: 'json', failOn: 'low' });
});

test('--policy is repeatable and keeps its order', (t) => {
  const command = parseCommandLine(['analyze', 'x', '--policy', 'first.yaml', '--policy', 'second.yaml']);
  t.like(command, { kind: 'analyze', policyFiles: ['first.yaml', 'second.yaml'] });
});

test('--runtime runc is accepted', (t) => {
  t.like(parseCommandLine(['analyze', 'x', '--runtime', 'runc']), { runtime: 'runc' });
});

test('an unknown --format is a usage error', (t) => {
  usageError(t, ['analyze', 'x', '--format', 'xml'], /--format must be one of text, json, sarif, html, got "xml"/);
});

test('an unknown --fail-on severity is a usage error', (t) => {
  usageError(t, ['analyze', 'x', '--fail-on', 'severe'], /--fail-on must be one of low, medium, high, critical/);
});

for (const timeout of ['0', '-5', '1.5', 'soon', '']) {
  test(`--timeout "${timeout}" is a usage error`, (t) => {
    usageError(t, ['analyze', 'x', `--timeout=${timeout}`], /--timeout must be a whole number of seconds/);
  });
}

test('an unknown --runtime is a usage error', (t) => {
  usageError(t, ['analyze', 'x', '--runtime', 'kata'], /--runtime must be one of runc, runsc/);
});

test('an unknown command is a usage error naming it', (t) => {
  usageError(t, ['scan', 'x'], /unknown command "scan"/);
});

test('analyze without a spec is a usage error', (t) => {
  usageError(t, ['analyze'], /exactly one package spec/);
});

test('analyze with two specs is a usage error', (t) => {
  usageError(t, ['analyze', 'a', 'b'], /exactly one package spec/);
});

test('an unknown option is a usage error', (t) => {
  usageError(t, ['analyze', 'x', '--verbose'], /verbose/);
});

test('a flag without its value is a usage error', (t) => {
  usageError(t, ['analyze', 'x', '--policy'], /policy/);
});

test('usage errors point at --help', (t) => {
  usageError(t, ['scan'], /see dynaudit --help/);
});

test('lockfile takes its path, text or json, a mode and the run options', (t) => {
  t.deepEqual(parseCommandLine(['lockfile', 'yarn.lock', '--format', 'json', '--mode', 'isolated', '--store', 's.sqlite', '--no-fakenet', '--concurrency', '2']), {
    kind: 'lockfile',
    lockfile: 'yarn.lock',
    format: 'json',
    mode: 'isolated',
    policyFiles: [],
    storePath: 's.sqlite',
    noFakenet: true,
    concurrency: 2,
  });
});

test('lockfile refuses sarif and html, an unknown mode and a missing or second path', (t) => {
  usageError(t, ['lockfile', 'a.lock', '--format', 'sarif'], /lockfile reports as text or json, not "sarif"/);
  usageError(t, ['lockfile', 'a.lock', '--mode', 'parallel'], /--mode must be one of batch, isolated/);
  usageError(t, ['lockfile'], /exactly one lockfile path/);
  usageError(t, ['lockfile', 'a.lock', 'b.lock'], /exactly one lockfile path/);
  usageError(t, ['lockfile', 'a.lock', '--concurrency', '0'], /--concurrency must be a whole number above 0/);
});

test('--mode is for lockfile only', (t) => {
  usageError(t, ['analyze', 'x', '--mode', 'batch'], /--mode applies to the lockfile and sweep commands only/);
});

test('sweep takes one sweep file, every format Markdown included, the store flags and a mode', (t) => {
  t.deepEqual(parseCommandLine(['sweep', 'nightly.yaml']), { kind: 'sweep', file: 'nightly.yaml', format: 'text', policyFiles: [] });
  t.deepEqual(parseCommandLine(['sweep', 'nightly.yaml', '--format', 'markdown', '--store', 's.sqlite', '--mode', 'isolated', '--fail-on', 'critical']), {
    kind: 'sweep',
    file: 'nightly.yaml',
    format: 'markdown',
    policyFiles: [],
    failOn: 'critical',
    storePath: 's.sqlite',
    mode: 'isolated',
  });
  usageError(t, ['sweep'], /sweep takes exactly one sweep file/);
  usageError(t, ['sweep', 'a.yaml', '--format', 'xml'], /--format must be one of text, json, sarif, html, markdown/);
});

test('diff takes two package versions and every format', (t) => {
  t.deepEqual(parseCommandLine(['diff', 'lib@1.0.0', 'lib@1.0.1', '--format', 'json', '--no-cache']), {
    kind: 'diff',
    from: 'lib@1.0.0',
    to: 'lib@1.0.1',
    format: 'json',
    policyFiles: [],
    noCache: true,
  });
  usageError(t, ['diff', 'lib@1.0.0'], /diff takes two package versions, name@a and name@b/);
  usageError(t, ['diff', 'a@1', 'a@2', '--mode', 'batch'], /--mode applies to the lockfile and sweep commands only/);
});

test('markdown is for sweep and diff only', (t) => {
  usageError(t, ['analyze', 'x', '--format', 'markdown'], /--format must be one of text, json, sarif, html, got "markdown"/);
  usageError(t, ['lockfile', 'x.json', '--format', 'markdown'], /--format must be one of text, json, sarif, html, got "markdown"/);
});
