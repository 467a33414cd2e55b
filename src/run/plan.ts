import type { Dialect } from '../dialect/dialect.js';
import { asOfTimestamp } from '../generate/sql.js';
import type { PipelineConfig } from '../model/config.js';
import type { Dataset, DatasetContext } from '../model/dataset.js';
import type { TableExpectation } from '../model/expectation.js';
import type { Pipeline } from '../model/pipeline.js';
import { RowChecks } from '../quality/checks.js';
import { profileStatement, tableCheckSql, topValuesSelect, type TableCheckSql } from '../quality/profile.js';
import type { RunPaths } from '../storage/dataset-store.js';
import { partitionColumnOf, type WriteStrategy } from '../storage/write-strategy.js';
import { pipelineGraph, selectDatasets } from './graph.js';
import { chooseWriteStrategies } from './incremental/choose-write-strategy.js';
import { partitionStep, type PartitionStep } from './incremental/partition-step.js';
import { windowedPipeline } from './incremental/windowed-datasets.js';

/** One statement the engine receives: a query, a statement, a write of a query's rows, or a describe. */
export interface Statement {
  readonly kind: 'execute' | 'query' | 'write' | 'describe';
  /** The SQL; for a write, the query whose rows are written. */
  readonly sql: string;
  /** For a write, the directory written, or the one file written when a dataset is written in parts. */
  readonly target?: string;
  /** What it is for, e.g. `counts`, `write`, `examples of not_null(customer_id)`. */
  readonly purpose: string;
  /** When present, the statement is sent only when this holds at run time (it depends on results). */
  readonly when?: string;
  /** For a write by `replace-days`: the column whose values name directories. */
  readonly partitionBy?: string;
  /**
   * For a write whose row count the run does not take from the write (the profile's scan of the
   * written files counts them, or nothing needs the count): an engine for which counting a write
   * is a statement of its own may leave it out.
   */
  readonly uncounted?: true;
}

/** What a row expectation may send besides the dataset's own statements. */
export interface RowExpectationStatements {
  /** A few failing rows, sent when it has failures (absent for a check that cannot fail). */
  readonly examples?: Statement;
  /** For `fail`: every failing row, written to quarantine when it trips. */
  readonly failingRows?: Statement;
  /** For drop and quarantine: a few of the rows it would remove, when it would remove so many that the run stops. */
  readonly stopExamples?: Statement;
}

export interface TableExpectationStatements {
  readonly expectation: TableExpectation<PipelineConfig>;
  /** How it rides in the profile's statement (see `profileStatement`). */
  readonly sql: TableCheckSql;
  readonly examples?: Statement;
}

/** Everything a run sends to build one dataset, in the order it sends it. */
export interface DatasetStep {
  readonly dataset: Dataset<PipelineConfig>;
  readonly inputs: readonly string[];
  readonly checks: RowChecks<PipelineConfig>;
  readonly paths: { readonly staged: string; readonly target: string; readonly quarantineStaged: string; readonly quarantine: string };
  /** How its new version is made from what it writes and the version before it; the table format carries it out. */
  readonly strategy: WriteStrategy;
  /** Candidate rows per keep rule and removing expectation, before writing. */
  readonly counts?: Statement;
  /** The write: one statement, or one per part of a large row-wise dataset (sent side by side). */
  readonly writes: readonly Statement[];
  /**
   * The same writes without the drop and quarantine conditions, sent instead when the counts show
   * that they remove no row: the rows are the same, and a condition such as a reference check
   * (a join per part) is not evaluated again.
   */
  readonly writesKeptOnly?: readonly Statement[];
  /** For `replace-days`: the rows per day it wrote, and the relation of its days' rows. */
  readonly partitions?: PartitionStep;
  /** The quarantined rows, written part by part like the dataset. */
  readonly quarantines: readonly Statement[];
  /**
   * An empty quarantine with the quarantine's columns, written instead of `quarantines` when the
   * counts show no row to quarantine: the parts would each read their rows again to find none.
   */
  readonly emptyQuarantine?: Statement;
  readonly rowExpectations: readonly RowExpectationStatements[];
  readonly tableExpectations: readonly TableExpectationStatements[];
  readonly describe: Statement;
  /**
   * The profile of the written rows, with the warn and fail row checks made on them (one scan):
   * the range is read only of the columns that the written schema shows to be numbers or dates.
   */
  readonly profile: { readonly columns: readonly string[]; statement(ranged: readonly string[]): Statement };
  /**
   * The top values of the columns that turn out to be text with few distinct values (the profile
   * tells which): one statement for those of `candidates` chosen at run time.
   */
  readonly topValues: { readonly candidates: readonly string[]; statement(columns: readonly string[]): Statement };
}

/** A run's plan: statements first sent once, then one step per dataset, inputs before readers. */
export interface RunPlan {
  readonly pipeline: Pipeline<PipelineConfig>;
  readonly config: PipelineConfig;
  readonly runId: string;
  readonly setup: readonly Statement[];
  readonly steps: readonly DatasetStep[];
  /** Every dataset of the pipeline, in build order, with its inputs (selected or not). */
  readonly graph: ReadonlyArray<{ readonly name: string; readonly inputs: readonly string[] }>;
}

export interface PlanInput {
  readonly pipeline: Pipeline<PipelineConfig>;
  readonly config: PipelineConfig;
  readonly dialect: Dialect;
  readonly paths: RunPaths;
  /** dbt-style selectors; every dataset when empty. */
  readonly select?: readonly string[];
  /** Recorded in quarantined rows. */
  readonly runId: string;
  /** The instant real inputs are received at (generated sources are received at the as-of date). */
  readonly startedAt: Date;
}

/**
 * The run as data: a pure function of the pipeline, its config, the selection, the dialect and
 * the store's paths. The executor sends exactly these statements (those with a `when` only when
 * it holds), and `medallion sql` prints them.
 */
export function planRun(input: PlanInput): RunPlan {
  const { config, dialect, paths, runId } = input;
  const strategies = chooseWriteStrategies(input.pipeline, config, (name) => paths.isPublished(name));
  const pipeline = windowedPipeline(input.pipeline, config, strategies);
  // Generated sources ask the dialect for ranges of row ids; some engines build those once per run.
  const ranges = new Set<number>();
  const recordingDialect: Dialect = { ...dialect, range: (n) => (ranges.add(Number(n)), dialect.range(n)) };
  const graph = pipelineGraph(pipeline.name, pipeline.datasets, recordingDialect, config);
  const selected = input.select?.length ? selectDatasets(graph, input.select) : undefined;
  const building = new Set(graph.filter((n) => !selected || selected.has(n.dataset.name)).map((n) => n.dataset.name));
  const ctx: DatasetContext<PipelineConfig> = {
    dialect,
    config,
    ingestedAt: config.readsRealInputs
      ? dialect.timestampFromEpoch(String(Math.floor(input.startedAt.getTime() / 1000)))
      : asOfTimestamp(dialect, config.asOf),
    // A run reads what it builds from its own staging, and publishes everything together at the end.
    ref: (name) => (building.has(name) ? dialect.readParquet(paths.staged(name)) : paths.currentRelation(name, dialect)),
    previous: (name) => (paths.isPublished(name) ? paths.currentRelation(name, dialect) : undefined),
    previousAsOf: (name) => (paths.isPublished(name) ? paths.publishedAsOf(name) : undefined),
    runId,
  };
  // Parts of the datasets this run builds: a row-wise dataset is written part by part like its input.
  const partsBuilt = new Map<string, number>();
  const steps = graph
    .filter((node) => !selected || selected.has(node.dataset.name))
    .map((node) => {
      const strategy = strategies.get(node.dataset.name)!;
      const parts = partContexts(node.dataset, strategy, ctx, paths, partsBuilt);
      partsBuilt.set(node.dataset.name, parts.length);
      return planDataset(node.dataset, strategy, node.inputs, ctx, parts, paths, runId);
    });
  return {
    pipeline,
    config,
    runId,
    setup: dialect.prepareRanges([...ranges]).map((sql) => ({ kind: 'execute' as const, sql, purpose: 'row ids for generated sources' })),
    steps,
    graph: graph.map((n) => ({ name: n.dataset.name, inputs: n.inputs })),
  };
}

/**
 * A generated source of this many rows or more, but of one row group at most, is written in two
 * halves: one thread would otherwise generate it while the other waits. The split depends on the
 * size alone, never on the machine, so the same seed still gives the same files everywhere.
 */
const HALVES_FROM = 32_768;

/** The file of part `index` of a dataset written in parts. */
export function partFile(dir: string, index: number): string {
  return `${dir.replace(/\/+$/, '')}/part-${String(index).padStart(5, '0')}.parquet`;
}

/**
 * How a dataset is written: one context per part. A row-wise dataset is split when the engine
 * writes parts (`partRows`) and it is large: a generated one by slices of the one range it
 * generates from (halves when it is at most one row group), a derived one by the parts of its one
 * input built in this run. Anything else is one statement.
 */
function partContexts(
  dataset: Dataset<PipelineConfig>,
  strategy: WriteStrategy,
  ctx: DatasetContext<PipelineConfig>,
  paths: RunPaths,
  partsBuilt: ReadonlyMap<string, number>,
): DatasetContext<PipelineConfig>[] {
  const d = ctx.dialect;
  const { partRows, rangePart, readParquetFile } = d;
  // A write that replaces days is written into one directory per day instead.
  if (!dataset.rowWise || !partRows || !rangePart || !readParquetFile || strategy.kind === 'replace-days') return [ctx];
  const reads = new Set<string>();
  const sizes = new Set<number>();
  let readsPrevious = false;
  dataset.sql({
    ...ctx,
    dialect: { ...d, range: (n) => (sizes.add(Number(n)), d.range(n)) },
    ref: (name) => (reads.add(name), ctx.ref(name)),
    previous: (name) => ((readsPrevious = true), ctx.previous(name)),
  });
  // What a dataset builds on its previous version is not a function of a slice of rows.
  if (readsPrevious) return [ctx];
  const indexes = (count: number) => Array.from({ length: count }, (_, k) => k);
  if (reads.size === 1) {
    const [input] = [...reads] as [string];
    const count = partsBuilt.get(input) ?? 1;
    if (count <= 1) return [ctx];
    return indexes(count).map((k) => ({ ...ctx, ref: (name: string) => (name === input ? readParquetFile(partFile(paths.staged(input), k)) : ctx.ref(name)) }));
  }
  if (reads.size === 0 && sizes.size === 1) {
    const [n] = [...sizes] as [number];
    const size = n > partRows ? partRows : n >= HALVES_FROM ? Math.ceil(n / 2) : n;
    if (size >= n) return [ctx];
    return indexes(Math.ceil(n / size)).map((k) => ({
      ...ctx,
      dialect: { ...d, range: (m: number | bigint) => (Number(m) === n ? rangePart(n, k * size, Math.min(n, (k + 1) * size)) : d.range(m)) },
    }));
  }
  return [ctx];
}

function planDataset(
  dataset: Dataset<PipelineConfig>,
  strategy: WriteStrategy,
  inputs: readonly string[],
  ctx: DatasetContext<PipelineConfig>,
  parts: readonly DatasetContext<PipelineConfig>[],
  paths: RunPaths,
  runId: string,
): DatasetStep {
  const d = ctx.dialect;
  const candidate = `(${dataset.sql(ctx)}) AS candidate`;
  const checks = new RowChecks(dataset, ctx);
  const columns = Object.keys(dataset.columns);
  const staged = paths.staged(dataset.name);
  const quarantineStaged = paths.quarantineStaged(dataset.name);
  // Each part renders the dataset over its own slice; its checks are the same expressions.
  const target = (dir: string, k: number) => (parts.length > 1 ? partFile(dir, k) : dir);
  const partPurpose = (what: string, k: number) => (parts.length > 1 ? `${what}, part ${k + 1} of ${parts.length}` : what);
  const partChecks = parts.map((partCtx) => (parts.length > 1 ? new RowChecks(dataset, partCtx) : checks));
  const partRows = parts.map((partCtx) => `(${dataset.sql(partCtx)}) AS candidate`);
  const stagedRelation = d.readParquet(staged);
  const partitions = partitionStep(strategy, d, stagedRelation);
  const partitionBy = partitionColumnOf(strategy);
  // Without day directories the profile scans exactly the files written, and counts them.
  const countedByProfile = partitionBy === undefined;
  const writeOf = (k: number, where: string, when?: string): Statement => ({
    kind: 'write',
    sql: `SELECT ${columns.map(d.identifier).join(', ')}\nFROM ${partRows[k]}\nWHERE ${where}`,
    target: target(staged, k),
    purpose: partPurpose('write', k),
    ...(when ? { when } : {}),
    ...(partitionBy ? { partitionBy } : {}),
    ...(countedByProfile ? { uncounted: true as const } : {}),
  });
  const writes = parts.map((_, k) => writeOf(k, partChecks[k]!.outputCondition, checks.removes ? 'the counts show rows removed' : undefined));
  const writesKeptOnly = checks.removes ? parts.map((_, k) => writeOf(k, partChecks[k]!.kept, 'the counts show no row removed')) : undefined;
  const quarantines = checks.quarantines
    ? parts.map((_, k): Statement => ({
        kind: 'write',
        sql: partChecks[k]!.quarantineSelect(partRows[k]!, runId),
        target: target(quarantineStaged, k),
        purpose: partPurpose('quarantined rows', k),
        when: 'the counts show rows to quarantine',
        uncounted: true,
      }))
    : [];
  const emptyQuarantine: Statement | undefined = checks.quarantines
    ? {
        kind: 'write',
        sql: `SELECT * FROM (${quarantines[0]!.sql}) AS quarantined LIMIT 0`,
        target: target(quarantineStaged, 0),
        purpose: 'an empty quarantine',
        when: 'the counts show no row to quarantine',
        uncounted: true,
      }
    : undefined;
  const quarantineRelation = checks.quarantines ? d.readParquet(quarantineStaged) : undefined;
  const profiled = partitions?.written ?? stagedRelation;

  const rowExpectations = checks.expectations.map((e, i): RowExpectationStatements => ({
    ...(checks.isTrivial(i)
      ? {}
      : {
          examples: {
            kind: 'query' as const,
            sql: checks.examplesSelect(candidate, i, stagedRelation, quarantineRelation),
            purpose: `examples of ${e.name}`,
            when: `${e.name} has failures`,
          },
        }),
    ...((e.action === 'drop' || e.action === 'quarantine') && !checks.isTrivial(i)
      ? {
          stopExamples: {
            kind: 'query' as const,
            sql: checks.examplesSelect(candidate, i, stagedRelation),
            purpose: `examples of ${e.name}`,
            when: `${e.name} would remove more rows than it may`,
          },
        }
      : {}),
    ...(e.action === 'fail'
      ? {
          failingRows: {
            kind: 'write' as const,
            sql: checks.failingSelect(candidate, i, runId, stagedRelation),
            target: quarantineStaged,
            purpose: `rows failing ${e.name}, kept for inspection`,
            when: `${e.name} trips`,
            uncounted: true as const,
          },
        }
      : {}),
  }));
  const tableExpectations = (dataset.expect ?? [])
    .filter((e): e is TableExpectation<PipelineConfig> => e.scope === 'table')
    .map((e): TableExpectationStatements => ({
      expectation: e,
      sql: tableCheckSql(e, ctx, stagedRelation),
      ...(e.examples ? { examples: { kind: 'query' as const, sql: e.examples(ctx, stagedRelation), purpose: `examples of ${e.name}`, when: `${e.name} has failures` } } : {}),
    }));

  return {
    dataset,
    inputs,
    checks,
    paths: { staged, target: paths.current(dataset.name), quarantineStaged, quarantine: paths.quarantine(dataset.name) },
    strategy,
    ...(checks.needsCounts ? { counts: { kind: 'query' as const, sql: `SELECT ${checks.countsSelect()} FROM ${candidate}`, purpose: 'counts of keep rules and expectations' } } : {}),
    writes,
    ...(writesKeptOnly ? { writesKeptOnly } : {}),
    ...(partitions ? { partitions } : {}),
    quarantines,
    ...(emptyQuarantine ? { emptyQuarantine } : {}),
    rowExpectations,
    tableExpectations,
    describe: { kind: 'describe', sql: `SELECT * FROM ${stagedRelation} AS d`, purpose: 'schema of the written rows' },
    profile: {
      columns,
      statement: (ranged) => ({
        kind: 'query' as const,
        sql: profileStatement(d, { relation: profiled, columns, keys: dataset.keys ?? [], also: checks.outputCountSums, ranged, checks: tableExpectations.map((t) => t.sql) }),
        purpose: `${checks.outputCountSums.length ? 'profile and checks on the written rows' : 'profile'}${tableExpectations.length ? `, with ${tableExpectations.map((t) => t.expectation.name).join(', ')}` : ''} (ranges only of the columns that are numbers or dates)`,
      }),
    },
    topValues: {
      candidates: columns.filter((c) => !(dataset.keys ?? []).includes(c)),
      statement: (chosen) => ({
        kind: 'query' as const,
        sql: topValuesSelect(d, profiled, chosen),
        purpose: `top values of ${chosen.join(', ')}`,
        when: 'some columns are text with few distinct values (only those are read)',
      }),
    },
  };
}

/**
 * The statements of a step in the order the executor may send them. A statement that can be sent
 * at two points (examples of a `fail` expectation: when it trips, or when it fails within its
 * tolerance) is listed at both.
 */
export function stepStatements(step: DatasetStep): Statement[] {
  const out: Statement[] = [];
  const failPath = (i: number) => {
    const s = step.rowExpectations[i]!;
    if (s.failingRows) out.push(s.failingRows, ...(s.examples ? [s.examples] : []));
    if (s.stopExamples) out.push(s.stopExamples);
  };
  const onCandidates = step.checks.expectations.map((_, i) => i).filter((i) => !step.checks.onOutput(i));
  if (step.counts) {
    out.push(step.counts);
    onCandidates.forEach(failPath);
  }
  out.push(...step.writes, ...(step.writesKeptOnly ?? []));
  if (step.partitions) out.push(step.partitions.rows);
  out.push(...step.quarantines);
  if (step.emptyQuarantine) out.push(step.emptyQuarantine);
  out.push(step.describe, step.profile.statement(step.profile.columns));
  step.checks.expectations.forEach((_, i) => failPath(i));
  for (const s of step.rowExpectations) if (s.examples) out.push(s.examples);
  for (const t of step.tableExpectations) if (t.examples) out.push(t.examples);
  if (step.topValues.candidates.length) out.push(step.topValues.statement(step.topValues.candidates));
  return out;
}

/** Every statement of a plan, in order. */
export function planStatements(plan: RunPlan): Statement[] {
  return [...plan.setup, ...plan.steps.flatMap(stepStatements)];
}

