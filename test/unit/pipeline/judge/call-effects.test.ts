import test from 'ava';
import type { Finding } from '../../../../src/events/finding.js';
import { phasesWithCallEffects } from '../../../../src/pipeline/judge/call-effects.js';
import type { PhaseCall, ReportPhase } from '../../../../src/report/report-model.js';
import { connect, dns, imported } from '../../policy/helpers.js';
import { finding } from '../../report/helpers.js';

const call = (index: number, target: string): PhaseCall => ({ index, step: 'call', target, argument: 'none', outcome: 'returned', durationMs: 1 });
const atCall = (index: number) => ({ ...imported('pkg'), call: index });
const phases: ReportPhase[] = [
  { name: 'install', status: 'completed', durationMs: 10, exitCode: 0 },
  { name: 'import', status: 'completed', durationMs: 10, exitCode: 0, calls: [call(0, 'load')] },
  { name: 'execute', status: 'completed', durationMs: 10, exitCode: 0, calls: [call(0, 'load'), call(1, 'm.send'), call(2, 'm.quiet')] },
];
const findingAt = (rule: string, phase: 'import' | 'execute', index: number): Finding => finding({ rule, phase, summary: rule, evidence: [], attribution: atCall(index) });

test('each step lists how many events it caused and the rules of its findings (each once), per phase', (t) => {
  const events = [
    dns('c.example', { phase: 'execute', attribution: atCall(1) }),
    connect('198.51.100.1', 80, { phase: 'execute', attribution: atCall(1) }),
    connect('198.51.100.1', 80, { phase: 'import', attribution: atCall(0) }),
  ];
  const findings = [findingAt('dns-query', 'execute', 1), findingAt('network-connect', 'execute', 1), findingAt('network-connect', 'execute', 1), findingAt('network-connect', 'import', 0)];
  const [install, imported_, executed] = phasesWithCallEffects(phases, events, findings);
  t.is(install?.calls, undefined);
  t.like(imported_?.calls?.[0], { events: 1, findings: ['network-connect'] });
  t.like(executed?.calls?.[0], { events: 0, findings: [] });
  t.like(executed?.calls?.[1], { target: 'm.send', events: 2 });
  t.deepEqual(executed?.calls?.[1]?.findings, ['dns-query', 'network-connect']);
  t.like(executed?.calls?.[2], { target: 'm.quiet', events: 0, findings: [] });
});
