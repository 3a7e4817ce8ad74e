/**
 * An RSA key in OpenSSH's own private key format (`openssh-key-v1`,
 * unencrypted), as `ssh-keygen` writes it (pure given the key's JWK and a
 * check value).
 */

export interface RsaJwk {
  readonly n: string;
  readonly e: string;
  readonly d: string;
  readonly p: string;
  readonly q: string;
  readonly qi: string;
}

function sshString(data: Buffer | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes;
}

/** An SSH mpint: big-endian, no leading zeros, a zero byte added when the top bit is set. */
function mpint(base64url: string): Buffer {
  let bytes = Buffer.from(base64url, 'base64url');
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  bytes = bytes.subarray(start);
  return sshString((bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

export function rsaPublicBlob(jwk: RsaJwk): Buffer {
  return Buffer.concat([sshString('ssh-rsa'), mpint(jwk.e), mpint(jwk.n)]);
}

/** The `ssh-rsa AAAA… comment` line of id_rsa.pub. */
export function openSshPublicKey(jwk: RsaJwk, comment: string): string {
  return `ssh-rsa ${rsaPublicBlob(jwk).toString('base64')} ${comment}\n`;
}

export function openSshPrivateKey(jwk: RsaJwk, comment: string, checkInt: number): string {
  const privateFields = Buffer.concat([
    uint32(checkInt),
    uint32(checkInt),
    sshString('ssh-rsa'),
    mpint(jwk.n),
    mpint(jwk.e),
    mpint(jwk.d),
    mpint(jwk.qi),
    mpint(jwk.p),
    mpint(jwk.q),
    sshString(comment),
  ]);
  const padding = Buffer.from(Array.from({ length: (8 - (privateFields.length % 8)) % 8 }, (_, i) => i + 1));
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    uint32(1),
    sshString(rsaPublicBlob(jwk)),
    sshString(Buffer.concat([privateFields, padding])),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return ['-----BEGIN OPENSSH PRIVATE KEY-----', ...lines, '-----END OPENSSH PRIVATE KEY-----', ''].join('\n');
}
