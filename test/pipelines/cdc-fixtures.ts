import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reader, tempDir } from '../helpers.js';

export const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export const DAYS = ['2026-03-01', '2026-03-02', '2026-03-03'] as const;

type Customer = readonly [id: number, first: string, last: string, age: number, city: string, orders: number, spent: number];

const HEADER = 'customer_id,first_name,last_name,email,age,city,signup_date,total_orders,total_spent';
const row = ([id, first, last, age, city, orders, spent]: Customer) =>
  `${id},${first},${last},${first.toLowerCase()}.${last.toLowerCase()}@example.com,${age},${city},2025-06-0${id},${orders},${spent}`;

const ANN: Customer = [1, 'Ann', 'Lee', 30, 'Austin', 3, 120.5];
const BOB: Customer = [2, 'Bob', 'Ray', 41, 'Dallas', 5, 900];
const CAT: Customer = [3, 'Cat', 'Fox', 25, 'Boston', 1, 40];
const DAN: Customer = [4, 'Dan', 'Kim', 52, 'Denver', 7, 2000];
const EVE: Customer = [5, 'Eve', 'Orr', 35, 'Miami', 0, 0];

/**
 * Three daily snapshots of the customers. Day 2: Bob moves, Cat leaves, Dan spends more, Eve
 * signs up. Day 3: Ann has a birthday, Cat comes back as she was, Eve leaves.
 */
export const SNAPSHOTS: Readonly<Record<(typeof DAYS)[number], readonly Customer[]>> = {
  '2026-03-01': [ANN, BOB, CAT, DAN],
  '2026-03-02': [ANN, [2, 'Bob', 'Ray', 41, 'Chicago', 5, 900], [4, 'Dan', 'Kim', 52, 'Denver', 7, 2500.25], EVE],
  '2026-03-03': [[1, 'Ann', 'Lee', 31, 'Austin', 3, 120.5], [2, 'Bob', 'Ray', 41, 'Chicago', 5, 900], CAT, [4, 'Dan', 'Kim', 52, 'Denver', 7, 2500.25]],
};

/** Every version the history must hold after the three days: id, city, age, total_spent, valid_from, valid_to, is_current. */
export const EXPECTED_HISTORY = [
  [1, 'Austin', 30, 120.5, '2026-03-01', '2026-03-03', false],
  [1, 'Austin', 31, 120.5, '2026-03-03', null, true],
  [2, 'Dallas', 41, 900, '2026-03-01', '2026-03-02', false],
  [2, 'Chicago', 41, 900, '2026-03-02', null, true],
  [3, 'Boston', 25, 40, '2026-03-01', '2026-03-02', false],
  [3, 'Boston', 25, 40, '2026-03-03', null, true],
  [4, 'Denver', 52, 2000, '2026-03-01', '2026-03-02', false],
  [4, 'Denver', 52, 2500.25, '2026-03-02', null, true],
  [5, 'Miami', 35, 0, '2026-03-02', '2026-03-03', false],
];

const ALL_COLUMNS = 'first_name,last_name,email,age,city,signup_date,total_orders,total_spent';

/** The change sets of the three days: id, change_type, changed_columns, change_date. */
export const EXPECTED_CHANGES = [
  [1, 'insert', ALL_COLUMNS, '2026-03-01'],
  [2, 'insert', ALL_COLUMNS, '2026-03-01'],
  [3, 'insert', ALL_COLUMNS, '2026-03-01'],
  [4, 'insert', ALL_COLUMNS, '2026-03-01'],
  [2, 'update', 'city', '2026-03-02'],
  [3, 'delete', ALL_COLUMNS, '2026-03-02'],
  [4, 'update', 'total_spent', '2026-03-02'],
  [5, 'insert', ALL_COLUMNS, '2026-03-02'],
  [1, 'update', 'age', '2026-03-03'],
  [3, 'insert', ALL_COLUMNS, '2026-03-03'],
  [5, 'delete', ALL_COLUMNS, '2026-03-03'],
];

/** Writes the snapshot of `day` as a CSV file in `dir` and returns its path. */
export function snapshotFile(dir: string, day: (typeof DAYS)[number]): string {
  const path = join(dir, `customers-${day}.csv`);
  writeFileSync(path, [HEADER, ...SNAPSHOTS[day].map(row)].join('\n') + '\n');
  return path;
}

/** The snapshot of `day` as a Parquet file with the contract's types (Spark reads Parquet inputs only). */
export async function snapshotParquet(dir: string, day: (typeof DAYS)[number]): Promise<string> {
  const path = join(dir, `customers-${day}.parquet`);
  const types = "{'customer_id': 'INTEGER', 'first_name': 'VARCHAR', 'last_name': 'VARCHAR', 'email': 'VARCHAR', 'age': 'INTEGER', 'city': 'VARCHAR', 'signup_date': 'VARCHAR', 'total_orders': 'INTEGER', 'total_spent': 'DOUBLE'}";
  await (await reader()).execute(`COPY (SELECT * FROM read_csv('${snapshotFile(dir, day)}', header = true, columns = ${types})) TO '${path}' (FORMAT parquet)`);
  return path;
}

/** A CSV of customers exactly as given (header and lines). */
export function customersFile(dir: string, name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

export const CSV_HEADER = HEADER;
export const csvRow = row;

/** Generated transactions and products kept tiny; transactions buy from customers 1…5. */
export const SMALL = ['--customers', '5', '--transactions', '200', '--products', '10', '--seed', '3', '--quiet'];

export function medallion(args: readonly string[], env: NodeJS.ProcessEnv = process.env): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env, timeout: 600_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the data pipeline for `day` with that day's customer snapshot; fails the test on a failed run. */
export function runDay(dataDir: string, inputDir: string, day: (typeof DAYS)[number], extra: readonly string[] = [], file = snapshotFile(inputDir, day)): void {
  const out = medallion(['run', 'data', '--data-dir', dataDir, '--as-of', day, '--input-customers', file, ...SMALL, ...extra]);
  if (out.code !== 0) throw new Error(`run of ${day} failed (${out.code}): ${out.stderr}${out.stdout.slice(-2000)}`);
}

/** The SQL that lists history rows in the shape of `EXPECTED_HISTORY`, over `relation`. */
export function historyQuery(relation: string): string {
  return `SELECT customer_id, city, age, total_spent, CAST(valid_from AS VARCHAR) AS valid_from, CAST(valid_to AS VARCHAR) AS valid_to, is_current
FROM ${relation} ORDER BY customer_id, valid_from`;
}

/** The SQL that lists change rows in the shape of `EXPECTED_CHANGES`, over `relation`. */
export function changesQuery(relation: string): string {
  return `SELECT customer_id, change_type, changed_columns, CAST(change_date AS VARCHAR) AS change_date FROM ${relation} ORDER BY change_date, customer_id`;
}

/** Rows as plain arrays of their values, in column order. */
export function tuples(rows: ReadonlyArray<Record<string, unknown>>): unknown[][] {
  return rows.map((r) => Object.values(r).map((v) => (typeof v === 'bigint' ? Number(v) : v)));
}

/** The three days, run one after the other into a fresh data dir. */
export function threeDays(extra: readonly string[] = []): { dataDir: string; inputDir: string } {
  const dataDir = tempDir();
  const inputDir = tempDir();
  for (const day of DAYS) runDay(dataDir, inputDir, day, extra);
  return { dataDir, inputDir };
}
