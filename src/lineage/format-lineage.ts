import { columnKey, type ColumnLineage, type DatasetLineage } from '../model/lineage.js';
import { upstreamTree, type LineageTree } from './pipeline-lineage.js';

/**
 * The lines `medallion explain <pipeline> <dataset> --columns` prints: for each column, how it is
 * made, then each path from it down to bronze (`← silver.x.amount ← bronze.y.amount`), a hop
 * marked with its transform unless it is a plain copy; rows counted, previous versions read and
 * what the analysis could not follow are said in words.
 */
export function formatColumnLineage(lineage: readonly DatasetLineage[], dataset: string): string[] {
  const own = lineage.find((d) => d.dataset === dataset);
  if (!own) return [];
  const width = Math.max(...own.columns.map((c) => c.column.length));
  const lines = [`${dataset}: where each column comes from, down to bronze`];
  for (const column of own.columns) {
    const tree = upstreamTree(lineage, { dataset, column: column.column });
    const paths = tree.upstream.flatMap((t) => pathsOf(t));
    const notes = notesOf(column);
    lines.push(`  ${column.column.padEnd(width)}  ${column.transform}${column.transform === 'origin' ? ' (bronze)' : ''}`);
    for (const path of paths) lines.push(`  ${' '.repeat(width)}    ← ${path}`);
    for (const note of notes) lines.push(`  ${' '.repeat(width)}    ${note}`);
    // Upstream hops that could not be followed are said on the path that reaches them.
    for (const hop of unresolvedUpstream(tree)) lines.push(`  ${' '.repeat(width)}    ? ${hop}`);
  }
  return lines;
}

function notesOf(column: ColumnLineage): string[] {
  return [
    ...(column.rowsOf?.length ? [`counts the rows of ${column.rowsOf.join(' joined with ')}`] : []),
    ...(column.previous?.length ? [`↻ and the previous version of ${[...new Set(column.previous.map(columnKey))].join(', ')}`] : []),
    ...(column.unresolved ?? []).map((u) => `? not followed: ${u}`),
  ];
}

/** `silver.x.amount ← bronze.y.amount`, one string per path to an origin (or to where the walk stops). */
function pathsOf(tree: LineageTree): string[] {
  const marks = [
    ...(tree.lineage && tree.lineage.transform !== 'copy' && tree.lineage.transform !== 'origin' ? [tree.lineage.transform] : []),
    ...(tree.lineage?.previous?.length ? ['and its previous version'] : []),
  ];
  const hop = columnKey(tree.ref) + (marks.length ? ` (${marks.join(', ')})` : '');
  if (!tree.upstream.length) return [hop];
  return tree.upstream.flatMap((t) => pathsOf(t).map((rest) => `${hop} ← ${rest}`));
}

function unresolvedUpstream(tree: LineageTree): string[] {
  const out: string[] = [];
  const walk = (t: LineageTree): void => {
    for (const u of t.upstream) {
      for (const reason of u.lineage?.unresolved ?? []) out.push(`${columnKey(u.ref)}: ${reason}`);
      if (!u.lineage) out.push(`${columnKey(u.ref)}: no lineage of that column`);
      walk(u);
    }
  };
  walk(tree);
  return [...new Set(out)];
}
