import type { Engine } from '../engines/engine.js';
import { asOfTimestamp } from '../generate/sql.js';
import type { PipelineConfig } from '../model/config.js';
import type { Dataset, DatasetContext } from '../model/dataset.js';
import type { Pipeline } from '../model/pipeline.js';
import type { Column } from '../model/values.js';
import { pipelineGraph } from '../run/graph.js';
import { chooseWriteStrategies } from '../run/incremental/choose-write-strategy.js';
import { windowedPipeline } from '../run/incremental/windowed-datasets.js';
import { checkingDialect, standIn } from './stand-in.js';

type C = PipelineConfig;

/** What the graph says of one dataset, without reading data: the columns its SQL returns and those it writes. */
export interface DerivedSchema {
  readonly dataset: Dataset<C>;
  readonly inputs: readonly string[];
  /** The context its SQL and expectations were rendered with: inputs are relations of their derived schemas, without rows. */
  readonly ctx: DatasetContext<C>;
  /** The columns its SQL returns (its candidate rows), by the engine's analysis; undefined when it does not bind. */
  readonly returned?: readonly Column[];
  /** The columns it writes: its declared columns, typed by what the SQL returns (the ones it returns). */
  readonly written?: readonly Column[];
  /** Why the SQL did not bind (the engine's error, or a `UserError` of the SQL builder). */
  readonly error?: unknown;
  /** An input that did not bind either: this one could not be checked. */
  readonly blockedBy?: string;
}

/** The columns a dataset writes (or, for a bronze source, those its rows have). */
export function columnsOf(schema: DerivedSchema): readonly Column[] {
  return schema.written ?? schema.returned ?? [];
}

/**
 * Each dataset's schemas, in build order, derived through the graph: bronze sources from their
 * contracts (their readers of files and generated ids are relations without rows), every other
 * dataset by binding its SQL against relations of its inputs' derived schemas. The engine only
 * analyses statements (DuckDB's DESCRIBE, Spark's AnalyzePlan): no job runs, no file is read.
 * The pipeline is the one a run with `config` builds (over its window of days, if it has one), as a
 * first run builds it: `previous()` reads nothing.
 */
export async function deriveSchemas(pipeline: Pipeline<C>, config: C, engine: Pick<Engine, 'dialect' | 'describe'>): Promise<Map<string, DerivedSchema>> {
  // As a first run builds it: nothing is published, so nothing merges.
  const windowed = windowedPipeline(pipeline, config, chooseWriteStrategies(pipeline, config, () => false));
  const graph = pipelineGraph(windowed.name, windowed.datasets, engine.dialect, config);
  // Each dataset waits for its inputs only: datasets that do not read each other are bound at
  // once, as many as the engine runs side by side (on Spark each bind is a round trip).
  const deriving = new Map<string, Promise<DerivedSchema>>();
  for (const { dataset, inputs } of graph) {
    const inputsDerived = Promise.all(inputs.map((input) => deriving.get(input)));
    deriving.set(dataset.name, inputsDerived.then((schemas) => deriveOne(dataset, inputs, schemas, config, engine)));
  }
  const derived = new Map<string, DerivedSchema>();
  for (const { dataset } of graph) derived.set(dataset.name, await deriving.get(dataset.name)!);
  return derived;
}

async function deriveOne(
  dataset: Dataset<C>,
  inputs: readonly string[],
  inputSchemas: ReadonlyArray<DerivedSchema | undefined>,
  config: C,
  engine: Pick<Engine, 'dialect' | 'describe'>,
): Promise<DerivedSchema> {
  const dialect = checkingDialect(engine.dialect, dataset.source?.requiredColumns ?? []);
  const writtenOf = new Map(inputs.map((input, i) => [input, inputSchemas[i]?.written]));
  const blockedBy = inputs.find((input) => !writtenOf.get(input));
  const ctx: DatasetContext<C> = {
    dialect,
    config,
    ingestedAt: asOfTimestamp(dialect, config.asOf),
    ref: (name) => standIn(dialect, writtenOf.get(name) ?? []),
    previous: () => undefined,
    previousAsOf: () => undefined,
    runId: 'check',
  };
  if (blockedBy) return { dataset, inputs, ctx, blockedBy };
  try {
    const returned = await engine.describe(dataset.sql(ctx));
    const byName = new Map(returned.map((c) => [c.name, c]));
    const declared = Object.keys(dataset.columns);
    const written = declared.every((c) => byName.has(c)) ? declared.map((c) => byName.get(c)!) : undefined;
    return { dataset, inputs, ctx, returned, ...(written ? { written } : {}) };
  } catch (error) {
    return { dataset, inputs, ctx, error };
  }
}
