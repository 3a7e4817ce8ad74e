/** Randomness behind a small interface, so generators are pure given a source (tests use a seeded one). */
import { randomBytes } from 'node:crypto';

export interface RandomSource {
  bytes(count: number): Buffer;
}

export const cryptoRandom: RandomSource = { bytes: (count) => randomBytes(count) };

/** A whole number in [0, bound), without modulo bias. */
export function randomBelow(random: RandomSource, bound: number): number {
  const limit = Math.floor(0x1_0000_0000 / bound) * bound;
  for (;;) {
    const value = random.bytes(4).readUInt32BE(0);
    if (value < limit) return value % bound;
  }
}

export function randomString(random: RandomSource, alphabet: string, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[randomBelow(random, alphabet.length)];
  return text;
}

export function pick<T>(random: RandomSource, items: readonly T[]): T {
  return items[randomBelow(random, items.length)]!;
}

export const DIGITS = '0123456789';
export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const HEX = '0123456789abcdef';
