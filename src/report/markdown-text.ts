/** Untrusted text in Markdown (pure): what a package did must not become links, images, HTML or formatting. */
const MAX_CHARS = 200;

function clip(text: string): string {
  const line = text.replace(/[\r\n]+/g, ' ');
  return line.length > MAX_CHARS ? `${line.slice(0, MAX_CHARS)}…` : line;
}

/** Plain text with the characters that make emphasis, links, images, HTML, tables or headings escaped. */
export function mdText(text: string): string {
  return clip(text).replace(/[\\`*_[\]<>#!|~&]/g, (char) => `\\${char}`);
}

/** A code span that holds any text (a fence longer than its longest run of backticks). */
export function mdCode(text: string): string {
  const line = clip(text);
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}
