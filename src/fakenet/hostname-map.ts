/**
 * Which name an address stood for (pure): the fake internet's DNS hands out
 * one sinkhole address per name, so a connection to that address goes to
 * the name last answered with it before the connection.
 */
import { plainAddress } from './ip-text.js';

export class HostnameMap {
  private readonly answers = new Map<string, { readonly timestampMs: number; readonly name: string }[]>();

  add(address: string, name: string, timestampMs: number): void {
    const key = plainAddress(address);
    const list = this.answers.get(key) ?? [];
    list.push({ timestampMs, name });
    list.sort((a, b) => a.timestampMs - b.timestampMs);
    this.answers.set(key, list);
  }

  lookup(address: string, timestampMs: number): string | undefined {
    const list = this.answers.get(plainAddress(address));
    if (!list) return undefined;
    return (list.findLast((answer) => answer.timestampMs <= timestampMs) ?? list[0])?.name;
  }
}
