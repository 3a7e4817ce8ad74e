/**
 * The fakenet sink's log (sandbox-images/fakenet/sink): one JSON record a
 * line (pure). The log comes from a container the package shared a network
 * with, so it is treated as untrusted: every field is checked, sizes are
 * capped, and a line that does not check out is counted and skipped.
 */

interface Endpoint {
  readonly address: string;
  readonly port: number;
}

interface SinkDnsQuery {
  readonly timestampMs: number;
  readonly transport: 'udp' | 'tcp';
  readonly client: string;
  /** Original destination (DNS over TCP only). */
  readonly server: Endpoint | null;
  /** The query message as received (capped). */
  readonly query: Buffer;
  /** The sinkhole address answered, if any. */
  readonly answer: string | null;
}

export interface SinkConnection {
  readonly timestampMs: number;
  readonly firstDataMs: number | null;
  readonly endMs: number;
  readonly client: string;
  /** The destination the client asked for (SO_ORIGINAL_DST). */
  readonly destination: Endpoint;
  readonly bytes: number;
  /** The first bytes received (capped by the sink). */
  readonly data: Buffer;
  readonly truncated: boolean;
  /** What the sink answered: http-200, tls-alert or none. */
  readonly reply: string;
  /** Why the connection ended: eof, idle, time-limit, read-limit, reset, refused, stopped. */
  readonly end: string;
}

export interface SinkLog {
  readonly dns: readonly SinkDnsQuery[];
  readonly tcp: readonly SinkConnection[];
  /** Records the sink dropped because its log was full. */
  readonly dropped: number;
  readonly invalidLines: number;
}

/** A connection's kept bytes (the sink's per-connection capture, CAPTURE_BYTES in fakenet-layout.ts). */
const MAX_DATA_BYTES = 16 * 1024 * 1024;
const MAX_LINE_CHARS = 2 * MAX_DATA_BYTES;
const ENDPOINT = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function endpoint(value: unknown): Endpoint | null {
  const match = typeof value === 'string' ? ENDPOINT.exec(value) : null;
  return match ? { address: match[1]!, port: Number(match[2]) } : null;
}

const text = (value: unknown, max = 64): string | null => (typeof value === 'string' && value.length <= max ? value : null);
const time = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null);
const base64 = (value: unknown): Buffer | null =>
  typeof value === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value) ? Buffer.from(value, 'base64').subarray(0, MAX_DATA_BYTES) : null;

function dnsRecord(record: Record<string, unknown>): SinkDnsQuery | null {
  const timestampMs = time(record.ts);
  const transport = record.transport === 'udp' || record.transport === 'tcp' ? record.transport : null;
  const client = text(record.client);
  const query = base64(record.query);
  const answer = record.answer === null ? null : typeof record.answer === 'string' && IPV4.test(record.answer) ? record.answer : undefined;
  if (timestampMs === null || transport === null || client === null || query === null || answer === undefined) return null;
  return { timestampMs, transport, client, server: endpoint(record.server), query, answer };
}

function tcpRecord(record: Record<string, unknown>): SinkConnection | null {
  const timestampMs = time(record.ts);
  const endMs = time(record.endTs);
  const client = text(record.client);
  const destination = endpoint(record.dst);
  const data = base64(record.data);
  const bytes = typeof record.bytes === 'number' && Number.isInteger(record.bytes) && record.bytes >= 0 ? record.bytes : null;
  if (timestampMs === null || endMs === null || client === null || destination === null || data === null || bytes === null) return null;
  return {
    timestampMs,
    firstDataMs: time(record.firstDataTs),
    endMs,
    client,
    destination,
    bytes,
    data,
    truncated: record.truncated === true,
    reply: text(record.reply, 16) ?? 'none',
    end: text(record.end, 16) ?? 'unknown',
  };
}

export function parseSinkLog(content: string): SinkLog {
  const dns: SinkDnsQuery[] = [];
  const tcp: SinkConnection[] = [];
  let dropped = 0;
  let invalidLines = 0;
  for (const line of content.split('\n')) {
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = line.length <= MAX_LINE_CHARS ? JSON.parse(line) : null;
    } catch {
      record = null;
    }
    const fields = typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as Record<string, unknown>) : {};
    const parsed = fields.type === 'dns' ? dnsRecord(fields) : fields.type === 'tcp' ? tcpRecord(fields) : null;
    if (fields.type === 'dropped' && typeof fields.records === 'number') dropped += fields.records;
    else if (parsed === null) invalidLines += 1;
    else if ('query' in parsed) dns.push(parsed);
    else tcp.push(parsed);
  }
  return { dns, tcp, dropped, invalidLines };
}
