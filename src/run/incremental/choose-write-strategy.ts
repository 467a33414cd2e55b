import type { PipelineConfig } from '../../model/config.js';
import type { Dataset } from '../../model/dataset.js';
import type { Pipeline } from '../../model/pipeline.js';
import { OVERWRITE, type WriteStrategy } from '../../storage/write-strategy.js';
import { modeOf, partitionColumns } from './windowed-datasets.js';

type C = PipelineConfig;

/** The write strategy of each dataset, by name. */
export type WriteStrategies = ReadonlyMap<string, WriteStrategy>;

/**
 * The one place a run decides how each dataset's new version is made (see `WriteStrategy`): the
 * plan asks once, the windowed SQL, the write, the executor and the table format all follow it.
 *
 * Without a window of days every dataset is overwritten. Over a window, a daily dataset replaces
 * the window's days (every day on a full refresh); a merge dataset merges its sums when it and
 * every partitioned dataset have a published version to take the window's old sums from, and is
 * recomputed whole otherwise (a first run, a refresh); any other dataset is overwritten.
 */
export function chooseWriteStrategies(pipeline: Pipeline<C>, config: C, isPublished: (dataset: string) => boolean): WriteStrategies {
  const partitioned = [...partitionColumns(pipeline).keys()];
  return new Map(pipeline.datasets.map((d) => [d.name, strategyOf(d, config, () => isPublished(d.name) && partitioned.every(isPublished))]));
}

function strategyOf(dataset: Dataset<C>, config: C, hasSumsBefore: () => boolean): WriteStrategy {
  const window = config.window;
  if (!window) return OVERWRITE;
  switch (modeOf(dataset)) {
    case 'daily':
      return Object.freeze({ kind: 'replace-days', column: dataset.partitionBy!, days: window.days, keepOtherDays: !window.fullRefresh });
    case 'merge':
      if (window.fullRefresh || typeof dataset.incremental !== 'object' || !hasSumsBefore()) return OVERWRITE;
      return Object.freeze({ kind: 'merge-sums', merge: dataset.incremental.merge });
    case 'full':
      return OVERWRITE;
  }
}
