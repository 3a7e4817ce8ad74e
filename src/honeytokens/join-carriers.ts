/**
 * Pieces of one message sent apart, put back together (pure): a token split
 * over several DNS queries to one domain, several requests to one host or
 * several datagrams to one destination holds no 16 characters in any one of
 * them. Carriers of one package, channel and place, to one destination (a DNS
 * name's last two labels), are joined in time order with what they all share
 * (a common prefix and suffix) left out; DNS names are joined label by label
 * and, where every query carries a sequence number, in that order.
 */
import type { Carrier } from './detect-exfiltration.js';

export interface JoinedCarrier extends Carrier {
  /** The carriers it was joined from. */
  readonly parts: readonly Carrier[];
}

function dnsName(carrier: Carrier): string | null {
  return carrier.event.kind === 'dns' ? carrier.event.name : null;
}

function groupKey(carrier: Carrier): string {
  const name = dnsName(carrier);
  const where = name === null ? carrier.destination : name.toLowerCase().replace(/\.$/, '').split('.').slice(-2).join('.');
  return JSON.stringify([carrier.event.phase, carrier.event.attribution.package, carrier.channel, carrier.location, where]);
}

/** The texts with their common prefix and suffix left out, joined. */
function joinVarying(texts: readonly string[]): string {
  let prefix = texts[0]?.length ?? 0;
  let suffix = prefix;
  for (const text of texts.slice(1)) {
    const first = texts[0]!;
    let p = 0;
    while (p < prefix && p < text.length && text[p] === first[p]) p++;
    prefix = p;
    let q = 0;
    while (q < suffix && q < text.length - prefix && text[text.length - 1 - q] === first[first.length - 1 - q]) q++;
    suffix = q;
  }
  return texts.map((text) => text.slice(prefix, text.length - suffix)).join('');
}

/** DNS names of one domain: all varying labels joined; and the longest label of each, in sequence-number order when there is one. */
function joinDns(names: readonly string[]): string {
  const labels = names.map((name) => name.replace(/\.$/, '').split('.'));
  let common = 0;
  while (labels.every((parts) => parts.length > common + 1 && parts[parts.length - 1 - common] === labels[0]![labels[0]!.length - 1 - common])) common++;
  const varying = labels.map((parts) => parts.slice(0, parts.length - common));
  const longest = varying.map((parts) => parts.reduce((a, b) => (b.length > a.length ? b : a), ''));
  const sequence = varying.map((parts, i) => parts.find((part) => /^\d+$/.test(part) && part !== longest[i]));
  const order = sequence.every((value) => value !== undefined)
    ? varying.map((_, i) => i).sort((a, b) => Number(sequence[a]) - Number(sequence[b]))
    : varying.map((_, i) => i);
  return `${varying.map((parts) => parts.join('')).join('')}\n${order.map((i) => longest[i]).join('')}`;
}

export function joinedCarriers(carriers: readonly Carrier[]): JoinedCarrier[] {
  const groups = new Map<string, Carrier[]>();
  for (const carrier of carriers) {
    if (carrier.data.length === 0) continue;
    const key = groupKey(carrier);
    groups.set(key, [...(groups.get(key) ?? []), carrier]);
  }
  const joined: JoinedCarrier[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const parts = [...group].sort((a, b) => a.event.timestampMs - b.event.timestampMs);
    const names = parts.map(dnsName);
    const text = names.every((name): name is string => name !== null)
      ? joinDns(names)
      : joinVarying(parts.map((part) => Buffer.from(part.data).toString('latin1')));
    const first = parts[0]!;
    const where = names[0] ? names[0].replace(/\.$/, '').split('.').slice(-2).join('.') : first.destination;
    joined.push({
      ...first,
      location: `${first.location}s of ${parts.length} ${first.channel === 'dns' ? 'queries' : 'messages'} joined`,
      destination: first.channel === 'dns' ? `DNS lookups under ${where}` : first.destination,
      data: Buffer.from(text, 'latin1'),
      parts,
    });
  }
  return joined;
}
