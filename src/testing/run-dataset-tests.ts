import type { Engine } from '../engines/engine.js';
import type { PipelineConfig } from '../model/config.js';
import type { Dataset, DatasetContext } from '../model/dataset.js';
import type { DatasetTest, TestRow } from '../model/dataset-test.js';
import type { RowExpectation } from '../model/expectation.js';
import type { Pipeline } from '../model/pipeline.js';
import type { Column, Row } from '../model/values.js';
import { checkPipeline } from '../check/check-pipeline.js';
import { deriveSchemas, type DerivedSchema } from '../check/derive-schemas.js';
import { standIn } from '../check/stand-in.js';
import { ProblemsError } from '../model/errors.js';
import { RowChecks, rowResult, tableResult } from '../quality/checks.js';
import { literalRows } from './literal-rows.js';
import { diffLines, diffRows, isEmptyDiff } from './row-diff.js';
import { testProblems } from './test-problems.js';

type C = PipelineConfig;

/** The outcome of one test: the lines that say why it failed, none when it passed. */
export interface TestResult {
  readonly pipeline: string;
  readonly dataset: string;
  readonly test: string;
  readonly failures: readonly string[];
}

const TEMPORAL = /^(date|timestamp.*)$/i;
const isRemoval = (e: RowExpectation<C>) => e.action === 'drop' || e.action === 'quarantine';

/**
 * Runs the unit tests of a pipeline's datasets (those named in `only`, or all) on `engine`: each
 * dataset's SQL over the test's rows in place of its inputs, then its keep rules and expectations,
 * exactly as a run applies them (the same `RowChecks`). Nothing is read from or written to a data
 * dir. Refuses (a `ProblemsError`, exit 2) a pipeline `medallion check` refuses, and tests that
 * name an input, a column or an expectation the dataset does not have.
 */
export async function runDatasetTests(pipeline: Pipeline<C>, config: C, engine: Engine, only?: ReadonlySet<string>): Promise<TestResult[]> {
  const checked = await checkPipeline(pipeline, config, engine);
  if (checked.length) throw new ProblemsError(checked);
  const derived = await deriveSchemas(pipeline, config, engine);
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

/** The columns a dataset writes (or, for a bronze source, those its rows have). */
export function columnsOf(schema: DerivedSchema): readonly Column[] {
  return schema.written ?? schema.returned ?? [];
}

async function runOne(schema: DerivedSchema, derived: ReadonlyMap<string, DerivedSchema>, test: DatasetTest, engine: Engine): Promise<string[]> {
  const dataset: Dataset<C> = schema.dataset;
  const dialect = schema.ctx.dialect;
  const inputs = new Map(schema.inputs.map((name) => [name, literalRows(dialect, columnsOf(derived.get(name)!), test.given?.[name] ?? [])]));
  const ctx: DatasetContext<C> = { ...schema.ctx, ref: (name) => inputs.get(name) ?? standIn(dialect, columnsOf(derived.get(name)!)) };
  const candidate = `(${dataset.sql(ctx)}) AS candidate`;
  const checks = new RowChecks(dataset, ctx);
  // Dates and timestamps compare as the text a test writes them in, on either engine.
  const projection = (columns: readonly Column[]) =>
    columns.map((c) => (TEMPORAL.test(c.type) ? `CAST(${dialect.identifier(c.name)} AS STRING) AS ${dialect.identifier(c.name)}` : dialect.identifier(c.name))).join(', ');
  const allColumns = (where: string) => `SELECT * FROM ${candidate} WHERE ${where}`;
  // The dataset's rows are its written columns; the rows a rule removes are candidate rows, with every column the SQL returns.
  const written = projection(columnsOf(schema));
  const returned = projection(schema.returned ?? columnsOf(schema));
  const tolerance = test.tolerance ?? 1e-9;
  const keys = dataset.keys ?? [];
  const failures: string[] = [];
  const compare = async (what: string, expected: readonly TestRow[], where: string, columns = returned) => {
    const diff = diffRows(expected, await engine.query(`SELECT ${columns} FROM (${allColumns(where)}) AS rows_of`), keys, tolerance);
    if (!isEmptyDiff(diff)) failures.push(`${what}:`, ...diffLines(diff).map((line) => `  ${line}`));
  };

  const output = checks.outputCondition;
  if (test.expect) await compare('rows', test.expect, output, written);
  for (const [rule, rows] of Object.entries(test.filtered ?? {})) {
    const i = (dataset.keep ?? []).findIndex((r) => r.name === rule);
    await compare(`filtered by ${rule}`, rows, [...checks.keepPasses.slice(0, i), `NOT ${checks.keepPasses[i]}`].map((c) => `(${c})`).join(' AND '));
  }
  const removals = checks.expectations.map((e, i) => ({ e, i })).filter(({ e, i }) => isRemoval(e) && !checks.isTrivial(i));
  const removedBy = (name: string) => {
    const at = removals.findIndex(({ e }) => e.name === name);
    const earlier = removals.slice(0, at).map(({ i }) => checks.passes[i]!);
    return [checks.kept, ...earlier, `NOT ${checks.passes[removals[at]!.i]}`].map((c) => `(${c})`).join(' AND ');
  };
  for (const [name, rows] of Object.entries(test.dropped ?? {})) await compare(`dropped by ${name}`, rows, removedBy(name));
  for (const [name, rows] of Object.entries(test.quarantined ?? {})) await compare(`quarantined by ${name}`, rows, removedBy(name));

  const tripped = await failingExpectations(dataset, ctx, checks, candidate, allColumns(output), engine);
  if (test.fails !== undefined && !tripped.includes(test.fails)) failures.push(`expected expectation ${test.fails} to fail, and it passed${tripped.length ? ` (${tripped.join(', ')} failed)` : ''}`);
  for (const name of tripped) if (name !== test.fails) failures.push(`expectation ${name} failed: a run would stop before publishing`);
  return failures;
}

/** The `fail` expectations these rows trip, judged as a run judges them (tolerance and max rejected included). */
async function failingExpectations(dataset: Dataset<C>, ctx: DatasetContext<C>, checks: RowChecks<C>, candidate: string, output: string, engine: Engine): Promise<string[]> {
  const [counts] = await engine.query(`SELECT ${checks.countsSelect()} FROM ${candidate}`);
  const onOutput = checks.outputCountSums;
  const [outputCounts] = onOutput.length ? await engine.query(`SELECT ${onOutput.join(', ')} FROM (${output}) AS written`) : [{}];
  const all: Row = { ...counts, ...outputCounts };
  const tripped = checks.expectations.filter((e, i) => !checks.isTrivial(i) && rowResult(e, i, all).status === 'fail').map((e) => e.name);
  for (const e of dataset.expect ?? []) {
    if (e.scope !== 'table') continue;
    const [measured] = await engine.query(e.measure(ctx, `(${output})`));
    if (tableResult(e, measured ?? {}).status === 'fail') tripped.push(e.name);
  }
  return tripped;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 300);
}
