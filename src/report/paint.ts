/** Terminal colours for the text reports (only when asked: a terminal without NO_COLOR). */
const COLORS = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1 } as const;
export type Color = keyof typeof COLORS;
export type Paint = (color: Color, text: string) => string;

export function painter(enabled: boolean): Paint {
  return (color, text) => (enabled ? `\u001b[${COLORS[color]}m${text}\u001b[0m` : text);
}

/** Green pass, yellow warn, red fail and error. */
export function verdictColor(verdict: string): Color {
  return verdict === 'pass' ? 'green' : verdict === 'warn' ? 'yellow' : 'red';
}
