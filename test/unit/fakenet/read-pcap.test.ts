import test from 'ava';
import { readPcap } from '../../../src/fakenet/read-pcap.js';
import { LINKTYPE_RAW } from '../../../src/fakenet/decode-packet.js';
import { pcapFile, readFixture } from './helpers.js';

test("tcpdump's capture of a run is read with its link type and every frame", async (t) => {
  const capture = await readPcap(readFixture('all-traffic.pcap'));
  t.is(capture.linkType, 276);
  t.is(capture.frames.length, 36);
  t.is(capture.problem, undefined);
  t.true(capture.frames.every((frame, index) => index === 0 || frame.timestampMs >= capture.frames[index - 1]!.timestampMs));
});

test('frame times are milliseconds since the epoch with the microseconds kept', async (t) => {
  const capture = await readPcap(pcapFile(LINKTYPE_RAW, [{ ms: 1_700_000_000_123.456, data: Buffer.from('x') }]));
  t.is(capture.frames[0]?.timestampMs, 1_700_000_000_123.456);
});

test('a record cut at the end of the file is dropped, the rest kept', async (t) => {
  const file = pcapFile(LINKTYPE_RAW, [
    { ms: 1000, data: Buffer.from('first') },
    { ms: 2000, data: Buffer.from('second') },
  ]);
  const capture = await readPcap(file.subarray(0, file.length - 3));
  t.deepEqual(capture.frames.map((frame) => frame.data.toString()), ['first']);
});

test('frames beyond the limit are counted, not kept', async (t) => {
  const frames = Array.from({ length: 5 }, (_, i) => ({ ms: i, data: Buffer.from([i]) }));
  const capture = await readPcap(pcapFile(LINKTYPE_RAW, frames), 3);
  t.is(capture.frames.length, 3);
  t.is(capture.omitted, 2);
});

test('an empty file or one that is not a pcap gives no frames and says why', async (t) => {
  t.like(await readPcap(Buffer.alloc(0)), { linkType: null, problem: 'empty capture file' });
  const garbage = await readPcap(Buffer.from('this is not a capture file at all'));
  t.is(garbage.frames.length, 0);
  t.regex(garbage.problem ?? '', /magic number/);
});
