/** The longest piece of a user's input a message quotes. */
const EXCERPT_CHARS = 60;

/**
 * A user's text as a message quotes it: in JSON quotes (so control characters and line breaks
 * show as escapes) and cut to a short excerpt, so that a message stays one readable line
 * whatever the input holds (a file without line ends would otherwise be pasted whole).
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  if (text.length <= max) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, max))}… (${(text.length - max).toLocaleString('en-US')} more characters)`;
}

/** `text` cut to `max` characters, saying how much was left out (for lists we print, not quote). */
export function shortened(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${(text.length - max).toLocaleString('en-US')} more characters)`;
}
