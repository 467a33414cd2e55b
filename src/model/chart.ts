import type { EChartsOption } from 'echarts';
import type { Row } from './values.js';

/**
 * A chart of a gold dataset in the report: the SQL that shapes its data (reading any dataset of the
 * pipeline through `rel`, e.g. `rel('silver.cleaned_events')`; run on DuckDB) and the ECharts option
 * drawn from the rows.
 */
export interface ChartSpec {
  readonly title: string;
  readonly subtitle?: string;
  readonly sql: (rel: (dataset: string) => string) => string;
  readonly option: (rows: readonly Row[]) => EChartsOption;
  /** Pixel height at the report's chart width (560); the SVG scales with the page. */
  readonly height?: number;
}

/** A pipeline's charts, by gold dataset. */
export type ChartsByDataset = Readonly<Record<string, readonly ChartSpec[]>>;
