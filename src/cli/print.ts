import { terminalText, visible } from '../observe/terminal-text.js';

/**
 * Everything a command prints on stdout goes through here, so that no value of the data, no
 * run id or name read from a data dir, reaches the terminal with its control characters.
 */
export function printOut(text: string): void {
  process.stdout.write(terminalText(text));
}

export interface TableOptions {
  colWidths?: Array<number | null>;
  wordWrap?: boolean;
}

/** A table without row separators, as the commands print them; every cell, the heads included, escaped. */
export async function renderTable(head: readonly string[], rows: ReadonlyArray<readonly string[]>, options: TableOptions = {}): Promise<string> {
  const { default: Table } = await import('cli-table3');
  const table = new Table({
    head: head.map(visible),
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    ...options,
  });
  // Cells may be laid out on several lines on purpose (wrapped examples): keep those line ends.
  for (const row of rows) table.push(row.map((cell) => cell.split('\n').map(visible).join('\n')));
  return table.toString();
}
