import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../model/errors.js';
import { medallionDependency, typescriptDependency } from './medallion-dependency.js';

/** The files of a new project, by path: an example pipeline over a CSV file, ready to run. */
const FILES: Readonly<Record<string, string>> = {
  'medallion.config.ts': `import { defineConfig } from 'medallion';
import orders from './pipelines/orders.ts';

export default defineConfig({ pipelines: [orders] });
`,
  'pipelines/orders.ts': `import { dataset, expect, pipeline, source } from 'medallion';

/** Orders as received: every row of the CSV, typed. A value that does not convert is quarantined. */
const orders = source({
  name: 'bronze.orders',
  description: 'Orders exactly as exported by the shop, one row per order.',
  input: 'orders',
  // With --date, a file is that day's export: its rows are tagged with the day, kept by day.
  partitionBy: 'order_date',
  columns: {
    order_id: { type: 'INTEGER', doc: 'Order key.' },
    customer: { type: 'TEXT', doc: 'Who ordered.' },
    country: { type: 'TEXT', doc: 'Country code of the delivery address.' },
    status: { type: 'TEXT', doc: 'placed, shipped or cancelled.' },
    amount: { type: 'DOUBLE', doc: 'Order total.' },
    ordered_at: { type: 'TIMESTAMP', doc: 'When the order was placed.' },
  },
  keys: ['order_id'],
});

/** Orders that count: not cancelled, with a positive amount. */
const ordersClean = dataset({
  name: 'silver.orders_clean',
  description: 'Orders that were not cancelled, with their day.',
  partitionBy: 'order_date',
  columns: {
    order_id: 'Order key.',
    customer: 'Who ordered.',
    country: 'Country code.',
    amount: 'Order total (> 0).',
    order_date: 'Day the order was placed.',
  },
  keys: ['order_id'],
  keep: [{ name: 'not_cancelled', condition: "status <> 'cancelled'" }],
  expect: [
    expect.unique(['order_id'], { action: 'fail' }),
    expect.range('amount', { min: 0, minExclusive: true }, { action: 'drop', name: 'positive_amount' }),
    expect.notNull('country', { action: 'quarantine' }),
    expect.acceptedValues('status', ['placed', 'shipped', 'cancelled']),
  ],
  sql: ({ ref }) => \`
    SELECT order_id, customer, country, amount, CAST(ordered_at AS DATE) AS order_date, status
    FROM \${ref('bronze.orders')} AS o\`,
  // medallion test: these rows alone go through the SQL, the keep rule and the expectations.
  tests: [
    {
      name: 'cancelled, negative and country-less orders are set apart, each by its rule',
      given: {
        'bronze.orders': [
          { order_id: 1, country: 'NO', status: 'shipped', amount: 10.5, ordered_at: '2026-11-02 09:15:00' },
          { order_id: 2, country: 'SE', status: 'cancelled', amount: 20, ordered_at: '2026-11-02 10:00:00' },
          { order_id: 3, country: 'DK', status: 'placed', amount: -1, ordered_at: '2026-11-03 11:00:00' },
          { order_id: 4, country: null, status: 'placed', amount: 7, ordered_at: '2026-11-03 12:00:00' },
        ],
      },
      expect: [{ order_id: 1, country: 'NO', amount: 10.5, order_date: '2026-11-02' }],
      filtered: { not_cancelled: [{ order_id: 2 }] },
      dropped: { positive_amount: [{ order_id: 3 }] },
      quarantined: { 'not_null(country)': [{ order_id: 4 }] },
    },
  ],
});

const revenueByCountry = dataset({
  name: 'gold.revenue_by_country',
  description: 'Orders and revenue per country, largest first.',
  columns: { country: 'Country code.', orders: 'Orders.', revenue: 'Sum of amounts, 2 decimals.' },
  expect: [expect.rowCount({ min: 1 }, { action: 'fail' })],
  sql: ({ ref }) => \`
    SELECT country, count(*) AS orders, round(sum(amount), 2) AS revenue
    FROM \${ref('silver.orders_clean')} AS o
    GROUP BY country
    ORDER BY revenue DESC, country\`,
});

const dailyRevenue = dataset({
  name: 'gold.daily_revenue',
  description: 'Orders and revenue per day.',
  partitionBy: 'order_date',
  columns: { order_date: 'Day.', orders: 'Orders.', revenue: 'Sum of amounts, 2 decimals.' },
  sql: ({ ref }) => \`
    SELECT order_date, count(*) AS orders, round(sum(amount), 2) AS revenue
    FROM \${ref('silver.orders_clean')} AS o
    GROUP BY order_date
    ORDER BY order_date\`,
});

export default pipeline({
  name: 'orders',
  description: 'Shop orders from a CSV export to revenue per country and per day.',
  config: {
    inputs: { orders: { formats: ['csv', 'parquet'], default: 'input/orders.csv', help: 'the orders export (CSV with a header, or Parquet)' } },
  },
  sources: [orders],
  datasets: [ordersClean, revenueByCountry, dailyRevenue],
});
`,
  'input/orders.csv': `order_id,customer,country,status,amount,ordered_at
1,ann,NO,shipped,120.50,2026-11-02 09:15:00
2,bob,SE,placed,35.00,2026-11-02 10:01:00
3,cy,NO,shipped,18.90,2026-11-02 11:45:00
4,dee,DK,cancelled,250.00,2026-11-03 08:30:00
5,eve,SE,shipped,99.99,2026-11-03 12:00:00
6,fay,NO,placed,-5.00,2026-11-03 13:10:00
7,gus,DK,shipped,42.00,2026-11-04 09:00:00
8,hal,,placed,61.25,2026-11-04 10:20:00
9,ivy,SE,shipped,not-a-number,2026-11-04 11:00:00
10,jon,NO,placed,77.70,2026-11-05 15:45:00
`,
  'README.md': `# A medallion project

\`pipelines/orders.ts\` is one pipeline: the CSV export in \`input/orders.csv\` (bronze) becomes
cleaned orders (silver) and revenue per country and per day (gold).

\`\`\`bash
medallion run orders                      # builds bronze, silver and gold into data/orders/
medallion show orders gold/revenue_by_country
medallion quality orders                  # every expectation of the last run
medallion sql orders                      # every statement a run sends, in order
medallion run orders --input-orders other-export.csv
medallion run orders --date 2026-11-06 --input-orders export-2026-11-06.csv   # one more day: only what it changes is rebuilt
medallion status orders                   # the days processed, and the gaps
medallion list
\`\`\`

(In a clone of medallion that is not installed, type \`npx medallion\` for \`medallion\`.)

The example file has a few bad rows on purpose: a cancelled order (filtered by the keep rule
\`not_cancelled\`), a negative amount (dropped by \`positive_amount\`), an order without a country
(quarantined), and an amount that is not a number (quarantined in bronze by the source's contract,
with what it held). Quarantined rows are in \`data/orders/_quarantine/\`.

To add a dataset, declare it with \`dataset()\` in a pipeline file and add it to the pipeline's
\`datasets\`; its SQL reads other datasets through \`ref('layer.name')\`, which is also how
medallion learns the order to build them in. To add a pipeline, write another file like
\`pipelines/orders.ts\` and add it to \`medallion.config.ts\`.

Run \`npm install\` once, then \`npx tsc --noEmit\` type-checks the pipelines (a misspelt key
such as \`kepp:\`, an \`action: 'dorp'\`, a string where a number belongs), and your editor shows
the same errors as you type. \`medallion check\` then checks every dataset against its inputs
without running anything: each SQL binds, every expectation, key and partition column exists,
the declared columns are what the SQL returns.
`,
  '.gitignore': 'data/\n',
};

/**
 * What makes \`tsc\` and editors see medallion's types in the project: a package.json that
 * depends on this medallion and TypeScript, and a strict tsconfig over the config and pipelines.
 */
function typeCheckFiles(name: string): Record<string, string> {
  const packageJson = {
    name,
    private: true,
    type: 'module',
    scripts: { typecheck: 'tsc --noEmit', check: 'medallion check' },
    devDependencies: { medallion: medallionDependency(), typescript: typescriptDependency() },
  };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
    },
    include: ['medallion.config.ts', 'pipelines'],
  };
  return {
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify(tsconfig, null, 2)}\n`,
  };
}

/** Writes a new project into `dir`, which must not exist or be empty; returns what it wrote. */
export function scaffoldProject(dir: string): { dir: string; files: string[]; pipeline: string } {
  const root = resolve(dir);
  if (existsSync(root) && readdirSync(root).length) throw new UserError(`init: '${dir}' is not empty; give a new or empty directory`);
  const files = { ...FILES, ...typeCheckFiles(packageName(root)) };
  for (const [path, text] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return { dir: root, files: Object.keys(files), pipeline: 'orders' };
}

/** A valid npm package name from the folder's name (lower case, no spaces). */
function packageName(root: string): string {
  const base = root.split('/').pop() ?? 'project';
  const name = base.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '');
  return name || 'medallion-project';
}
