import type { DateWindow } from '../../model/date-window.js';
import type { PipelineConfig } from '../../model/config.js';
import type { Dataset, DatasetContext } from '../../model/dataset.js';
import { layerOf } from '../../model/dataset.js';
import type { Expectation } from '../../model/expectation.js';
import { incrementalMode, type IncrementalMode, type MergeSpec } from '../../model/incremental.js';
import type { Pipeline } from '../../model/pipeline.js';
import type { WriteStrategies } from './choose-write-strategy.js';

type C = PipelineConfig;

/** How each dataset of a pipeline is rebuilt by a run over a window of days. */
export function modeOf(dataset: Pick<Dataset<C>, 'partitionBy' | 'incremental'>): IncrementalMode {
  return dataset.partitionBy ? 'daily' : incrementalMode(dataset.incremental);
}

/** The datasets of a pipeline that are partitioned by day, with their column. */
export function partitionColumns(pipeline: { readonly datasets: ReadonlyArray<{ readonly name: string; readonly partitionBy?: string }> }): ReadonlyMap<string, string> {
  return new Map(pipeline.datasets.flatMap((d) => (d.partitionBy ? [[d.name, d.partitionBy] as const] : [])));
}

/** True when the pipeline declares a partition column, so that it can run over a window of days. */
export function isPartitioned(pipeline: { readonly datasets: ReadonlyArray<{ readonly name: string; readonly partitionBy?: string }> }): boolean {
  return partitionColumns(pipeline).size > 0;
}

/** A SQL list of the window's days as DATE values, for `IN (…)`. */
export function dayList(window: Pick<DateWindow, 'days'>): string {
  return window.days.map((day) => `CAST('${day}' AS DATE)`).join(', ');
}

/**
 * The pipeline as a run over `config.window` builds it, by each dataset's write strategy (chosen
 * once, in `choose-write-strategy.ts`). Without a window it is the pipeline itself. With one:
 *
 * - `replace-days`: the dataset computes only the window's days: the partitioned datasets it reads
 *   are read for those days only (in its SQL and in its expectations), and rows of other days are
 *   left out (rows without a day go on to its expectations, which set them aside); a partitioned
 *   bronze source is computed once per day of the window with a config for that one day, and
 *   tagged with its day when it does not carry the column itself;
 * - `merge-sums`: the dataset is its previous version plus the window's new partial sums minus the
 *   partial sums those days held before;
 * - `overwrite`: recomputed from its inputs as they are after the run.
 *
 * Which days' files a daily dataset keeps is the table format's part, by the same strategy.
 */
export function windowedPipeline(pipeline: Pipeline<C>, config: C, strategies: WriteStrategies): Pipeline<C> {
  const window = config.window;
  if (!window) return pipeline;
  const partitioned = partitionColumns(pipeline);
  const datasets = pipeline.datasets.map((d) => windowedDataset(d, window, partitioned, strategies));
  return Object.freeze({ ...pipeline, datasets });
}

function windowedDataset(dataset: Dataset<C>, window: DateWindow, partitioned: ReadonlyMap<string, string>, strategies: WriteStrategies): Dataset<C> {
  const strategy = strategies.get(dataset.name);
  if (strategy?.kind === 'replace-days') return dailyDataset(dataset, window, partitioned);
  if (strategy?.kind === 'merge-sums') return mergeDataset(dataset, strategy.merge, window, partitioned);
  return dataset;
}

/** `ctx` reading the partitioned datasets for the window's days only. */
function windowedContext(ctx: DatasetContext<C>, window: DateWindow, partitioned: ReadonlyMap<string, string>, read: (name: string) => string | undefined = ctx.ref): DatasetContext<C> {
  const days = dayList(window);
  return {
    ...ctx,
    ref: (name) => {
      const column = partitioned.get(name);
      const relation = read(name) ?? ctx.ref(name);
      return column ? `(SELECT * FROM ${relation} AS w WHERE ${ctx.dialect.identifier(column)} IN (${days}))` : relation;
    },
  };
}

/** Every function of an expectation given the windowed context in place of the run's. */
function windowedExpectation(e: Expectation<C>, windowed: (ctx: DatasetContext<C>) => DatasetContext<C>): Expectation<C> {
  if (e.scope === 'row') {
    return {
      ...e,
      passes: (ctx) => e.passes(windowed(ctx)),
      ...(e.reason ? { reason: (ctx: DatasetContext<C>) => e.reason!(windowed(ctx)) } : {}),
    };
  }
  return {
    ...e,
    measure: (ctx, relation) => e.measure(windowed(ctx), relation),
    ...(e.aggregate ? { aggregate: (ctx: DatasetContext<C>) => e.aggregate!(windowed(ctx)) } : {}),
    ...(e.examples ? { examples: (ctx: DatasetContext<C>, relation: string) => e.examples!(windowed(ctx), relation) } : {}),
  };
}

function dailyDataset(dataset: Dataset<C>, window: DateWindow, partitioned: ReadonlyMap<string, string>): Dataset<C> {
  const column = dataset.partitionBy!;
  const tagged = !(column in dataset.columns);
  const windowed = (ctx: DatasetContext<C>) => windowedContext(ctx, window, partitioned);
  const perDay = layerOf(dataset.name) === 'bronze';
  return Object.freeze({
    ...dataset,
    columns: tagged ? { ...dataset.columns, [column]: 'Day the rows were ingested for (the partition).' } : dataset.columns,
    keep: [
      ...(dataset.keep ?? []),
      { name: 'within_run_window', condition: `${column} IS NULL OR ${column} IN (${dayList(window)})` },
    ],
    expect: (dataset.expect ?? []).map((e) => windowedExpectation(e, windowed)),
    sql: (ctx: DatasetContext<C>) => {
      if (!perDay) return dataset.sql(windowed(ctx));
      // A source makes its rows one day at a time, as a run of that one day would.
      return window.days
        .map((day) => {
          const dayCtx = windowed({ ...ctx, config: ctx.config.withWindow({ days: [day], fullRefresh: window.fullRefresh }) });
          const tag = tagged ? `, CAST('${day}' AS DATE) AS ${ctx.dialect.identifier(column)}` : '';
          return `SELECT *${tag} FROM (${dataset.sql(dayCtx)}) AS day_rows`;
        })
        .join('\nUNION ALL\n');
    },
  });
}

/** The merged sums of a dataset that has a previous version, as have the partitioned datasets it reads (the strategy's condition). */
function mergeDataset(dataset: Dataset<C>, spec: MergeSpec, window: DateWindow, partitioned: ReadonlyMap<string, string>): Dataset<C> {
  return Object.freeze({
    ...dataset,
    sql: (ctx: DatasetContext<C>) => {
      const before = ctx.previous(dataset.name);
      if (!before) throw new Error(`${dataset.name}: merging its sums needs its previous version, which the run's paths do not have`);
      const d = ctx.dialect;
      const keys = spec.keys.map(d.identifier);
      const sums = spec.sums.map(d.identifier);
      // What the window's days held before this run is the same SQL over the previous versions.
      const added = dataset.sql(windowedContext(ctx, window, partitioned));
      const taken = dataset.sql(windowedContext(ctx, window, partitioned, (name) => ctx.previous(name)));
      const part = (relation: string, sign: '' | '-') => `SELECT ${[...keys, ...sums.map((s) => `${sign}${s} AS ${s}`)].join(', ')} FROM ${relation}`;
      return `
SELECT ${[...keys, ...sums.map((s) => `CAST(sum(${s}) AS BIGINT) AS ${s}`)].join(', ')}
FROM (
  ${part(`${before} AS before_run`, '')}
  UNION ALL
  ${part(`(${added}) AS added`, '')}
  UNION ALL
  ${part(`(${taken}) AS taken`, '-')}
) AS partial_sums
GROUP BY ${keys.join(', ')}
HAVING sum(${sums[0]}) <> 0${spec.orderBy ? `\nORDER BY ${spec.orderBy}` : ''}`;
    },
  });
}
