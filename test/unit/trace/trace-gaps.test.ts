/** What the trace could not show is an event, never a silent gap. */
import test from 'ava';
import { MAX_LINE_LENGTH, straceToEvents } from '../../../src/trace/index.js';
import { line } from './helpers.js';

const context = { phase: 'install' as const, rootAttribution: { package: 'evil', via: 'lifecycle-script' as const }, projectDir: '/p' };

test('a line too long to read is a trace limit event of the process that wrote it', (t) => {
  const huge = line(10, `execve("/bin/sh", ["sh", "-c", "${' '.repeat(MAX_LINE_LENGTH)}"], 0x1) = 0`);
  const [event] = straceToEvents(`${huge}\n`, context);
  t.like(event, { kind: 'limit', limit: 'trace', pid: 10, attribution: { package: 'evil' } });
  t.regex(event?.kind === 'limit' ? event.detail : '', /an? execve line of 32\.0 MiB was too long to read/);
});

test('an exec whose command line strace cut is flagged on the process and is a trace limit event', (t) => {
  const events = straceToEvents(`${line(10, 'execve("/bin/sh", ["sh", "-c", "true", ...], 0x1) = 0')}\n`, context);
  t.like(events[0], { kind: 'process', argvTruncated: true, argv: ['sh', '-c', 'true'] });
  t.like(events[1], { kind: 'limit', limit: 'trace' });
});
