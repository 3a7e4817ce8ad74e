/** A unified diff of two texts (pure), for `--dry-run`: the longest common subsequence of lines, three lines of context. */

const CONTEXT = 3;

type Line = { readonly kind: ' ' | '-' | '+'; readonly text: string; readonly a: number; readonly b: number };

function lineDiff(a: readonly string[], b: readonly string[]): Line[] {
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const lines: Line[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) lines.push({ kind: ' ', text: a[i]!, a: i++, b: j++ });
    else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) lines.push({ kind: '-', text: a[i]!, a: i++, b: j });
    else lines.push({ kind: '+', text: b[j]!, a: i, b: j++ });
  }
  return lines;
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

/** Empty when the texts are the same. */
export function unifiedDiff(before: string, after: string, file: string): string {
  const lines = lineDiff(splitLines(before), splitLines(after));
  const changed = lines.flatMap((line, index) => (line.kind === ' ' ? [] : [index]));
  if (changed.length === 0) return '';
  const out = [`--- a/${file}`, `+++ b/${file}`];
  let start = 0;
  while (start < changed.length) {
    let end = start;
    while (end + 1 < changed.length && changed[end + 1]! - changed[end]! <= 2 * CONTEXT) end += 1;
    const from = Math.max(0, changed[start]! - CONTEXT);
    const to = Math.min(lines.length - 1, changed[end]! + CONTEXT);
    const hunk = lines.slice(from, to + 1);
    const aCount = hunk.filter((line) => line.kind !== '+').length;
    const bCount = hunk.filter((line) => line.kind !== '-').length;
    out.push(`@@ -${hunk[0]!.a + (aCount > 0 ? 1 : 0)},${aCount} +${hunk[0]!.b + (bCount > 0 ? 1 : 0)},${bCount} @@`);
    out.push(...hunk.map((line) => `${line.kind}${line.text}`));
    start = end + 1;
  }
  return `${out.join('\n')}\n`;
}
