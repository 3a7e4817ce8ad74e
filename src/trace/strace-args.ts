/**
 * Splitting of strace argument text into top-level pieces, aware of quoted
 * strings, `/* comments *\/`, nested `[] {} ()` and `-yy` fd annotations
 * (`3</path>`, `AT_FDCWD</cwd>`, `5<TCP:[1.2.3.4:5->6.7.8.9:80]>`,
 * `18</dev/null<char 1:3>>`).
 */

export interface ScanResult {
  /** Trimmed top-level pieces, separated by commas at depth 0. */
  readonly parts: string[];
  /** Index of the unbalanced `)` that closed the scan, or -1 if the text ran out first. */
  readonly end: number;
  /** False when the text ran out inside a string, comment, annotation or bracket. */
  readonly balanced: boolean;
}

const SOCKET_ANNOTATION = /^[A-Za-z0-9_-]+:\[/;

/** Index just after a quoted string starting at `start` (including a trailing `...`); -1 if it is not closed. */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') {
      i++;
      return text.startsWith('...', i) ? i + 3 : i;
    } else i++;
  }
  return -1;
}

/**
 * Index just after the `-yy` annotation that opens with `<` at `start`.
 * Socket-like annotations (`TCP:[...]`, `pipe:[...]`) end at `]>`; paths have
 * `<` and `>` escaped by strace, so only a device suffix such as `<char 1:3>`
 * nests.
 */
export function skipAnnotation(text: string, start: number): number {
  if (SOCKET_ANNOTATION.test(text.slice(start + 1, start + 40))) {
    const close = text.indexOf(']>', start);
    return close < 0 ? text.length : close + 2;
  }
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '<') depth++;
    else if (c === '>' && --depth === 0) return i + 1;
  }
  return text.length;
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[0-9A-Za-z_]/.test(c);

/**
 * Scans `text` from `start`, splitting at top-level commas, and stops at the
 * first unbalanced `)` (the end of a syscall's argument list).
 */
export function scanArgs(text: string, start = 0): ScanResult {
  const parts: string[] = [];
  const stack: string[] = [];
  let pieceStart = start;
  let unterminated = false;
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const end = skipString(text, i);
      unterminated = end < 0;
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
      unterminated = close < 0;
      continue;
    }
    if (c === '<' && isWordChar(text[i - 1])) {
      i = skipAnnotation(text, i);
      unterminated = text[i - 1] !== '>';
      continue;
    }
    if (c === '[' || c === '{' || c === '(') stack.push(c);
    else if (c === ']' || c === '}') stack.pop();
    else if (c === ')') {
      if (stack.length === 0) {
        pushPiece(parts, text.slice(pieceStart, i));
        return { parts, end: i, balanced: true };
      }
      stack.pop();
    } else if (c === ',' && stack.length === 0) {
      parts.push(text.slice(pieceStart, i).trim());
      pieceStart = i + 1;
    }
    i++;
  }
  pushPiece(parts, text.slice(pieceStart));
  return { parts, end: -1, balanced: !unterminated && stack.length === 0 };
}

function pushPiece(parts: string[], piece: string): void {
  const trimmed = piece.trim();
  if (trimmed !== '') parts.push(trimmed);
}

/** Splits a whole text (no closing parenthesis expected) into top-level pieces. */
export function splitTopLevel(text: string): string[] {
  return scanArgs(text).parts;
}

/** Elements of `[a, b, ...]`; null if the token is not an array. */
export function parseArray(token: string): string[] | null {
  const text = token.trim();
  if (!text.startsWith('[') || !text.endsWith(']')) return null;
  return splitTopLevel(text.slice(1, -1));
}

export interface ParsedStruct {
  /** `name=value` members. */
  readonly fields: ReadonlyMap<string, string>;
  /** Members without a name, e.g. `inet_pton(AF_INET6, "::1", &sin6_addr)`. */
  readonly bare: readonly string[];
}

const FIELD = /^([A-Za-z_][A-Za-z0-9_.]*)=([\s\S]*)$/;

/** Members of `{a=1, b={...}, f(x)}`; null if the token is not a struct. */
export function parseStruct(token: string): ParsedStruct | null {
  const text = token.trim();
  if (!text.startsWith('{') || !text.endsWith('}')) return null;
  const fields = new Map<string, string>();
  const bare: string[] = [];
  for (const part of splitTopLevel(text.slice(1, -1))) {
    const match = FIELD.exec(part);
    if (match) fields.set(match[1]!, match[2]!.trim());
    else bare.push(part);
  }
  return { fields, bare };
}

/** Names in a `|`-joined flag set such as `O_WRONLY|O_CREAT|O_TRUNC`, from a token or a `flags=...` member. */
export function flagNames(text: string): string[] {
  const match = /(?:^|[{\s,])flags=([A-Za-z0-9_|]+)/.exec(text);
  const raw = match ? match[1]! : text.trim();
  return raw.split('|').map((name) => name.trim()).filter((name) => name !== '');
}
