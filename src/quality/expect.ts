import type { DatasetContext } from '../model/dataset.js';
import type { Expectation, ExpectationAction, ExpectationKind, RowExpectation, TableExpectation, Tolerance } from '../model/expectation.js';
import { z } from 'zod';
import { definitionIssues } from '../model/definition-issues.js';
import { aggregateMeasure } from './profile.js';
import { refuseDefinition } from '../model/definition-problems.js';
import {
  customOptionsSchema,
  expectOptionsSchema,
  rangeBoundsSchema,
  reconcileSpecSchema,
  rowCountBoundsSchema,
  rowsSatisfyOptionsSchema,
} from '../model/definition-schemas.js';

/** Options every expectation takes. */
export interface ExpectOptions {
  /** Default `warn`. */
  action?: ExpectationAction;
  /** Default: the kind and its columns, e.g. `not_null(customer_id)`. */
  name?: string;
  tolerance?: Tolerance;
  /** For drop and quarantine: the share of rows (0–1) it may remove before the run stops; default 0.5. */
  maxRejected?: number;
}

type TableOptions = Omit<ExpectOptions, 'action'> & { action?: 'warn' | 'fail' };

const columnName = z.string().min(1, { error: 'must not be empty' });
const columnNames = z.array(columnName).min(1, { error: 'name at least one column' });
const sqlText = z.string();
const sqlCondition = z.union([z.string(), z.custom<() => string>((v) => typeof v === 'function')], { error: 'expected SQL text or a function of the context' });

/** One argument of an expectation, the schema it must fit, and what to call it in a message (none for option objects). */
type Argument = readonly [schema: z.ZodType, value: unknown, root?: string];

/**
 * The arguments of an expectation, checked before it is built: undefined when they fit, else what
 * stands for the expectation in its dataset (see `refuseDefinition`), carrying every problem.
 */
function refused<C>(kind: ExpectationKind, defaultName: string, scope: 'row' | 'table', args: readonly Argument[], options: unknown): Expectation<C> | undefined {
  const problems = args.flatMap(([schema, value, root]) => definitionIssues(schema, value, root));
  const action = (options as { action?: unknown } | undefined)?.action;
  if (scope === 'table' && (action === 'drop' || action === 'quarantine')) {
    problems.push(`action '${action}': a ${kind} expectation checks the whole dataset and can only warn or fail`);
  }
  const maxRejected = (options as { maxRejected?: unknown } | undefined)?.maxRejected;
  if (maxRejected !== undefined && action !== 'drop' && action !== 'quarantine' && !problems.length) {
    problems.push(`maxRejected is the share of rows a drop or quarantine may remove: it has no effect with action '${String(action ?? 'warn')}'`);
  }
  if (!problems.length) return undefined;
  const given = (options as { name?: unknown } | undefined)?.name;
  const name = typeof given === 'string' && given ? given : defaultName;
  return refuseDefinition(
    problems.map((p) => `expectation ${name}: ${p}`),
    (): RowExpectation<C> => ({ scope, kind, name, action: 'warn', description: name, columns: [], passes: () => '1 = 1' }) as RowExpectation<C>,
  );
}

/** Identifiers are quoted by the dialect: double quotes are a string literal on Spark. */
const q = (ctx: { dialect: { identifier(name: string): string } }, column: string) => ctx.dialect.identifier(column);

function row<C>(
  kind: RowExpectation['kind'],
  defaultName: string,
  description: string,
  columns: readonly string[],
  passes: (ctx: DatasetContext<C>) => string,
  options: ExpectOptions,
  reason?: (ctx: DatasetContext<C>) => string,
  references?: RowExpectation<C>['references'],
): RowExpectation<C> {
  return Object.freeze({
    ...(references ? { references } : {}),
    scope: 'row' as const,
    kind,
    name: options.name ?? defaultName,
    action: options.action ?? 'warn',
    description,
    columns,
    ...(options.tolerance ? { tolerance: options.tolerance } : {}),
    ...(options.maxRejected === undefined ? {} : { maxRejected: options.maxRejected }),
    passes,
    ...(reason ? { reason } : {}),
  });
}

function table<C>(
  kind: TableExpectation['kind'],
  defaultName: string,
  description: string,
  columns: readonly string[],
  measured: { measure: TableExpectation<C>['measure'] } | { aggregate: NonNullable<TableExpectation<C>['aggregate']> },
  options: TableOptions,
  examples?: TableExpectation<C>['examples'],
): TableExpectation<C> {
  // A check of aggregates is its own measure too: one definition, whether it rides in the
  // profile's scan or is run alone (`medallion test`).
  const how =
    'aggregate' in measured
      ? { aggregate: measured.aggregate, measure: (ctx: DatasetContext<C>, relation: string) => aggregateMeasure(measured.aggregate(ctx), relation) }
      : measured;
  return Object.freeze({
    scope: 'table' as const,
    kind,
    name: options.name ?? defaultName,
    action: options.action ?? 'warn',
    description,
    columns,
    ...(options.tolerance ? { tolerance: options.tolerance } : {}),
    ...how,
    ...(examples ? { examples } : {}),
  });
}

/** Declarative data-quality expectations; each compiles to SQL through the dialect. */
/**
 * The reason a row is set aside, as SQL text: what was found, then what was expected
 * (`amount = -5 (expected > 0)`), the value cut to 80 characters.
 */
function found<C>(column: string, expected: string): (ctx: DatasetContext<C>) => string {
  return (ctx) => ctx.dialect.concat([ctx.dialect.quote(`${column} = `), `substr(CAST(${q(ctx, column)} AS STRING), 1, 80)`, ctx.dialect.quote(` (expected ${expected})`)]);
}

export const expect = {
  notNull<C>(column: string, options: ExpectOptions = {}): Expectation<C> {
    const invalid = refused<C>('not_null', `not_null(${column})`, 'row', [[columnName, column, 'column'], [expectOptionsSchema, options]], options);
    if (invalid) return invalid;
    return row<C>('not_null', `not_null(${column})`, `${column} is not null`, [column], (ctx) => `${q(ctx, column)} IS NOT NULL`, options, (ctx) => ctx.dialect.quote(`${column} is null (expected not null)`));
  },

  /** Values (when not null) are one of `values`. */
  acceptedValues<C>(column: string, values: readonly string[], options: ExpectOptions = {}): Expectation<C> {
    const invalid = refused<C>('accepted_values', `accepted_values(${column})`, 'row', [[columnName, column, 'column'], [z.array(z.string()).min(1, { error: 'name at least one value' }), values, 'values'], [expectOptionsSchema, options]], options);
    if (invalid) return invalid;
    return row<C>(
      'accepted_values',
      `accepted_values(${column})`,
      `${column} is one of ${values.join(', ')}`,
      [column],
      (ctx) => `${q(ctx, column)} IS NULL OR ${q(ctx, column)} IN (${values.map((v) => ctx.dialect.quote(v)).join(', ')})`,
      options,
      found(column, `one of ${values.join(', ')}`),
    );
  },

  /** Values (when not null) lie between `min` and `max`, inclusive unless told otherwise. */
  range<C>(
    column: string,
    bounds: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean },
    options: ExpectOptions = {},
  ): Expectation<C> {
    const invalid = refused<C>('range', `range(${column})`, 'row', [[columnName, column, 'column'], [rangeBoundsSchema, bounds], [expectOptionsSchema, options]], options);
    if (invalid) return invalid;
    const parts: string[] = [];
    const text: string[] = [];
    if (bounds.min !== undefined) {
      parts.push(`${bounds.minExclusive ? '>' : '>='} ${bounds.min}`);
      text.push(`${bounds.minExclusive ? '>' : '≥'} ${bounds.min}`);
    }
    if (bounds.max !== undefined) {
      parts.push(`${bounds.maxExclusive ? '<' : '<='} ${bounds.max}`);
      text.push(`${bounds.maxExclusive ? '<' : '≤'} ${bounds.max}`);
    }
    return row<C>('range', `range(${column})`, `${column} ${text.join(' and ')}`, [column], (ctx) => `${q(ctx, column)} IS NULL OR (${parts.map((p) => `${q(ctx, column)} ${p}`).join(' AND ')})`, options, found(column, text.join(' and ')));
  },

  /** Text values (when not null) match the regular expression as a whole. */
  pattern<C>(column: string, regex: string, options: ExpectOptions = {}): Expectation<C> {
    const invalid = refused<C>('pattern', `pattern(${column})`, 'row', [[columnName, column, 'column'], [sqlText, regex, 'regex'], [expectOptionsSchema, options]], options);
    if (invalid) return invalid;
    return row<C>('pattern', `pattern(${column})`, `${column} matches /${regex}/`, [column], (ctx) => `${q(ctx, column)} IS NULL OR ${ctx.dialect.fullMatch(q(ctx, column), regex)}`, options, found(column, `to match /${regex}/`));
  },

  /** Every value (when not null) exists in `refColumn` of another dataset: referential integrity. */
  references<C>(column: string, dataset: string, refColumn = column, options: ExpectOptions = {}): Expectation<C> {
    const invalid = refused<C>('references', `references(${column} -> ${dataset}.${refColumn})`, 'row', [[columnName, column, 'column'], [columnName, dataset, 'dataset'], [columnName, refColumn, 'refColumn'], [expectOptionsSchema, options]], options);
    if (invalid) return invalid;
    return row<C>(
      'references',
      `references(${column} -> ${dataset}.${refColumn})`,
      `every ${column} exists in ${dataset}.${refColumn}`,
      [column],
      (ctx) => `${q(ctx, column)} IS NULL OR ${q(ctx, column)} IN (SELECT ${q(ctx, refColumn)} FROM ${ctx.ref(dataset)} AS referenced)`,
      options,
      found(column, `a ${refColumn} of ${dataset}`),
      { dataset, column: refColumn },
    );
  },

  /** A SQL boolean that must hold on every row; `reason` is an optional SQL text expression. */
  custom<C>(
    name: string,
    condition: string | ((ctx: DatasetContext<C>) => string),
    options: Omit<ExpectOptions, 'name'> & {
      description?: string;
      reason?: string | ((ctx: DatasetContext<C>) => string);
      columns?: string[];
    } = {},
  ): Expectation<C> {
    const invalid = refused<C>('custom', String(name), 'row', [[columnName, name, 'name'], [sqlCondition, condition, 'condition'], [customOptionsSchema, options]], options);
    if (invalid) return invalid;
    const passes = typeof condition === 'string' ? () => condition : condition;
    const reason = options.reason;
    return row<C>(
      'custom',
      name,
      options.description ?? (typeof condition === 'string' ? condition : name),
      options.columns ?? [],
      passes,
      { ...options, name },
      reason === undefined ? undefined : typeof reason === 'string' ? () => reason : reason,
    );
  },

  /**
   * A SQL boolean that must hold on every row of the dataset as written. Checked with one scan of
   * the written files rather than of the dataset's query: the cheap way to guard an expensive
   * source (can only warn or fail).
   */
  rowsSatisfy<C>(name: string, condition: string, options: TableOptions & { description?: string; columns?: string[] } = {}): Expectation<C> {
    const invalid = refused<C>('custom', String(name), 'table', [[columnName, name, 'name'], [sqlText, condition, 'condition'], [rowsSatisfyOptionsSchema, options]], options);
    if (invalid) return invalid;
    return table<C>(
      'custom',
      name,
      options.description ?? condition,
      options.columns ?? [],
      {
        aggregate: (ctx) => ({
          own: { failures: `sum(CASE WHEN coalesce((${condition}), false) THEN 0 ELSE 1 END)`, checked: 'count(*)' },
          result: (value) => ({ failures: value('failures'), checked: value('checked'), observed: `CAST(NULL AS ${ctx.dialect.textType})` }),
        }),
      },
      options,
      (_ctx, relation) =>
        `SELECT ${(options.columns?.length ? options.columns.map((c) => q(_ctx, c)) : ['*']).join(', ')} FROM ${relation} AS r WHERE NOT coalesce((${condition}), false) LIMIT 3`,
    );
  },

  /** No two rows share the same values of `columns`. */
  unique<C>(columns: readonly string[], options: TableOptions = {}): Expectation<C> {
    const invalid = refused<C>('unique', `unique(${Array.isArray(columns) ? columns.join(', ') : String(columns)})`, 'table', [[columnNames, columns, 'columns'], [expectOptionsSchema, options]], options);
    if (invalid) return invalid;
    const cols = (ctx: DatasetContext<C>) => columns.map((c) => q(ctx, c)).join(', ');
    const nonNull = (ctx: DatasetContext<C>) => columns.map((c) => `${q(ctx, c)} IS NOT NULL`).join(' AND ');
    return table<C>(
      'unique',
      `unique(${columns.join(', ')})`,
      `no two rows share ${columns.join(', ')}`,
      columns,
      {
        measure: (ctx, relation) => `
SELECT coalesce(sum(n), 0) AS failures, (SELECT count(*) FROM ${relation} AS all_rows) AS checked,
       CAST(count(*) AS ${ctx.dialect.textType}) AS observed
FROM (SELECT ${cols(ctx)}, count(*) AS n FROM ${relation} AS r WHERE ${nonNull(ctx)} GROUP BY ${cols(ctx)} HAVING count(*) > 1) AS duplicated`,
      },
      options,
      (ctx, relation) => `SELECT ${cols(ctx)}, count(*) AS occurrences FROM ${relation} AS r WHERE ${nonNull(ctx)} GROUP BY ${cols(ctx)} HAVING count(*) > 1 ORDER BY occurrences DESC LIMIT 3`,
    );
  },

  /** The dataset has between `min` and `max` rows. */
  rowCount<C>(bounds: { min?: number; max?: number }, options: TableOptions = {}): Expectation<C> {
    const invalid = refused<C>('row_count', 'row_count', 'table', [[rowCountBoundsSchema, bounds], [expectOptionsSchema, options]], options);
    if (invalid) return invalid;
    const beyond = (n: string) => [bounds.min !== undefined ? `${n} < ${bounds.min}` : undefined, bounds.max !== undefined ? `${n} > ${bounds.max}` : undefined].filter(Boolean).join(' OR ');
    return table<C>(
      'row_count',
      'row_count',
      `row count ${bounds.min !== undefined ? `≥ ${bounds.min}` : ''}${bounds.min !== undefined && bounds.max !== undefined ? ' and ' : ''}${bounds.max !== undefined ? `≤ ${bounds.max}` : ''}`,
      [],
      {
        aggregate: (ctx) => ({
          own: { n: 'count(*)' },
          result: (value) => ({ failures: `CASE WHEN ${beyond(value('n'))} THEN 1 ELSE 0 END`, checked: '1', observed: `CAST(${value('n')} AS ${ctx.dialect.textType})` }),
        }),
      },
      options,
    );
  },

  /**
   * The newest value of a timestamp column is at most `maxAgeHours` older than the time the run is
   * for: the end of the last day of a run over days (`--date`, `--from/--to`: a backfill of a past
   * day is as fresh as that day), otherwise the start of the as-of date. What it observed names
   * the threshold it compared with.
   */
  freshness<C extends { asOf: string; window?: { readonly days: readonly string[] } }>(column: string, maxAgeHours: number, options: TableOptions = {}): Expectation<C> {
    const invalid = refused<C>('freshness', `freshness(${column})`, 'table', [[columnName, column, 'column'], [z.number().positive({ error: 'must be more than 0' }), maxAgeHours, 'maxAgeHours'], [expectOptionsSchema, options]], options);
    if (invalid) return invalid;
    return table<C>(
      'freshness',
      `freshness(${column})`,
      `newest ${column} within ${maxAgeHours} h of the time the run is for`,
      [column],
      {
        aggregate: (ctx) => {
          const lastDay = ctx.config.window?.days.at(-1);
          const [reference, referenceText] = lastDay
            ? [Date.parse(`${lastDay}T00:00:00Z`) / 1000 + 86_400, `the end of ${lastDay}`]
            : [Date.parse(`${ctx.config.asOf}T00:00:00Z`) / 1000, `as-of ${ctx.config.asOf}`];
          const threshold = reference - maxAgeHours * 3600;
          const thresholdText = new Date(threshold * 1000).toISOString().slice(0, 19).replace('T', ' ');
          const d = ctx.dialect;
          return {
            own: { newest: `max(${q(ctx, column)})` },
            result: (value) => ({
              failures: `CASE WHEN ${value('newest')} IS NULL OR ${d.epochSeconds(value('newest'))} < ${threshold} THEN 1 ELSE 0 END`,
              checked: '1',
              observed: d.concat([
                `coalesce(CAST(${value('newest')} AS ${d.textType}), 'no ${column}')`,
                d.quote(` (threshold ${thresholdText} UTC: ${maxAgeHours} h before ${referenceText})`),
              ]),
            }),
          };
        },
      },
      options,
    );
  },

  /**
   * An aggregate of this dataset equals an aggregate of another one, within `within`
   * (absolute): gold totals that must reconcile with silver.
   */
  reconciles<C>(
    name: string,
    spec: { expr: string; dataset: string; refExpr: string; where?: string | ((ctx: DatasetContext<C>) => string); within: number },
    options: TableOptions = {},
  ): Expectation<C> {
    const invalid = refused<C>('reconciles', String(name), 'table', [[columnName, name, 'name'], [reconcileSpecSchema, spec], [expectOptionsSchema, options]], options);
    if (invalid) return invalid;
    return table<C>(
      'reconciles',
      name,
      `${spec.expr} equals ${spec.refExpr} of ${spec.dataset}${typeof spec.where === 'string' ? ` where ${spec.where}` : spec.where ? ' (filtered)' : ''} (±${spec.within})`,
      [],
      {
        aggregate: (ctx) => ({
          own: { mine: spec.expr },
          other: {
            from: `${ctx.ref(spec.dataset)} AS s${spec.where ? ` WHERE ${typeof spec.where === 'string' ? spec.where : spec.where(ctx)}` : ''}`,
            aggregates: { theirs: spec.refExpr },
          },
          result: (value) => ({
            failures: `CASE WHEN abs(coalesce(${value('mine')}, 0) - coalesce(${value('theirs')}, 0)) > ${spec.within} THEN 1 ELSE 0 END`,
            checked: '1',
            observed: ctx.dialect.concat([`CAST(${value('mine')} AS ${ctx.dialect.textType})`, "' vs '", `CAST(${value('theirs')} AS ${ctx.dialect.textType})`]),
          }),
        }),
      },
      options,
    );
  },
};
