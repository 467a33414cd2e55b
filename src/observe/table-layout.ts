/** What fits: the width of each shown column (cell text, without padding) and how many columns are left out. */
export interface TableLayout {
  readonly widths: readonly number[];
  readonly hidden: number;
}

const NARROWEST = 6;
/** A cell's padding (one space each side) and its left border. */
const CELL_CHROME = 3;

/**
 * Column widths for a table of `natural` widths within `budget` characters: the widest columns
 * give up room first (their cells are cut with an ellipsis), down to a readable minimum; columns
 * that still do not fit are left out from the right.
 */
export function fitColumns(natural: readonly number[], budget: number | undefined): TableLayout {
  if (budget === undefined) return { widths: natural, hidden: 0 };
  const total = (widths: readonly number[]) => widths.reduce((sum, w) => sum + w + CELL_CHROME, 1);
  let shown = natural.length;
  while (shown > 1 && total(natural.slice(0, shown).map((w) => Math.min(w, NARROWEST))) > budget) shown--;
  const widths = natural.slice(0, shown);
  while (total(widths) > budget) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= NARROWEST) break;
    widths[widest]!--;
  }
  return { widths, hidden: natural.length - shown };
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
