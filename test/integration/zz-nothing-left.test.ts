/**
 * Runs last (ava runs files in name order, one at a time with --serial):
 * after the whole suite, Docker holds no container, volume or network of ours.
 */
import { execFileSync } from 'node:child_process';
import test from 'ava';
import { LABEL_TOOL, TOOL_NAME } from '../../src/sandbox/labels.js';

const ours = (args: readonly string[]): string[] =>
  execFileSync('docker', [...args, '--filter', `label=${LABEL_TOOL}=${TOOL_NAME}`], { encoding: 'utf8' }).split('\n').filter(Boolean);

test('after the suite no container, volume or network of dynaudit is left', (t) => {
  t.deepEqual(ours(['ps', '-a', '--format', '{{.Names}} {{.Status}}']), [], 'containers');
  t.deepEqual(ours(['volume', 'ls', '-q']), [], 'volumes');
  t.deepEqual(ours(['network', 'ls', '-q']), [], 'networks');
});
