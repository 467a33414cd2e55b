/** What fits: the width of each shown column (cell text, without padding) and how many columns are left out. */
export interface TableLayout {
  readonly widths: readonly number[];
  readonly hidden: number;
}

/** A long value (an email, a raw JSON line) is cut to this width, so that it leaves room for the next columns. */
const WIDEST = 24;
const NARROWEST = 4;
/** A cell's padding (one space each side) and its left border. */
const CELL_CHROME = 3;

/**
 * Column widths for a table of `natural` widths within `budget` characters: long values are cut
 * first (with an ellipsis), then the columns that still do not fit are left out from the right,
 * and room left over goes back to the columns that were cut.
 */
export function fitColumns(natural: readonly number[], budget: number | undefined): TableLayout {
  if (budget === undefined) return { widths: natural, hidden: 0 };
  const total = (widths: readonly number[]) => widths.reduce((sum, w) => sum + w + CELL_CHROME, 1);
  const widths = natural.map((w) => Math.min(w, WIDEST));
  while (widths.length > 1 && total(widths) > budget) widths.pop();
  // One column wider than the terminal: cut it to what is left.
  if (total(widths) > budget) widths[0] = Math.max(NARROWEST, budget - CELL_CHROME - 1);
  for (let i = 0; i < widths.length; i++) widths[i]! += Math.max(0, Math.min(natural[i]! - widths[i]!, budget - total(widths)));
  return { widths, hidden: natural.length - widths.length };
}

/** Cuts `text` to `width` characters, marking the cut. */
export function truncateCell(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** The width a table printed to `stream` may take: the terminal's, or $COLUMNS when set; unlimited otherwise. */
export function outputWidth(stream: NodeJS.WriteStream): number | undefined {
  if (stream.isTTY && stream.columns) return stream.columns;
  const columns = Number(process.env['COLUMNS']);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}
