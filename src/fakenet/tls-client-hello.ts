/**
 * The server name (SNI) and ALPN protocols of a TLS ClientHello, from the
 * first bytes a client sent (pure). Handshake messages split over several
 * records are joined. Returns null for anything that is not a ClientHello.
 */

export interface ClientHello {
  readonly sni: string | null;
  readonly alpn: readonly string[];
}

const HANDSHAKE = 0x16;
const CLIENT_HELLO = 0x01;
const EXT_SERVER_NAME = 0x0000;
const EXT_ALPN = 0x0010;

/** The handshake bytes carried by consecutive handshake records. */
function handshakeBytes(data: Uint8Array): Buffer | null {
  const parts: Uint8Array[] = [];
  let offset = 0;
  while (offset + 5 <= data.length && data[offset] === HANDSHAKE && data[offset + 1] === 0x03) {
    const length = (data[offset + 3]! << 8) | data[offset + 4]!;
    parts.push(data.subarray(offset + 5, Math.min(offset + 5 + length, data.length)));
    offset += 5 + length;
  }
  return parts.length === 0 ? null : Buffer.concat(parts);
}

class Reader {
  constructor(
    private readonly data: Buffer,
    public offset = 0,
  ) {}

  get left(): number {
    return this.data.length - this.offset;
  }

  uint(bytes: 1 | 2 | 3): number {
    if (this.left < bytes) throw new RangeError('short');
    const value = this.data.readUIntBE(this.offset, bytes);
    this.offset += bytes;
    return value;
  }

  take(length: number): Buffer {
    if (this.left < length) throw new RangeError('short');
    const part = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return part;
  }

  /** A vector with a length prefix of `bytes` bytes. */
  vector(bytes: 1 | 2): Buffer {
    return this.take(this.uint(bytes));
  }
}

function serverName(extension: Buffer): string | null {
  const list = new Reader(new Reader(extension).vector(2));
  while (list.left > 0) {
    const type = list.uint(1);
    const name = list.vector(2);
    if (type === 0) return name.toString('latin1');
  }
  return null;
}

function protocols(extension: Buffer): string[] {
  const list = new Reader(new Reader(extension).vector(2));
  const names: string[] = [];
  while (list.left > 0) names.push(list.vector(1).toString('latin1'));
  return names;
}

export function parseClientHello(data: Uint8Array): ClientHello | null {
  const handshake = handshakeBytes(data);
  if (!handshake || handshake[0] !== CLIENT_HELLO) return null;
  try {
    const reader = new Reader(handshake, 1);
    const length = reader.uint(3);
    const hello = new Reader(reader.take(Math.min(length, reader.left)));
    hello.take(2 + 32); // client_version, random
    hello.vector(1); // session_id
    hello.vector(2); // cipher_suites
    hello.vector(1); // compression_methods
    let sni: string | null = null;
    let alpn: string[] = [];
    if (hello.left === 0) return { sni, alpn };
    // A capture cut inside the extensions still gives the ones before the cut.
    const extensions = new Reader(hello.take(Math.min(hello.uint(2), hello.left)));
    try {
      while (extensions.left >= 4) {
        const type = extensions.uint(2);
        const body = extensions.vector(2);
        if (type === EXT_SERVER_NAME) sni = serverName(body);
        else if (type === EXT_ALPN) alpn = protocols(body);
      }
    } catch {
      // the rest was cut
    }
    return { sni, alpn };
  } catch {
    return null;
  }
}
