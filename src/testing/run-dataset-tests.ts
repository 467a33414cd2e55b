import type { Engine } from '../engines/engine.js';
import type { PipelineConfig } from '../model/config.js';
import type { Dataset, DatasetContext } from '../model/dataset.js';
import type { DatasetTest, TestRow } from '../model/dataset-test.js';
import type { Pipeline } from '../model/pipeline.js';
import type { Row } from '../model/values.js';
import { checkedSchemas } from '../check/check-pipeline.js';
import { columnsOf, type DerivedSchema } from '../check/derive-schemas.js';
import { standIn } from '../check/stand-in.js';
import { ProblemsError } from '../model/errors.js';
import { RowChecks, rowResult, tableResult } from '../quality/checks.js';
import { literalRows } from './literal-rows.js';
import { diffLines, diffRows, isEmptyDiff } from './row-diff.js';
import { testProblems } from './test-problems.js';
import { textTemporalProjection } from '../dialect/text-temporal-projection.js';

type C = PipelineConfig;

/** The outcome of one test: the lines that say why it failed, none when it passed. */
export interface TestResult {
  readonly pipeline: string;
  readonly dataset: string;
  readonly test: string;
  readonly failures: readonly string[];
}

/** The column that says what became of each candidate row: `out`, `filtered_<i>` or `removed_<i>`. */
const FATE = '__fate';

/**
 * Runs the unit tests of a pipeline's datasets (those named in `only`, or all) on `engine`: each
 * dataset's SQL over the test's rows in place of its inputs, then its keep rules and expectations,
 * exactly as a run applies them (the same `RowChecks`). Nothing is read from or written to a data
 * dir. Refuses (a `ProblemsError`, exit 2) a pipeline `medallion check` refuses, and tests that
 * name an input, a column or an expectation the dataset does not have.
 */
export async function runDatasetTests(pipeline: Pipeline<C>, config: C, engine: Engine, only?: ReadonlySet<string>): Promise<TestResult[]> {
  const { problems: checked, derived } = await checkedSchemas(pipeline, config, engine);
  if (checked.length) throw new ProblemsError(checked);
  const tested = [...derived.values()].filter((s) => (s.dataset.tests ?? []).length && (!only || only.has(s.dataset.name)));
  const problems = tested.flatMap((schema) => testProblems(schema, derived));
  if (problems.length) throw new ProblemsError(problems);
  const results: TestResult[] = [];
  for (const schema of tested) {
    for (const test of schema.dataset.tests ?? []) {
      let failures: string[];
      try {
        failures = await runOne(schema, derived, test, engine);
      } catch (error) {
        // A given value that does not convert to its column's type, say: this test fails, the others run.
        failures = [`could not run: ${firstLine(error)}`];
      }
      results.push({ pipeline: pipeline.name, dataset: schema.dataset.name, test: test.name, failures });
    }
  }
  return results;
}

/**
 * One test in one query for the rows (each candidate row with its fate, and whether it fails each
 * row expectation), plus one per whole-dataset `fail` expectation: on Spark every query is a job.
 */
async function runOne(schema: DerivedSchema, derived: ReadonlyMap<string, DerivedSchema>, test: DatasetTest, engine: Engine): Promise<string[]> {
  const dataset: Dataset<C> = schema.dataset;
  const dialect = schema.ctx.dialect;
  const inputs = new Map(schema.inputs.map((name) => [name, literalRows(dialect, columnsOf(derived.get(name)!), test.given?.[name] ?? [])]));
  const ctx: DatasetContext<C> = { ...schema.ctx, ref: (name) => inputs.get(name) ?? standIn(dialect, columnsOf(derived.get(name)!)) };
  const candidate = `(${dataset.sql(ctx)}) AS candidate`;
  const checks = new RowChecks(dataset, ctx);
  const removals = checks.expectations.flatMap((e, i) => ((e.action === 'drop' || e.action === 'quarantine') && !checks.isTrivial(i) ? [i] : []));
  const checked = checks.expectations.flatMap((e, i) => (!checks.isTrivial(i) && !removals.includes(i) ? [i] : []));

  // A row counts against the first keep rule it breaks, then the first drop or quarantine it fails, as in a run.
  const whens = [
    ...checks.keepPasses.map((pass, i) => `WHEN NOT ${pass} THEN 'filtered_${i}'`),
    ...removals.map((i) => `WHEN NOT ${checks.passes[i]} THEN 'removed_${i}'`),
  ];
  const fate = whens.length ? `CASE ${whens.join(' ')} ELSE 'out' END` : `'out'`;
  const failsColumns = checked.map((i) => `CASE WHEN ${checks.passes[i]} THEN 0 ELSE 1 END AS __fails_${i}`);
  const fated = `SELECT *, ${[`${fate} AS ${FATE}`, ...failsColumns].join(', ')} FROM ${candidate}`;
  // Dates and timestamps compare as the text a test writes them in, on either engine.
  const returned = schema.returned ?? columnsOf(schema);
  const projection = textTemporalProjection(dialect, returned);
  const rows = await engine.query(`SELECT ${[...projection, FATE, ...checked.map((i) => `__fails_${i}`)].join(', ')} FROM (${fated}) AS fated`);

  const tolerance = test.tolerance ?? 1e-9;
  const keys = dataset.keys ?? [];
  const failures: string[] = [];
  const compare = (what: string, expected: readonly TestRow[], fateOf: string) => {
    const diff = diffRows(expected, rows.filter((r) => r[FATE] === fateOf), keys, tolerance);
    if (!isEmptyDiff(diff)) failures.push(`${what}:`, ...diffLines(diff).map((line) => `  ${line}`));
  };
  if (test.expect) {
    const written = new Set(columnsOf(schema).map((c) => c.name));
    const unwritten = [...new Set(test.expect.flatMap((r) => Object.keys(r)))].filter((c) => !written.has(c));
    if (unwritten.length) failures.push(`rows: ${unwritten.join(', ')} not among the columns written`);
    compare('rows', test.expect, 'out');
  }
  for (const [rule, expected] of Object.entries(test.filtered ?? {})) compare(`filtered by ${rule}`, expected, `filtered_${(dataset.keep ?? []).findIndex((r) => r.name === rule)}`);
  const removedBy = (name: string) => `removed_${removals.find((i) => checks.expectations[i]!.name === name)}`;
  for (const [name, expected] of Object.entries(test.dropped ?? {})) compare(`dropped by ${name}`, expected, removedBy(name));
  for (const [name, expected] of Object.entries(test.quarantined ?? {})) compare(`quarantined by ${name}`, expected, removedBy(name));

  const tripped = [...rowsTripped(checks, removals, checked, rows), ...(await tablesTripped(dataset, ctx, fated, engine))];
  if (test.fails !== undefined && !tripped.includes(test.fails)) failures.push(`expected expectation ${test.fails} to fail, and it passed${tripped.length ? ` (${tripped.join(', ')} failed)` : ''}`);
  for (const name of tripped) if (name !== test.fails) failures.push(`expectation ${name} failed: a run would stop before publishing`);
  return failures;
}

/** The row expectations these rows make fail, judged by the run's own rules from the counts a run takes. */
function rowsTripped(checks: RowChecks<C>, removals: readonly number[], checked: readonly number[], rows: readonly Row[]): string[] {
  const kept = rows.filter((r) => !String(r[FATE]).startsWith('filtered_'));
  const counts: Row = { checked: kept.length };
  for (const i of removals) counts[`removed_${i}`] = rows.filter((r) => r[FATE] === `removed_${i}`).length;
  // Checks on the output's columns are counted on the rows written, the others on every kept row.
  for (const i of checked) counts[`failed_${i}`] = (checks.onOutput(i) ? kept.filter((r) => r[FATE] === 'out') : kept).filter((r) => Number(r[`__fails_${i}`]) === 1).length;
  return checks.expectations.filter((e, i) => !checks.isTrivial(i) && rowResult(e, i, counts).status === 'fail').map((e) => e.name);
}

/** The whole-dataset `fail` expectations (unique, row count, reconciliations) the rows written trip. */
async function tablesTripped(dataset: Dataset<C>, ctx: DatasetContext<C>, fated: string, engine: Engine): Promise<string[]> {
  const columns = Object.keys(dataset.columns).map((c) => ctx.dialect.identifier(c)).join(', ');
  const output = `(SELECT ${columns} FROM (${fated}) AS fated WHERE ${FATE} = 'out')`;
  const tripped: string[] = [];
  for (const e of dataset.expect ?? []) {
    if (e.scope !== 'table' || e.action !== 'fail') continue;
    const [measured] = await engine.query(e.measure(ctx, output));
    if (tableResult(e, measured ?? {}).status === 'fail') tripped.push(e.name);
  }
  return tripped;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 300);
}
