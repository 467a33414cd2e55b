import type { DatasetContext } from '../../model/dataset.js';
import type { TableExpectation } from '../../model/expectation.js';

/**
 * `column` never decreases from one row to the next of the same `partition`, in `orderBy` order:
 * what a running total of non-negative amounts promises. Checked once on the written rows, with
 * the window that reads each row's predecessor; it can only fail (a running total that goes down
 * is a wrong frame or a wrong order, not a bad row).
 */
export function nonDecreasingWithin<C>(column: string, partition: readonly string[], orderBy: readonly string[]): TableExpectation<C> {
  const ids = (ctx: DatasetContext<C>, cols: readonly string[]) => cols.map((c) => ctx.dialect.identifier(c)).join(', ');
  const ordered = (ctx: DatasetContext<C>, relation: string) => `
  SELECT ${ids(ctx, [...partition, ...orderBy, column])},
         lag(${ctx.dialect.identifier(column)}) OVER (PARTITION BY ${ids(ctx, partition)} ORDER BY ${ids(ctx, orderBy)}) AS previous_value
  FROM ${relation} AS r`;
  return Object.freeze({
    scope: 'table' as const,
    kind: 'custom' as const,
    name: `non_decreasing(${column} within ${partition.join(', ')})`,
    action: 'fail' as const,
    description: `${column} never decreases within a ${partition.join(', ')}, ordered by ${orderBy.join(', ')}`,
    columns: [...partition, column],
    measure: (ctx: DatasetContext<C>, relation: string) => `
SELECT count(CASE WHEN ${ctx.dialect.identifier(column)} < previous_value THEN 1 END) AS failures, count(*) AS checked,
       CAST(NULL AS ${ctx.dialect.textType}) AS observed
FROM (${ordered(ctx, relation)}) AS ordered`,
    examples: (ctx: DatasetContext<C>, relation: string) => `
SELECT * FROM (${ordered(ctx, relation)}) AS ordered WHERE ${ctx.dialect.identifier(column)} < previous_value LIMIT 3`,
  });
}
