import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { pauseAt, pausedOrExited } from '../pause-points.js';
import { edit, project } from '../project/scaffolded-project.js';
import { sql } from '../helpers.js';

/**
 * Ctrl-C on Spark: the statement running on the server is interrupted there (Spark Connect's
 * Interrupt) and released, and the run stops at once rather than when the statement would end.
 */
const remote = process.env['SPARK_REMOTE'];
const skip = remote ? false : 'live Spark interrupt test skipped: SPARK_REMOTE is not set (scripts/spark-server.sh start prints it)';
const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

test('live Spark: SIGINT while a long statement runs interrupts it on the server, and the run exits 130 with nothing published', { skip }, async () => {
  const dir = project();
  // A gold dataset whose statement would run for hours, as 100,000 tasks of a fraction of a second
  // each: a cancelled job launches no further task and its running ones end within one, even where
  // a task does not check for being killed. (One task over a trillion rows could keep the server's
  // cores busy long after the test.)
  edit(dir, "FROM ${ref('silver.orders_clean')} AS o\n    GROUP BY order_date", "FROM ${ref('silver.orders_clean')} AS o CROSS JOIN range(0, 20000000000, 1, 100000) AS r\n    GROUP BY order_date");
  // Spark reads Parquet inputs: the scaffold's CSV export, as Parquet.
  const input = join(dir, 'orders.parquet');
  await sql(dir, `COPY (SELECT * FROM read_csv('${join(dir, 'input', 'orders.csv')}')) TO '${input}' (FORMAT parquet)`);
  // The run stops where the server first reports progress on that dataset's write, still running.
  const pause = pauseAt('spark.running@gold.daily_revenue');
  const child = spawn(process.execPath, [CLI, 'run', 'orders', '--engine', 'spark', '--remote', remote!, '--select', '+gold.daily_revenue', '--input-orders', input], {
    cwd: dir,
    env: { ...process.env, CI: 'true', ...pause.env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  assert.equal(await pausedOrExited(pause.paused, exited), 'paused', output);
  child.kill('SIGINT');
  pause.resume();
  assert.equal(await exited, 130, output);
  assert.match(output, /medallion: SIGINT received: stopping the run/);
  // The long write, and the checks of the datasets before it that may still run beside it.
  assert.match(output, /Spark Connect: the server interrupted (1 running operation|[2-9] running operations) of session [0-9a-f-]{36} and released (it|them)/);
  assert.match(output, /ERROR - Pipeline interrupted by SIGINT: nothing was published; staging removed/);
  assert.doesNotMatch(output, /\n\s+at /);
  const runs = join(dir, 'data', 'orders', '_runs');
  const [manifest] = readdirSync(runs).map((f) => JSON.parse(readFileSync(join(runs, f), 'utf8')) as { outcome: string; datasets: Array<{ name: string; status: string }> });
  assert.equal(manifest!.outcome, 'interrupted');
});
