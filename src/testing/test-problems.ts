import type { TestRow } from '../model/dataset-test.js';
import { didYouMean } from '../model/did-you-mean.js';
import { columnsOf as columnsOfSchema, type DerivedSchema } from '../check/derive-schemas.js';

const columnsOf = (schema: DerivedSchema) => columnsOfSchema(schema).map((c) => c.name);

function unknownColumns(rows: readonly TestRow[], known: readonly string[], where: string): string[] {
  const named = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return named.filter((c) => !known.includes(c)).map((c) => `no column '${c}' in ${where}${didYouMean(c, known)}`);
}

/**
 * What a dataset's tests name that it does not have: an input it does not read, a column its
 * input or its output does not have, a keep rule or expectation it does not have or of another
 * action. Each is a line naming the dataset and the test, as `medallion check` words its own.
 */
export function testProblems(schema: DerivedSchema, derived: ReadonlyMap<string, DerivedSchema>): string[] {
  const dataset = schema.dataset;
  const problems: string[] = [];
  const output = columnsOf(schema);
  const keepRules = (dataset.keep ?? []).map((r) => r.name);
  const expectations = dataset.expect ?? [];
  const named = (action: string) => expectations.filter((e) => e.action === action).map((e) => e.name);
  if (dataset.name.startsWith('bronze.')) problems.push(`${dataset.name}: tests are for silver and gold datasets: a bronze source reads files, not inputs`);
  for (const test of dataset.tests ?? []) {
    const of = `${dataset.name}: test '${test.name}'`;
    const say = (message: string) => problems.push(`${of}: ${message}`);
    for (const [input, rows] of Object.entries(test.given ?? {})) {
      const inputSchema = derived.get(input);
      if (!schema.inputs.includes(input) || !inputSchema) {
        const hint = didYouMean(input, schema.inputs) || ` (it reads ${schema.inputs.join(', ') || 'nothing'})`;
        say(`given '${input}', which ${dataset.name} does not read${hint}`);
        continue;
      }
      for (const message of unknownColumns(rows, columnsOf(inputSchema), input)) say(`given: ${message}`);
    }
    for (const message of unknownColumns(test.expect ?? [], output, dataset.name)) say(`expect: ${message}`);
    const groups: ReadonlyArray<readonly [string, Readonly<Record<string, readonly TestRow[]>> | undefined, readonly string[], string]> = [
      ['filtered', test.filtered, keepRules, 'keep rule'],
      ['dropped', test.dropped, named('drop'), 'drop expectation'],
      ['quarantined', test.quarantined, named('quarantine'), 'quarantine expectation'],
    ];
    for (const [key, byName, known, what] of groups) {
      for (const [name, rows] of Object.entries(byName ?? {})) {
        if (!known.includes(name)) say(`${key}: no ${what} named '${name}'${didYouMean(name, known) || (known.length ? ` (it has ${known.join(', ')})` : '')}`);
        // Removed rows are the candidate rows: every column the SQL returns.
        const returned = (schema.returned ?? []).map((c) => c.name);
        for (const message of unknownColumns(rows, returned, `the rows of ${dataset.name}`)) say(`${key}: ${message}`);
      }
    }
    if (test.fails !== undefined && !named('fail').includes(test.fails)) say(`fails: no fail expectation named '${test.fails}'${didYouMean(test.fails, named('fail'))}`);
  }
  return problems;
}
