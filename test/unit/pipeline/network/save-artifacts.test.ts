import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { artifactFolderName, saveArtifacts } from '../../../../src/pipeline/network/save-artifacts.js';

test('artifact folders are named after the package, version and run, with no path separators', (t) => {
  t.is(artifactFolderName('@scope/pkg', '1.0.0', 'abcd1234'), '@scope+pkg@1.0.0-abcd1234');
  t.is(artifactFolderName('../../etc', '1.0.0', 'x'), '..+..+etc@1.0.0-x');
  t.is(artifactFolderName('a b', '1', 'r'), 'a_b@1-r');
});

test('the pcap and the sink log are written into the run folder', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dynaudit-artifacts-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const saved = await saveArtifacts(dir, 'pkg@1.0.0-run', { sinkLog: '{"type":"dns"}\n', pcap: Buffer.from([0xd4, 0xc3, 0xb2, 0xa1]), problems: [] });
  t.is(saved.pcap, path.join(dir, 'pkg@1.0.0-run', 'capture.pcap'));
  t.deepEqual(await readFile(saved.pcap), Buffer.from([0xd4, 0xc3, 0xb2, 0xa1]));
  t.is(await readFile(saved.sinkLog, 'utf8'), '{"type":"dns"}\n');
});
