/** The styles the console uses; each is an SGR code pair (on, off). */
const STYLES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
} as const;

export type Style = keyof typeof STYLES;

/** `text` in `style` when `enabled`, else `text` unchanged: a piped log holds no escape codes. */
export function paint(enabled: boolean, style: Style, text: string): string {
  if (!enabled) return text;
  const [on, off] = STYLES[style];
  return `\u001b[${on}m${text}\u001b[${off}m`;
}

/**
 * Whether to colour what goes to `stream`: `FORCE_COLOR` set (and not `0` or `false`) colours
 * even a pipe; otherwise `NO_COLOR` with any non-empty value (https://no-color.org) turns colour
 * off; otherwise a terminal gets colour, unless it says it is dumb.
 */
export function colourFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env['NO_COLOR']) return false;
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

/** `text` without colour codes, e.g. to measure what a terminal shows. */
export function withoutColour(text: string): string {
  return text.replace(/\u001b\[\d+m/g, '');
}
