/**
 * Text from data, names and files on its way to a terminal. Control characters (ESC, BEL, C1
 * codes: what clears a screen, retitles a window or writes a clipboard) become escapes, so that
 * what a command prints is text on any terminal, never an instruction to it.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROL_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const escaped = (c: string) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** One value (a cell, a name): every control character escaped, line ends included. */
export function visible(text: string): string {
  return text.replace(CONTROL, escaped);
}

/** Whole output: every control character escaped but the line ends and tabs that lay it out. */
export function terminalText(text: string): string {
  return text.replace(CONTROL_BUT_LAYOUT, escaped);
}
