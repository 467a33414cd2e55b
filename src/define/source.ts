import type { PipelineConfig } from '../model/config.js';
import { dataset, type Dataset, type DatasetContext, type MapReduceNote } from '../model/dataset.js';
import { UserError } from '../model/errors.js';
import { definitionIssues } from '../model/definition-issues.js';
import { inheritedProblems, refuseDefinition } from '../model/definition-problems.js';
import { lineSourceSchema, sourceSchema } from '../model/definition-schemas.js';
import { MAX_LINE_BYTES } from '../model/inputs.js';
import type { Expectation } from '../model/expectation.js';
import { keyIsPresent, recordFitsHeader, typedInput, valuesHaveTypes, type ColumnType } from './typed-input.js';

/** A source column: its type in the contract and a one-line doc. */
export interface SourceColumn {
  readonly type: ColumnType;
  readonly doc: string;
}

export interface SourceDefinition<C extends PipelineConfig> {
  /** `bronze.<name>`. */
  readonly name: string;
  readonly description: string;
  /** The contract: every column a file must have, with its type. Values that do not convert are quarantined. */
  readonly columns: Readonly<Record<string, SourceColumn>>;
  readonly keys?: readonly string[];
  /** The pipeline's input option this source reads (`config.inputs[input]`) when the user gives files. */
  readonly input?: string;
  /** SQL generating the contract's columns, in order, used when no file is given. */
  readonly generate?: (ctx: DatasetContext<C>) => string;
  readonly expect?: readonly Expectation<C>[];
  /** True when `generate` computes each row from its own id alone (see `Dataset.rowWise`): a large source is then generated in parts. */
  readonly rowWise?: boolean;
  /** The DATE column of its rows in runs over a window of days; see `Dataset.partitionBy`. */
  readonly partitionBy?: string;
}

/**
 * A bronze source: one declaration of its contract that either reads the user's files (CSV,
 * Parquet or JSON lines, converted to the contract's types) or generates its rows. Rows of a file
 * whose values do not convert, or that lack their key, are quarantined with what they held.
 */
export function source<C extends PipelineConfig = PipelineConfig>(definition: SourceDefinition<C>): Dataset<C> {
  const { input, generate } = definition;
  const issues = definitionIssues(sourceSchema, definition).map((m) => `source ${String(definition.name)}: ${m}`);
  if (!issues.length && !input && !generate) issues.push(`source ${definition.name} neither reads an input nor generates its rows: give it input or generate`);
  if (issues.length) return refuseDefinition(issues, () => placeholderSource<C>(definition.name), inheritedProblems(definition.expect ?? [], `source ${String(definition.name)}`));
  const types = Object.fromEntries(Object.entries(definition.columns).map(([c, col]) => [c, col.type]));
  const readsFile = (config: C) => input !== undefined && config.inputs[input] !== undefined;
  const [key] = definition.keys ?? [];
  return dataset<C>({
    name: definition.name,
    description: definition.description,
    columns: Object.fromEntries(Object.entries(definition.columns).map(([c, col]) => [c, col.doc])),
    ...(definition.keys ? { keys: definition.keys } : {}),
    ...(definition.partitionBy ? { partitionBy: definition.partitionBy } : {}),
    expect: [
      ...(input
        ? [
            recordFitsHeader<C>((config) => config.inputs[input]),
            valuesHaveTypes<C>(types, readsFile),
            ...(key ? [keyIsPresent<C>(key, readsFile)] : []),
          ]
        : []),
      ...(definition.expect ?? []),
    ],
    ...(input ? { source: { input, requiredColumns: Object.keys(types) } } : {}),
    ...(definition.rowWise ? { rowWise: true } : {}),
    sql: (ctx) => {
      const file = input === undefined ? undefined : ctx.config.inputs[input];
      if (file) return typedInput(ctx, file, types);
      if (generate) return generate(ctx);
      throw new UserError(`${definition.name} reads input '${input}': give it a file (see 'medallion run ${ctx.config.pipeline} --help')`);
    },
  });
}

export interface LineSourceDefinition<C extends PipelineConfig> {
  readonly name: string;
  readonly description: string;
  /** Column docs of what `parse` returns. */
  readonly columns: Readonly<Record<string, string>>;
  readonly keys?: readonly string[];
  /** The pipeline's input option of text files (one record per line) this source reads. */
  readonly input: string;
  /** SQL generating raw lines in a column `line`, used when no file is given. */
  readonly generate: (ctx: DatasetContext<C>) => string;
  /** The `source` recorded for generated lines (files record their path). */
  readonly generatedSource: string;
  /**
   * The bronze rows, from `lines`: a table expression with `line` (as received, without its line
   * break), `source`, and `line_error`: NULL, or why the line was not kept whole (longer than
   * `MAX_LINE_BYTES`; `line` then holds its first KiB).
   */
  readonly parse: (ctx: DatasetContext<C>, lines: string) => string;
  readonly expect?: readonly Expectation<C>[];
  readonly mapReduce?: MapReduceNote;
  readonly breakdown?: string;
  /** True when `generate` computes each line from its own id alone and `parse` each row from its own line (see `Dataset.rowWise`). */
  readonly rowWise?: boolean;
  /** The DATE column of its rows in runs over a window of days (added with the day ingested for); see `Dataset.partitionBy`. */
  readonly partitionBy?: string;
}

/** A source that is refused stands in its pipeline as this, so that the loader can go on and find the other mistakes. */
function placeholderSource<C>(name: unknown): Dataset<C> {
  return { name: String(name), description: '', columns: {}, sql: () => 'SELECT 1 AS placeholder' };
}

/** What a line longer than `MAX_LINE_BYTES` keeps of itself, to show what it was. */
const OVERSIZE_PREFIX_CHARS = 1024;

/**
 * A bronze source kept line by line, as received: the user's text files (gzip accepted; `\n` or
 * `\r\n` line ends), or generated lines. Every line becomes a row; `parse` says what it holds.
 */
export function lineSource<C extends PipelineConfig = PipelineConfig>(definition: LineSourceDefinition<C>): Dataset<C> {
  const issues = definitionIssues(lineSourceSchema, definition).map((m) => `source ${String(definition.name)}: ${m}`);
  if (issues.length) return refuseDefinition(issues, () => placeholderSource<C>(definition.name), inheritedProblems(definition.expect ?? [], `source ${String(definition.name)}`));
  const { input, generate, parse, generatedSource, ...rest } = definition;
  return dataset<C>({
    ...rest,
    source: { input, requiredColumns: [] },
    sql: (ctx) => {
      const d = ctx.dialect;
      const file = ctx.config.inputs[input];
      const tooLong = `${d.byteLength('line')} > ${MAX_LINE_BYTES}`;
      const lines = file
        ? `(SELECT CASE WHEN ${tooLong} THEN substr(line, 1, ${OVERSIZE_PREFIX_CHARS}) ELSE line END AS line, source,
       CASE WHEN ${tooLong} THEN concat('line of ', CAST(${d.byteLength('line')} AS ${d.textType}), ' bytes is over the limit of ${MAX_LINE_BYTES} bytes (64 MiB); its first ${OVERSIZE_PREFIX_CHARS} characters are kept') END AS line_error
FROM ${d.readLines(file.paths)} AS f)`
        : `(SELECT line, ${d.quote(generatedSource)} AS source, CAST(NULL AS ${d.textType}) AS line_error FROM (${generate(ctx)}) AS g)`;
      return parse(ctx, lines);
    },
  });
}
