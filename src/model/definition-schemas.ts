import { z } from 'zod';

/**
 * The shapes of what a user declares, as zod schemas: every key known (an unknown one is a
 * mistake, most often a typo), every value of the type and set it must be. The TypeScript types
 * say the same to the editor and `tsc`; these say it to a project loaded without a type check.
 */

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', { error: (issue) => `expected a function, got ${typeof issue.input}` });
const text = z.string();
const name = z.string().min(1, { error: 'must not be empty' });
const columnList = z.array(z.string());
const share = z.number().min(0, { error: 'must be from 0 to 1' }).max(1, { error: 'must be from 0 to 1' });

export const EXPECTATION_ACTIONS = ['warn', 'drop', 'quarantine', 'fail'] as const;
export const COLUMN_TYPES = ['INTEGER', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'TEXT', 'DATE', 'TIMESTAMP'] as const;
export const INPUT_FORMATS = ['jsonl', 'csv', 'parquet'] as const;

export const toleranceSchema = z.strictObject({
  rows: z.int().min(0, { error: 'must be 0 or more' }).optional(),
  fraction: share.optional(),
});

/** The options every expectation takes. */
export const expectOptionsShape = {
  action: z.enum(EXPECTATION_ACTIONS).optional(),
  name: name.optional(),
  tolerance: toleranceSchema.optional(),
  maxRejected: share.optional(),
};
export const expectOptionsSchema = z.strictObject(expectOptionsShape);

export const rangeBoundsSchema = z
  .strictObject({ min: z.number().optional(), max: z.number().optional(), minExclusive: z.boolean().optional(), maxExclusive: z.boolean().optional() })
  .superRefine((b, ctx) => {
    if (b.min === undefined && b.max === undefined) ctx.addIssue({ code: 'custom', message: 'needs a min or a max' });
    if (b.min !== undefined && b.max !== undefined && b.min > b.max) ctx.addIssue({ code: 'custom', message: `min ${b.min} is above max ${b.max}: no value can pass` });
    if (b.minExclusive !== undefined && b.min === undefined) ctx.addIssue({ code: 'custom', message: 'minExclusive without a min' });
    if (b.maxExclusive !== undefined && b.max === undefined) ctx.addIssue({ code: 'custom', message: 'maxExclusive without a max' });
  });

export const rowCountBoundsSchema = z
  .strictObject({ min: z.int().min(0).optional(), max: z.int().min(0).optional() })
  .superRefine((b, ctx) => {
    if (b.min === undefined && b.max === undefined) ctx.addIssue({ code: 'custom', message: 'needs a min or a max' });
    if (b.min !== undefined && b.max !== undefined && b.min > b.max) ctx.addIssue({ code: 'custom', message: `min ${b.min} is above max ${b.max}` });
  });

export const customOptionsSchema = z.strictObject({
  ...expectOptionsShape,
  name: z.never({ error: 'is the first argument of expect.custom' }).optional(),
  description: text.optional(),
  reason: z.union([text, fn]).optional(),
  columns: columnList.optional(),
});

export const rowsSatisfyOptionsSchema = z.strictObject({ ...expectOptionsShape, description: text.optional(), columns: columnList.optional() });

export const reconcileSpecSchema = z.strictObject({ expr: text, dataset: text, refExpr: text, where: z.union([text, fn]).optional(), within: z.number().min(0) });

/** An expectation as `expect.*` makes it. */
const expectationSchema = z.custom<object>((v) => typeof v === 'object' && v !== null && ((v as { scope?: unknown }).scope === 'row' || (v as { scope?: unknown }).scope === 'table'), {
  error: 'expected an expectation made with expect.* (e.g. expect.notNull(\'id\'))',
});

const keepRuleSchema = z.strictObject({ name, condition: text });
const mergeSchema = z.strictObject({ keys: columnList, sums: columnList, orderBy: text.optional() });
const incrementalSchema = z.union([z.literal('daily'), z.literal('full'), z.strictObject({ merge: mergeSchema })], {
  error: (issue) => `expected 'daily', 'full' or { merge: { keys, sums } }, got ${typeof issue.input === 'string' ? `'${issue.input}'` : typeof issue.input}`,
});

const testValue = z.union([z.string(), z.number(), z.boolean(), z.null()], { error: 'expected a string, number, boolean or null' });
const testRows = z.array(z.record(z.string(), testValue));
const datasetTestSchema = z.strictObject({
  name: text,
  given: z.record(z.string(), testRows).optional(),
  expect: testRows.optional(),
  filtered: z.record(z.string(), testRows).optional(),
  dropped: z.record(z.string(), testRows).optional(),
  quarantined: z.record(z.string(), testRows).optional(),
  fails: text.optional(),
  tolerance: z.number().min(0).optional(),
});

export const datasetSchema = z.strictObject({
  name: text,
  description: text,
  columns: z.record(z.string(), text),
  sql: fn,
  keep: z.array(keepRuleSchema).optional(),
  expect: z.array(expectationSchema).optional(),
  keys: columnList.optional(),
  mapReduce: z.strictObject({ pattern: text, map: text, reduce: text }).optional(),
  breakdown: text.optional(),
  source: z.strictObject({ input: text, requiredColumns: columnList }).optional(),
  rowWise: z.boolean().optional(),
  partitionBy: text.optional(),
  incremental: incrementalSchema.optional(),
  tests: z.array(datasetTestSchema).optional(),
});

export const sourceSchema = z.strictObject({
  name: text,
  description: text,
  columns: z.record(z.string(), z.strictObject({ type: z.enum(COLUMN_TYPES), doc: text })),
  keys: columnList.optional(),
  input: text.optional(),
  generate: fn.optional(),
  expect: z.array(expectationSchema).optional(),
  rowWise: z.boolean().optional(),
  partitionBy: text.optional(),
});

export const lineSourceSchema = z.strictObject({
  name: text,
  description: text,
  columns: z.record(z.string(), text),
  keys: columnList.optional(),
  input: text,
  generate: fn,
  generatedSource: text,
  parse: fn,
  expect: z.array(expectationSchema).optional(),
  mapReduce: z.strictObject({ pattern: text, map: text, reduce: text }).optional(),
  breakdown: text.optional(),
  rowWise: z.boolean().optional(),
  partitionBy: text.optional(),
});

const sizeSchema = z.strictObject({ default: z.int().min(1), flag: text.optional(), help: text, replacedBy: text.optional(), scales: z.boolean().optional() });
const inputSchema = z.strictObject({ flag: text.optional(), formats: z.array(z.enum(INPUT_FORMATS)).min(1, { error: 'name at least one format' }), help: text, default: text.optional() });
const fractionSchema = z.strictObject({ default: share, flag: text.optional(), help: text });

export const configSpecSchema = z.strictObject({
  defaultDataDir: text.optional(),
  sizes: z.record(z.string(), sizeSchema).optional(),
  inputs: z.record(z.string(), inputSchema).optional(),
  fractions: z.record(z.string(), fractionSchema).optional(),
});

const chartSchema = z.strictObject({ title: text, subtitle: text.optional(), sql: fn, option: fn, height: z.number().positive().optional() });

export const pipelineSchema = z.strictObject({
  name: text,
  description: text.optional(),
  title: text.optional(),
  layerTitles: z.strictObject({ bronze: text.optional(), silver: text.optional(), gold: text.optional() }).optional(),
  config: configSpecSchema.optional(),
  configure: fn.optional(),
  sources: z.array(z.unknown()).optional(),
  datasets: z.array(z.unknown()),
  charts: z.record(z.string(), z.array(chartSchema)).optional(),
});

export const projectConfigSchema = z.strictObject({ pipelines: z.array(z.unknown()) });
