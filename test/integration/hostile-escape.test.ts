/**
 * A package that tries the usual ways out of a container. Every attempt must
 * fail inside the sandbox (the fixture's script exits 1 if one works, which
 * would fail the install phase) and each must be reported.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import type { AnalysisReport } from '../../src/report/index.js';
import { leftoversOf, startCli } from '../helpers/cli-process.js';
import { fixturePackage } from '../helpers/run-cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-escape-it-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

test('every escape attempt fails in the sandbox and is reported with the error it got', async (t) => {
  const cli = startCli([
    'analyze',
    fixturePackage('hostile-escape-probes'),
    '--format',
    'json',
    '--no-cache',
    '--store',
    path.join(dir, 'results.sqlite'),
    '--timeout',
    '60',
  ]);
  const result = await cli.done;
  t.log(`hostile-escape-probes: ${(result.durationMs / 1000).toFixed(1)} s`);
  const report = JSON.parse(result.stdout) as AnalysisReport;
  t.is(result.exitCode, 1, result.stderr);
  t.is(report.phases[0]?.status, 'completed', `an attempt worked:\n${report.phases[0]?.outputTail ?? ''}`);
  const evidence = (rule: string): string[] => report.findings.filter((finding) => finding.rule === rule).flatMap((finding) => [...finding.evidence]);
  const expected: [string, RegExp][] = [
    ['sandbox-escape', /open \/var\/run\/docker\.sock \(read\) \(failed: ENOENT\)/],
    ['sandbox-escape', /connect \/var\/run\/docker\.sock \(read\) \(failed: ENOENT\)/],
    // Judged on the file the kernel would reach (pid 1's root is the container's own), with the path as the call named it.
    ['sandbox-escape', /open \/ \(named as \/proc\/1\/root\) \(read\) \(failed: EACCES\)/],
    ['sandbox-escape', /open \/etc\/hostname \(named as \/proc\/1\/root\/etc\/hostname\) \(read\) \(failed: EACCES\)/],
    ['sandbox-escape', /open \/var\/lib\/docker \(read\) \(failed: ENOENT\)/],
    ['sandbox-escape', /open \/host\/etc\/passwd \(read\) \(failed: ENOENT\)/],
    ['credential-read', /open \/etc\/shadow \(read\) \(failed: EACCES\)/],
    ['system-tool-spawn', /exec \/usr\/bin\/mount: mount -t tmpfs none \/tmp/],
    ['system-tool-spawn', /exec \/usr\/bin\/unshare: unshare --user/],
    ['raw-socket', /socket\(AF_INET, SOCK_RAW\|SOCK_CLOEXEC, IPPROTO_ICMP\) \(failed: EPERM\)/],
    ['raw-socket', /socket\(AF_PACKET, SOCK_RAW.*\(failed: EPERM\)/],
    ['privilege-escalation', /setuid\(0\) \(failed: EPERM\)/],
    ['privilege-escalation', /ptrace\(PTRACE_TRACEME\) \(failed: EPERM\)/],
    ['kernel-tamper', /open \/proc\/sys\/kernel\/hostname \(write\) \(failed: EROFS\)/],
    ['kernel-tamper', /open \/proc\/sysrq-trigger \(write\) \(failed: /],
  ];
  for (const [rule, line] of expected) t.true(evidence(rule).some((text) => line.test(text)), `${rule}: ${line}\n${evidence(rule).join('\n')}`);
  for (const finding of report.findings.filter((candidate) => candidate.category === 'evasion')) {
    t.true(finding.evidence.every((line) => /\(failed: |exec /.test(line)), `${finding.rule}: ${finding.evidence.join('; ')}`);
  }
  t.deepEqual(leftoversOf(cli.pid), { containers: [], volumes: [] });
});
