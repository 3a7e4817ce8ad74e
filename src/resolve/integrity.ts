import { createHash } from 'node:crypto';

/** Algorithms an SRI string may use here, strongest first. */
const ALGORITHMS = ['sha512', 'sha384', 'sha256', 'sha1'] as const;

/** The sha512 SRI string of some bytes, as npm writes it in lockfiles. */
export function computeIntegrity(data: Uint8Array): string {
  return `sha512-${createHash('sha512').update(data).digest('base64')}`;
}

/**
 * Whether `data` matches the SRI string `integrity` (space-separated
 * `algo-base64[?opts]` tokens). Like ssri, only the strongest algorithm
 * present is checked; a string with no known algorithm never matches.
 */
export function integrityMatches(data: Uint8Array, integrity: string): boolean {
  const tokens = integrity
    .trim()
    .split(/\s+/)
    .map((token) => /^(sha512|sha384|sha256|sha1)-([A-Za-z0-9+/=]+)(?:\?.*)?$/.exec(token))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ algorithm: match[1] ?? '', digest: match[2] ?? '' }));
  const algorithm = ALGORITHMS.find((name) => tokens.some((token) => token.algorithm === name));
  if (algorithm === undefined) {
    return false;
  }
  const actual = createHash(algorithm).update(data).digest('base64');
  return tokens.some((token) => token.algorithm === algorithm && token.digest === actual);
}
