import test from 'ava';
import type { TraceEvent } from '../../../../src/events/types.js';
import { BatchNetwork } from '../../../../src/pipeline/batch/batch-network.js';

// storybook's execute phase in a real pnpm lockfile gave more trace events than a call can take as arguments.
test('a batch takes a phase with a million events (storybook\'s execute phase overflowed the stack)', (t) => {
  const network = new BatchNetwork({ plan: { image: null }, honeytokens: { tokens: [] }, progress: () => {} } as never, new Map());
  const event = { kind: 'file', phase: 'execute', pid: 1, timestampMs: 1, attribution: { package: 'storybook', via: 'import' } } as unknown as TraceEvent;
  const events = Array.from({ length: 1_000_000 }, () => ({ event, owners: ['storybook@8.3.5'] }));
  t.notThrows(() => network.add([], events, [{ id: 'storybook@8.3.5', phase: 'execute', startMs: 0, endMs: 2 }]));
});
