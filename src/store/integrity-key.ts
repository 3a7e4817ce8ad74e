/** The store's integrity key: the strongest hash of an SRI string, options dropped (pure). */
const STRENGTH = ['sha512', 'sha384', 'sha256', 'sha1'];

export function integrityKey(sri: string): string {
  const tokens = sri
    .trim()
    .split(/\s+/)
    .map((token) => token.split('?')[0] ?? token)
    .filter((token) => /^(sha512|sha384|sha256|sha1)-[A-Za-z0-9+/=]+$/.test(token));
  tokens.sort((a, b) => STRENGTH.indexOf(a.split('-')[0] ?? '') - STRENGTH.indexOf(b.split('-')[0] ?? ''));
  return tokens[0] ?? sri.trim();
}
