import type { Engine } from '../engines/engine.js';
import { errorMessage, UserError } from '../model/errors.js';
import { openDatasetStore } from '../storage/open-dataset-store.js';
import type { ChartSpec, ChartsByDataset } from '../model/chart.js';
import { renderChartSvg } from './chart-svg.js';
import { inferCharts } from './inferred-charts.js';
import { forNarrow } from './narrow-chart.js';
import type { SafeHtml } from './html.js';
import type { PipelineReport } from './pipeline-report.js';

/** Charts are drawn at this width; the SVG scales to the card. */
export const CHART_WIDTH = 560;

/**
 * And once more at a phone's card width (a 390 px screen leaves about 344 px): scaled down from
 * 560, 12 px text would be 7 px there. Laid out again, rather than scaled, it keeps its size.
 */
export const NARROW_CHART_WIDTH = 340;

export interface RenderedChart {
  readonly dataset: string;
  readonly title: string;
  readonly subtitle?: string;
  /** The chart, or why it could not be drawn (a dataset rolled back to an older schema, say). */
  readonly svg?: SafeHtml;
  /** The same chart laid out for a phone's width. */
  readonly narrowSvg?: SafeHtml;
  readonly problem?: string;
}

/** The charts a pipeline declares for its gold datasets, by the pipeline's name; undefined when it declares none. */
export type DeclaredCharts = (pipeline: string) => ChartsByDataset | undefined;

/**
 * The charts of every built gold dataset: its pipeline's own, or ones chosen by its column types.
 * A chart reads each dataset through its current snapshot, as the store gives it.
 */
export async function renderGoldCharts(report: PipelineReport, reader: Engine, declared: DeclaredCharts): Promise<RenderedChart[]> {
  const store = openDatasetStore(report.dataDir);
  const relations = new Map<string, string>();
  for (const d of report.datasets) if (store.isBuilt(d.name)) relations.set(d.name, await store.relation(d.name, reader.dialect));
  const rel = (name: string) => {
    const relation = relations.get(name);
    if (relation === undefined) throw new UserError(`${name} is not built in ${report.dataDir}`);
    return relation;
  };
  const charts: RenderedChart[] = [];
  for (const d of report.datasets) {
    if (d.layer !== 'gold' || !d.latest) continue;
    const specs: readonly ChartSpec[] = declared(report.pipeline)?.[d.name] ?? inferCharts(d.name, d.latest.columns);
    for (const spec of specs) {
      const base = { dataset: d.name, title: spec.title, ...(spec.subtitle ? { subtitle: spec.subtitle } : {}) };
      try {
        const rows = await reader.query(spec.sql(rel));
        const height = spec.height ?? 300;
        charts.push({ ...base, svg: renderChartSvg(spec.option(rows), CHART_WIDTH, height), narrowSvg: renderChartSvg(forNarrow(spec.option(rows), NARROW_CHART_WIDTH), NARROW_CHART_WIDTH, height) });
      } catch (error) {
        charts.push({ ...base, problem: errorMessage(error).split('\n')[0]! });
      }
    }
  }
  return charts;
}
