import type { Column } from '../engines/engine.js';
import { cartesian, legend, num, text, type ChartSpec } from './chart-spec.js';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UBIGINT|UINTEGER|FLOAT|REAL|DOUBLE|DECIMAL.*|LONG|SHORT)$/i;
const TEMPORAL = /^(DATE|TIMESTAMP.*)$/i;
const TEXT = /^(VARCHAR|STRING|TEXT)$/i;
const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Charts for a gold dataset that declares none, from its column types: a date and measures give
 * lines over time; a category and a measure give bars of the largest categories. Key-like columns
 * (`*_id`) are not measures.
 */
export function inferCharts(dataset: string, columns: readonly Column[]): ChartSpec[] {
  const measures = columns.filter((c) => NUMERIC.test(c.type) && !/(^|_)id$/i.test(c.name));
  const date = columns.find((c) => TEMPORAL.test(c.type));
  const category = columns.find((c) => TEXT.test(c.type));
  if (!measures.length) return [];
  if (date) {
    const shown = measures.slice(0, 3);
    return [
      {
        title: `${shown.map((m) => m.name).join(', ')} by ${date.name}`,
        sql: (rel) =>
          `SELECT CAST(${q(date.name)} AS DATE)::VARCHAR AS x, ${shown.map((m, i) => `sum(${q(m.name)}) AS m${i}`).join(', ')}
           FROM ${rel(dataset)} GROUP BY 1 ORDER BY 1 LIMIT 400`,
        option: (rows) => ({
          ...cartesian(),
          xAxis: { ...(cartesian().xAxis as object), data: rows.map((r) => text(r, 'x')) },
          legend,
          series: shown.map((m, i) => ({ type: 'line', name: m.name, data: rows.map((r) => num(r, `m${i}`)), showSymbol: false })),
        }),
      },
    ];
  }
  if (category) {
    const measure = measures[0]!;
    return [
      {
        title: `${measure.name} by ${category.name}`,
        subtitle: 'the 15 largest',
        sql: (rel) =>
          `SELECT CAST(${q(category.name)} AS VARCHAR) AS label, sum(${q(measure.name)}) AS value FROM ${rel(dataset)}
           GROUP BY 1 ORDER BY value DESC NULLS LAST, label LIMIT 15`,
        option: (rows) => {
          const base = cartesian(true);
          return {
            ...base,
            yAxis: { ...(base.yAxis as object), data: rows.map((r) => text(r, 'label')) },
            series: [{ type: 'bar', name: measure.name, data: rows.map((r) => num(r, 'value')), barMaxWidth: 18 }],
          };
        },
        height: 320,
      },
    ];
  }
  return [];
}
