import type { Dialect } from '../../dialect/dialect.js';
import type { PipelineConfig } from '../../model/config.js';
import type { Dataset } from '../../model/dataset.js';
import type { Row } from '../../model/values.js';
import type { PartitionFacts } from '../../storage/dataset-store.js';
import type { Statement } from '../plan.js';
import { dayList, modeOf } from './windowed-datasets.js';

/** What a run over a window of days does besides writing a daily dataset's rows of those days. */
export interface PartitionStep {
  readonly column: string;
  /** The days whose partitions this run replaces; every partition on a full refresh. */
  readonly replaced: readonly string[] | 'all';
  /** Rows written per day, sent right after the write. */
  readonly rows: Statement;
  /**
   * The rows this run wrote, read from the staged version (which also holds the days it keeps):
   * what the profile describes, so that a day's run profiles a day, not the whole history.
   */
  readonly written: string;
}

/** The partition step of a daily dataset in a run over a window of days; undefined otherwise. */
export function partitionStep(dataset: Dataset<PipelineConfig>, config: PipelineConfig, dialect: Dialect, stagedRelation: string): PartitionStep | undefined {
  const window = config.window;
  if (!window || modeOf(dataset) !== 'daily') return undefined;
  const column = dialect.identifier(dataset.partitionBy!);
  return {
    written: `(SELECT * FROM ${stagedRelation} AS w WHERE ${column} IN (${dayList(window)}))`,
    column: dataset.partitionBy!,
    replaced: window.fullRefresh ? 'all' : window.days,
    rows: {
      kind: 'query',
      sql: `SELECT CAST(${column} AS ${dialect.textType}) AS day, count(*) AS n FROM ${stagedRelation} AS d GROUP BY ${column}`,
      purpose: 'rows per day written',
    },
  };
}

/** The partition column a write puts in directories (`<column>=YYYY-MM-DD/`), for a daily dataset of a run over a window of days. */
export function partitionWrite(dataset: Dataset<PipelineConfig>, config: PipelineConfig): { partitionBy?: string } {
  return config.window && modeOf(dataset) === 'daily' ? { partitionBy: dataset.partitionBy! } : {};
}

/** What the store needs to publish the day partitions written, from the rows-per-day result. */
export function partitionFacts(step: PartitionStep, counted: readonly Row[]): PartitionFacts {
  const rows: Record<string, number> = {};
  for (const r of counted) rows[String(r['day'])] = Number(r['n']);
  return { column: step.column, rows, replaced: step.replaced };
}
