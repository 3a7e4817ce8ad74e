/**
 * Reads a libpcap file (tcpdump's default format) with pcap-parser: the one
 * file that imports it. The capture is untrusted: a bad header is an empty
 * capture with a problem noted, a record cut at the end is dropped, and at
 * most `maxPackets` packets are kept.
 */
import { Readable } from 'node:stream';
import pcapParser from 'pcap-parser';

interface CapturedFrame {
  readonly timestampMs: number;
  readonly data: Buffer;
}

export interface PcapCapture {
  readonly linkType: number | null;
  readonly frames: readonly CapturedFrame[];
  /** Frames beyond maxPackets, dropped. */
  readonly omitted: number;
  /** Why the file could not be read, when it could not. */
  readonly problem?: string;
}

export function readPcap(file: Buffer, maxPackets = 200_000): Promise<PcapCapture> {
  return new Promise((resolve) => {
    const frames: CapturedFrame[] = [];
    let linkType: number | null = null;
    let omitted = 0;
    let problem: string | undefined;
    if (file.length === 0) {
      resolve({ linkType, frames, omitted, problem: 'empty capture file' });
      return;
    }
    const parser = pcapParser.parse(Readable.from([file]));
    parser.on('globalHeader', (header) => {
      linkType = header.linkLayerType;
    });
    parser.on('packet', ({ header, data }) => {
      if (frames.length >= maxPackets) {
        omitted += 1;
        return;
      }
      frames.push({ timestampMs: header.timestampSeconds * 1000 + header.timestampMicroseconds / 1000, data: Buffer.from(data) });
    });
    parser.on('error', (error) => {
      problem ??= error.message;
    });
    parser.on('end', () => resolve({ linkType, frames, omitted, ...(problem ? { problem } : {}) }));
  });
}
