/** Types for pcap-parser 0.2 (it ships none): a libpcap file parser that emits events. */
declare module 'pcap-parser' {
  import type { EventEmitter } from 'node:events';
  import type { Readable } from 'node:stream';

  export interface GlobalHeader {
    readonly magicNumber: number;
    readonly majorVersion: number;
    readonly minorVersion: number;
    readonly gmtOffset: number;
    readonly timestampAccuracy: number;
    readonly snapshotLength: number;
    readonly linkLayerType: number;
  }

  export interface PacketHeader {
    readonly timestampSeconds: number;
    readonly timestampMicroseconds: number;
    readonly capturedLength: number;
    readonly originalLength: number;
  }

  export interface Parser extends EventEmitter {
    on(event: 'globalHeader', listener: (header: GlobalHeader) => void): this;
    on(event: 'packet', listener: (packet: { header: PacketHeader; data: Buffer }) => void): this;
    on(event: 'end', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }

  export function parse(input: string | Readable): Parser;
}
