import type { Dialect } from '../dialect/dialect.js';
import { asOfTimestamp } from '../generate/sql.js';
import type { PipelineConfig } from '../model/config.js';
import type { Dataset, DatasetContext } from '../model/dataset.js';
import type { TableExpectation } from '../model/expectation.js';
import type { Pipeline } from '../model/pipeline.js';
import { RowChecks } from '../quality/checks.js';
import { profileSelect, topValuesSelect } from '../quality/profile.js';
import type { RunPaths } from '../storage/dataset-store.js';
import { pipelineGraph, selectDatasets } from './graph.js';

/** One statement the engine receives: a query, a statement, a write of a query's rows, or a describe. */
export interface Statement {
  readonly kind: 'execute' | 'query' | 'write' | 'describe';
  /** The SQL; for a write, the query whose rows are written. */
  readonly sql: string;
  /** For a write, the directory written. */
  readonly target?: string;
  /** What it is for, e.g. `counts`, `write`, `examples of not_null(customer_id)`. */
  readonly purpose: string;
  /** When present, the statement is sent only when this holds at run time (it depends on results). */
  readonly when?: string;
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
  readonly measure: Statement;
  readonly examples?: Statement;
}

/** Everything a run sends to build one dataset, in the order it sends it. */
export interface DatasetStep {
  readonly dataset: Dataset<PipelineConfig>;
  readonly inputs: readonly string[];
  readonly checks: RowChecks<PipelineConfig>;
  readonly paths: { readonly staged: string; readonly target: string; readonly quarantineStaged: string; readonly quarantine: string };
  /** Candidate rows per keep rule and removing expectation, before writing. */
  readonly counts?: Statement;
  readonly write: Statement;
  readonly quarantine?: Statement;
  /** Warn and fail row checks on the written files. */
  readonly outputCounts?: Statement;
  readonly rowExpectations: readonly RowExpectationStatements[];
  readonly tableExpectations: readonly TableExpectationStatements[];
  readonly describe: Statement;
  readonly profile: Statement;
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
  const { pipeline, config, dialect, paths, runId } = input;
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
  const steps = graph
    .filter((node) => !selected || selected.has(node.dataset.name))
    .map((node) => planDataset(node.dataset, node.inputs, ctx, paths, runId));
  return {
    pipeline,
    config,
    runId,
    setup: dialect.prepareRanges([...ranges]).map((sql) => ({ kind: 'execute' as const, sql, purpose: 'row ids for generated sources' })),
    steps,
    graph: graph.map((n) => ({ name: n.dataset.name, inputs: n.inputs })),
  };
}

function planDataset(
  dataset: Dataset<PipelineConfig>,
  inputs: readonly string[],
  ctx: DatasetContext<PipelineConfig>,
  paths: RunPaths,
  runId: string,
): DatasetStep {
  const d = ctx.dialect;
  const candidate = `(${dataset.sql(ctx)}) AS candidate`;
  const checks = new RowChecks(dataset, ctx);
  const columns = Object.keys(dataset.columns);
  const output = `SELECT ${columns.map(d.identifier).join(', ')}\nFROM ${candidate}\nWHERE ${checks.outputCondition}`;
  const staged = paths.staged(dataset.name);
  const quarantineStaged = paths.quarantineStaged(dataset.name);
  const stagedRelation = d.readParquet(staged);
  const quarantineRelation = checks.quarantines ? d.readParquet(quarantineStaged) : undefined;
  const outputCounts = checks.outputCountsSelect(stagedRelation);

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
          },
        }
      : {}),
  }));
  const tableExpectations = (dataset.expect ?? [])
    .filter((e): e is TableExpectation<PipelineConfig> => e.scope === 'table')
    .map((e): TableExpectationStatements => ({
      expectation: e,
      measure: { kind: 'query', sql: e.measure(ctx, stagedRelation), purpose: `check ${e.name}` },
      ...(e.examples ? { examples: { kind: 'query' as const, sql: e.examples(ctx, stagedRelation), purpose: `examples of ${e.name}`, when: `${e.name} has failures` } } : {}),
    }));

  return {
    dataset,
    inputs,
    checks,
    paths: { staged, target: paths.current(dataset.name), quarantineStaged, quarantine: paths.quarantine(dataset.name) },
    ...(checks.needsCounts ? { counts: { kind: 'query' as const, sql: `SELECT ${checks.countsSelect()} FROM ${candidate}`, purpose: 'counts of keep rules and expectations' } } : {}),
    write: { kind: 'write', sql: output, target: staged, purpose: 'write' },
    ...(checks.quarantines
      ? { quarantine: { kind: 'write' as const, sql: checks.quarantineSelect(candidate, runId), target: quarantineStaged, purpose: 'quarantined rows' } }
      : {}),
    ...(outputCounts ? { outputCounts: { kind: 'query' as const, sql: outputCounts, purpose: 'checks on the written rows' } } : {}),
    rowExpectations,
    tableExpectations,
    describe: { kind: 'describe', sql: `SELECT * FROM ${stagedRelation} AS d`, purpose: 'schema of the written rows' },
    profile: { kind: 'query', sql: profileSelect(d, stagedRelation, columns, dataset.keys ?? []), purpose: 'profile' },
    topValues: {
      candidates: columns.filter((c) => !(dataset.keys ?? []).includes(c)),
      statement: (chosen) => ({
        kind: 'query' as const,
        sql: topValuesSelect(d, stagedRelation, chosen),
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
  out.push(step.write);
  if (step.quarantine) out.push(step.quarantine);
  if (step.outputCounts) out.push(step.outputCounts);
  step.checks.expectations.forEach((_, i) => failPath(i));
  for (const s of step.rowExpectations) if (s.examples) out.push(s.examples);
  for (const t of step.tableExpectations) {
    out.push(t.measure);
    if (t.examples) out.push(t.examples);
  }
  out.push(step.describe, step.profile);
  if (step.topValues.candidates.length) out.push(step.topValues.statement(step.topValues.candidates));
  return out;
}

/** Every statement of a plan, in order. */
export function planStatements(plan: RunPlan): Statement[] {
  return [...plan.setup, ...plan.steps.flatMap(stepStatements)];
}

