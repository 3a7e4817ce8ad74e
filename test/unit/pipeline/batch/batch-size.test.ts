import test from 'ava';
import { batchSandboxSize } from '../../../../src/pipeline/batch/batch-size.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const configured = { diskBytes: 1 * GiB, memoryBytes: 2 * GiB };

test('a small tree gets the configured size', (t) => {
  t.deepEqual(batchSandboxSize(20 * MiB, configured, 24 * GiB), configured);
});

test('a large tree gets a home five times its tarballs, and the memory limit grows by as much', (t) => {
  const size = batchSandboxSize(600 * MiB, configured, 24 * GiB);
  t.is(size.diskBytes, 3000 * MiB + 256 * MiB);
  t.is(size.memoryBytes - configured.memoryBytes, size.diskBytes - configured.diskBytes);
});

test('no batch takes more than its share of the machine\'s memory', (t) => {
  const size = batchSandboxSize(10 * GiB, configured, 8 * GiB);
  t.true(size.memoryBytes <= 0.6 * 8 * GiB + 1);
  t.true(size.diskBytes >= configured.diskBytes);
});
