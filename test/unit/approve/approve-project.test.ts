import test from 'ava';
import { approveProject } from '../../../src/approve/approve-project.js';
import type { ProjectIo } from '../../../src/approve/project-io.js';
import type { VerdictOutcome } from '../../../src/approve/verdict-source.js';
import type { Finding } from '../../../src/events/finding.js';
import type { LockfilePackageReport } from '../../../src/report/lockfile-model.js';

const LOCK = {
  name: 'app',
  lockfileVersion: 3,
  packages: {
    '': { name: 'app', dependencies: { ok: '1.0.0', bad: '1.0.0', plain: '1.0.0' } },
    'node_modules/ok': { version: '1.0.0', resolved: 'https://REGISTRY.invalid/ok/-/ok-1.0.0.tgz', integrity: 'sha512-b2s=', hasInstallScript: true },
    'node_modules/bad': { version: '1.0.0', resolved: 'https://REGISTRY.invalid/bad/-/bad-1.0.0.tgz', integrity: 'sha512-YmFk', hasInstallScript: true },
    'node_modules/plain': { version: '1.0.0', resolved: 'https://REGISTRY.invalid/plain/-/plain-1.0.0.tgz', integrity: 'sha512-cGxhaW4=' },
  },
};

class MemoryIo implements ProjectIo {
  readonly files = new Map<string, string>();
  readonly writes: string[] = [];
  async list(): Promise<Set<string>> {
    return new Set(this.files.keys());
  }
  async read(_dir: string, file: string): Promise<string | null> {
    return this.files.get(file) ?? null;
  }
  async write(_dir: string, file: string, text: string): Promise<void> {
    this.writes.push(file);
    this.files.set(file, text);
  }
}

function finding(rule: string, severity: Finding['severity'], summary: string): Finding {
  return { rule, category: 'spawn', severity, phase: 'install', summary, evidence: [], attribution: { package: 'x', via: 'lifecycle-script' } };
}

const REPORTS: Record<string, VerdictOutcome> = {
  ok: { verdict: 'warn', failOn: 'high', findings: [finding('install-script', 'low', 'runs an install script (node build.js)')] } as unknown as LockfilePackageReport,
  bad: { verdict: 'fail', failOn: 'high', findings: [finding('credential-read', 'critical', 'reads ~/.npmrc')] } as unknown as LockfilePackageReport,
};

function setup(packageJson: Record<string, unknown> = { name: 'app' }) {
  const io = new MemoryIo();
  io.files.set('package.json', `${JSON.stringify(packageJson, null, 2)}\n`);
  io.files.set('package-lock.json', JSON.stringify(LOCK));
  const asked: string[][] = [];
  const deps = {
    io,
    probe: { hasInstallScript: () => Promise.reject(new Error('npm v3 lockfiles say which packages have scripts')) },
    verdicts: {
      verdicts: async (_lockfile: string, packages: readonly { id: string; name: string }[]) => {
        asked.push(packages.map((pkg) => pkg.name));
        return new Map(packages.flatMap((pkg) => (REPORTS[pkg.name] ? [[pkg.id, REPORTS[pkg.name]!] as const] : [])));
      },
    },
    progress: () => {},
  };
  return { io, asked, deps };
}

test('write mode judges every package with scripts and writes the approvals once', async (t) => {
  const { io, asked, deps } = setup();
  const report = await approveProject({ dir: 'app', cwd: '/work', mode: 'write' }, deps);
  t.deepEqual(asked, [['bad', 'ok']]);
  t.deepEqual(report.entries.map((entry) => [entry.name, entry.action]), [['bad', 'deny'], ['ok', 'approve']]);
  t.deepEqual(report.summary, { scripts: 2, approve: 1, deny: 1, review: 0 });
  t.deepEqual(io.writes, ['package.json']);
  t.deepEqual(JSON.parse(io.files.get('package.json')!), { name: 'app', allowScripts: { 'bad@1.0.0': false, 'ok@1.0.0': true } });
  t.true(report.change!.written);
});

test('dry-run shows the diff and writes nothing', async (t) => {
  const { io, deps } = setup();
  const report = await approveProject({ dir: 'app', cwd: '/work', mode: 'dry-run' }, deps);
  t.deepEqual(io.writes, []);
  t.false(report.change!.written);
  t.regex(report.change!.diff, /^\+ {4}"ok@1\.0\.0": true$/m);
});

test('check judges only what the project lets run and refuses an approved failing script', async (t) => {
  const { asked, deps } = setup({ name: 'app', allowScripts: { ok: true, 'bad@1.0.0': true } });
  const report = await approveProject({ dir: 'app', cwd: '/work', mode: 'check' }, deps);
  t.deepEqual(asked, [['bad', 'ok']]);
  t.false(report.check!.passed);
  t.deepEqual(report.check!.problems, [
    { name: 'bad', version: '1.0.0', problem: 'approved-failing', verdict: 'fail', key: 'bad@1.0.0', line: 5, reasons: ['CRITICAL reads ~/.npmrc [credential-read]'] },
  ]);
});

test('check passes when the failing script is denied and analyzes nothing the project blocks', async (t) => {
  const { asked, deps } = setup({ name: 'app', allowScripts: { 'ok@1.0.0': true, 'bad@1.0.0': false } });
  const report = await approveProject({ dir: 'app', cwd: '/work', mode: 'check' }, deps);
  t.deepEqual(asked, [['ok']]);
  t.deepEqual(report.check, { passed: true, problems: [] });
});

test('an approved script that could not be analyzed fails the check', async (t) => {
  const { deps } = setup({ name: 'app', allowScripts: { plain: true } });
  const withScripts = { ...deps, io: deps.io };
  withScripts.io.files.set('package-lock.json', JSON.stringify({ ...LOCK, packages: { ...LOCK.packages, 'node_modules/plain': { ...LOCK.packages['node_modules/plain'], hasInstallScript: true } } }));
  const report = await approveProject({ dir: 'app', cwd: '/work', mode: 'check' }, withScripts);
  t.like(report.check!.problems[0], { name: 'plain', problem: 'approved-unanalyzed', verdict: 'unanalyzed' });
});
