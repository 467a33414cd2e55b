import type { Engine } from '../engines/engine.js';
import type { PipelineConfig } from '../model/config.js';
import { problemLines, problemsOf } from '../model/definition-problems.js';
import { didYouMean } from '../model/did-you-mean.js';
import { ProblemsError } from '../model/errors.js';
import type { Pipeline } from '../model/pipeline.js';
import type { Column } from '../model/values.js';
import { RowChecks } from '../quality/checks.js';
import { profileStatement, tableCheckSql } from '../quality/profile.js';
import { deriveSchemas, type DerivedSchema } from './derive-schemas.js';
import { bindingFailure } from './engine-message.js';
import { standIn } from './stand-in.js';
import { BatchedBinds } from './batched-binds.js';

type C = PipelineConfig;

const NUMBER = /^(tinyint|smallint|int|integer|bigint|hugeint|utinyint|usmallint|uinteger|ubigint|uhugeint|float|real|double|decimal.*|long|short|byte)$/i;
const WHOLE = /^(tinyint|smallint|int|integer|bigint|hugeint|utinyint|usmallint|uinteger|ubigint|uhugeint|long|short|byte|decimal\(\d+, ?0\))$/i;
const TEXT = /^(varchar|string|text|char.*|varchar\(.*\))$/i;
const TIME = /^(date|timestamp.*|time.*)$/i;
const BOOLEAN = /^(boolean|bool)$/i;

/** The kind of values a type holds, for comparing columns across engines' type names. */
function family(type: string): string {
  if (NUMBER.test(type)) return 'number';
  if (TEXT.test(type)) return 'text';
  if (TIME.test(type)) return 'time';
  if (BOOLEAN.test(type)) return 'boolean';
  return type.toLowerCase();
}

/**
 * Every mistake of a pipeline that can be found without reading data: its definitions' problems,
 * then, through the schemas the graph derives (see `deriveSchemas`), each dataset's SQL that does
 * not bind, declared columns it does not return, keep rules, expectations, references, partition
 * columns and merge sums over columns that do not exist or whose type cannot work, and charts.
 * Empty when it is sound.
 */
export async function checkPipeline(pipeline: Pipeline<C>, config: C, engine: Pick<Engine, 'dialect' | 'describe'>): Promise<string[]> {
  return (await checkedSchemas(pipeline, config, engine)).problems;
}

/**
 * `checkPipeline`'s problems, and the schemas it derived on the way (none when a definition is
 * refused), for callers that go on to use them (`medallion test`) without deriving them twice.
 */
export async function checkedSchemas(
  pipeline: Pipeline<C>,
  config: C,
  engine: Pick<Engine, 'dialect' | 'describe'>,
): Promise<{ problems: string[]; derived: ReadonlyMap<string, DerivedSchema> }> {
  const definitions = problemLines(problemsOf(pipeline));
  if (definitions.length) return { problems: definitions, derived: new Map() };
  const derived = await deriveSchemas(pipeline, config, engine);
  // Each dataset's binds are one batch of their own: sent together, reported in build order.
  const checked = [...derived.values()].map((schema) => checkDataset(schema, derived, engine));
  if (engine.dialect.name === 'duckdb') checked.push(checkCharts(pipeline, derived, engine));
  return { problems: (await Promise.all(checked)).flat(), derived };
}

/** Refuses (a `ProblemsError`, exit 2) a pipeline that `checkPipeline` finds mistakes in. */
export async function assertPipelineChecks(pipeline: Pipeline<C>, config: C, engine: Pick<Engine, 'dialect' | 'describe'>): Promise<void> {
  const problems = await checkPipeline(pipeline, config, engine);
  if (problems.length) throw new ProblemsError(problems);
}

async function checkDataset(schema: DerivedSchema, derived: ReadonlyMap<string, DerivedSchema>, engine: Pick<Engine, 'dialect' | 'describe'>): Promise<string[]> {
  const { dataset, ctx } = schema;
  const name = dataset.name;
  if (schema.blockedBy) return [];
  const readable = () => {
    try {
      return dataset.sql({ ...ctx, ref: (input) => input });
    } catch {
      return '';
    }
  };
  if (!schema.returned) return [`${name}: SQL does not bind: ${bindingFailure(schema.error, readable())}`];
  const returned = schema.returned;
  const names = returned.map((c) => c.name);
  const missing = Object.keys(dataset.columns).filter((c) => !names.includes(c));
  const typeOf = (column: string, among: readonly Column[] = returned) => among.find((c) => c.name === column)?.type;
  // Every bind of this dataset goes to the engine in one batch (see BatchedBinds); a slot keeps
  // each bind's problems where a one-by-one check would have reported them.
  const binds = new BatchedBinds(engine, standIn(ctx.dialect, returned));
  const slots: Array<string | Promise<string[]>> = [];
  const problems = { push: (...lines: string[]) => slots.push(...lines) };
  const bind = (what: string, expression: string, judge: (type: string) => string[] = () => []) =>
    slots.push(binds.expression(expression).then(({ type, error }) => (error !== undefined ? [`${name}: ${what} does not bind: ${bindingFailure(error, '')}`] : type ? judge(type) : [])));
  for (const column of missing) {
    problems.push(`${name}: column '${column}' is declared but its SQL does not return it${didYouMean(column, names)} (it returns ${names.join(', ')})`);
  }
  for (const rule of dataset.keep ?? []) {
    bind(`keep rule ${rule.name}`, `(${rule.condition})`, (type) => (BOOLEAN.test(type) ? [] : [`${name}: keep rule ${rule.name}: its condition is ${type}, not a boolean`]));
  }
  const checks = new RowChecks(dataset, ctx);
  for (const [i, e] of checks.expectations.entries()) {
    if (checks.isTrivial(i)) continue;
    const absent = e.columns.filter((c) => !names.includes(c));
    for (const column of absent) problems.push(`${name}: expectation ${e.name}: no column '${column}' in the dataset${didYouMean(column, names)}`);
    if (absent.length) continue;
    const [column] = e.columns;
    const type = column === undefined ? undefined : typeOf(column);
    if (type && e.kind === 'range' && !NUMBER.test(type) && !TIME.test(type)) problems.push(`${name}: expectation ${e.name}: column '${column}' is ${type}: a range needs numbers or dates`);
    if (type && e.kind === 'pattern' && !TEXT.test(type)) problems.push(`${name}: expectation ${e.name}: column '${column}' is ${type}: a pattern needs text`);
    if (e.references) {
      const target = derived.get(e.references.dataset);
      const written = target?.written;
      if (written && !written.some((c) => c.name === e.references!.column)) {
        problems.push(`${name}: expectation ${e.name}: no column '${e.references.column}' in ${e.references.dataset}${didYouMean(e.references.column, written.map((c) => c.name))}`);
        continue;
      }
      const theirs = written ? typeOf(e.references.column, written) : undefined;
      if (type && theirs && family(type) !== family(theirs)) problems.push(`${name}: expectation ${e.name}: ${column} is ${type} but ${e.references.dataset}.${e.references.column} is ${theirs}: their values cannot be compared`);
      if (!written) continue;
    }
    bind(`expectation ${e.name}`, `(${e.passes(ctx)})`, (passType) => (BOOLEAN.test(passType) ? [] : [`${name}: expectation ${e.name}: its condition is ${passType}, not a boolean`]));
    if (e.reason) bind(`the reason of expectation ${e.name}`, e.reason(ctx));
  }
  const written = schema.written;
  if (written) {
    const output = standIn(ctx.dialect, written);
    const writtenNames = written.map((c) => c.name);
    for (const e of dataset.expect ?? []) {
      if (e.scope !== 'table') continue;
      const absent = e.columns.filter((c) => !writtenNames.includes(c));
      for (const column of absent) problems.push(`${name}: expectation ${e.name}: no column '${column}' in the dataset${didYouMean(column, writtenNames)}`);
      if (absent.length) continue;
      // The check as the run sends it: inside a profile's statement (its aggregates in the scan).
      const measured = profileStatement(ctx.dialect, { relation: output, columns: [], keys: [], also: [], ranged: [], checks: [tableCheckSql(e, ctx, output)] });
      const statements = [measured, ...(e.examples ? [e.examples(ctx, output)] : [])].map((sql) => binds.statement(sql));
      // The first statement of the expectation that does not bind is the one reported.
      slots.push(Promise.all(statements).then((errors) => {
        const error = errors.find((x) => x !== undefined);
        return error === undefined ? [] : [`${name}: expectation ${e.name} does not bind: ${bindingFailure(error, '')}`];
      }));
    }
  }
  if (written && dataset.partitionBy) {
    const type = typeOf(dataset.partitionBy);
    if (type && !/^date$/i.test(type)) problems.push(`${name}: partitioned by ${dataset.partitionBy}, which is ${type}: a partition column holds days (DATE; e.g. CAST(ts AS DATE))`);
  }
  if (written && typeof dataset.incremental === 'object') {
    for (const sum of dataset.incremental.merge.sums) {
      const type = typeOf(sum);
      if (type && !WHOLE.test(type)) {
        problems.push(`${name}: merge sum '${sum}' is ${type}: a merge adds and takes away partial sums, which is exact only for whole numbers (counts, integer totals); make it one or drop incremental`);
      }
    }
  }
  await binds.flush();
  return (await Promise.all(slots.map((slot) => (typeof slot === 'string' ? [slot] : slot)))).flat();
}

async function checkCharts(pipeline: Pipeline<C>, derived: ReadonlyMap<string, DerivedSchema>, engine: Pick<Engine, 'dialect' | 'describe'>): Promise<string[]> {
  const binds = new BatchedBinds(engine, '');
  const slots: Array<string | Promise<string[]>> = [];
  for (const [of, charts] of Object.entries(pipeline.charts ?? {})) {
    for (const chart of charts) {
      let blocked = false;
      const rel = (name: string) => {
        const written = derived.get(name)?.written;
        if (!written) blocked = true;
        return standIn(engine.dialect, written ?? []);
      };
      let sql: string;
      try {
        sql = chart.sql(rel);
      } catch (error) {
        // The user's own function threw (a wrong signature, say): name the chart, not our stack.
        slots.push(`${of}: chart '${chart.title}': its sql function threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} (it is called as sql(rel), rel('layer.name') naming a dataset)`);
        continue;
      }
      if (blocked) continue;
      slots.push(binds.statement(sql).then((error) => (error === undefined ? [] : [`${of}: chart '${chart.title}' does not bind: ${bindingFailure(error, chart.sql((name) => name))}`])));
    }
  }
  await binds.flush();
  return (await Promise.all(slots.map((slot) => (typeof slot === 'string' ? [slot] : slot)))).flat();
}
