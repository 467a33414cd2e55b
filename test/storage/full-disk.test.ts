import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers.js';
import { CLI, DATA_DATASETS, medallion } from './fixtures.js';

/**
 * `run` and `rollback` on a file system that is really full: a small tmpfs mounted in a mount
 * namespace of its own (so nothing outside the test sees it), filled by the test. The tmpfs lives
 * only as long as the namespace, so every step of a scenario runs in one shell inside it, and
 * leaves its stdout, stderr and exit code in a folder outside it for the assertions.
 */

const FORMATS = [
  { name: 'versioned Parquet', flags: [] as string[] },
  { name: 'Delta', flags: ['--table-format', 'delta'] },
];
const TINY = ['--customers', '50', '--transactions', '200', '--products', '5', '--as-of', '2026-01-10', '--quiet'];
const FULL_LINE = /^medallion: no space left on device writing (\S+); nothing was published, the previous version is intact\n$/;

interface Step {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Why this machine cannot mount a private tmpfs (not root, no user namespaces), or undefined when it can. */
function whyNoPrivateMount(): string | undefined {
  const probe = spawnSync('unshare', ['--mount', 'sh', '-c', `mount -t tmpfs -o size=1m tmpfs ${tempDir()}`], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : `unshare --mount with a tmpfs is not permitted here: ${(probe.stderr || probe.error?.message || '').trim()}`;
}
const skip = whyNoPrivateMount();

/**
 * Runs `script` (sh) inside a new mount namespace with a tmpfs of `size` at `$DISK`; in it,
 * `step NAME medallion ARGS…` runs the CLI and keeps its output under NAME. Returns every step's.
 */
function onSmallDisk(size: string, script: string): Record<string, Step> {
  const disk = tempDir();
  const out = tempDir();
  const body = [
    'set -e',
    `mount -t tmpfs -o size=${size} tmpfs "$DISK"`,
    `step() { name=$1; shift; set +e; "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"; echo $? >"$OUT/$name.rc"; set -e; }`,
    `medallion() { "${process.execPath}" "${CLI}" "$@"; }`,
    // Fills what is left of the disk, to the last block.
    `fill() { cat /dev/zero > "$DISK/filler" 2>/dev/null || true; }`,
    script,
    `ls "$OUT" > "$OUT/steps"`,
  ].join('\n');
  const result = spawnSync('unshare', ['--mount', 'sh', '-c', body], { encoding: 'utf8', env: { ...process.env, CI: 'true', DISK: disk, OUT: out } });
  assert.equal(result.status, 0, result.stderr);
  const steps: Record<string, Step> = {};
  for (const file of readFileSync(join(out, 'steps'), 'utf8').split('\n').filter((f) => f.endsWith('.rc'))) {
    const name = file.slice(0, -'.rc'.length);
    steps[name] = {
      code: Number(readFileSync(join(out, file), 'utf8')),
      stdout: readFileSync(join(out, `${name}.out`), 'utf8'),
      stderr: readFileSync(join(out, `${name}.err`), 'utf8'),
    };
  }
  return steps;
}

const ok = (step: Step | undefined) => assert.equal(step?.code, 0, step?.stderr);

for (const format of FORMATS) {
  const flags = format.flags.join(' ');

  test(`${format.name}: run and rollback on a completely full disk say so in one line, exit 1, and leave the previous version current`, { skip }, () => {
    // Room for two runs and their catalog; the filler takes the rest.
    const steps = onSmallDisk('16m', `
      D="$DISK/data"
      step run1 medallion run data --data-dir "$D" ${TINY.join(' ')} --seed 1 ${flags}
      step run2 medallion run data --data-dir "$D" ${TINY.join(' ')} --seed 2 ${flags}
      step before medallion show data gold/customer_analytics --data-dir "$D" --limit 50
      step beforeBronze medallion show data bronze/customers --data-dir "$D" --limit 5
      fill
      step full medallion run data --data-dir "$D" ${TINY.join(' ')} --seed 3 ${flags}
      step rollback medallion rollback data "$(ls "$D/_runs" | head -1 | sed 's/.json$//')" --data-dir "$D"
      step after medallion show data gold/customer_analytics --data-dir "$D" --limit 50
      step afterBronze medallion show data bronze/customers --data-dir "$D" --limit 5
      find "$D" \\( -name '_medallion_staging' -o -name '_staging' -o -name '*.tmp-*' \\) -print > "$OUT/leftovers.out"
      echo 0 > "$OUT/leftovers.rc"; : > "$OUT/leftovers.err"
      rm "$DISK/filler"
      step again medallion run data --data-dir "$D" ${TINY.join(' ')} --seed 3 ${flags}
    `);
    ok(steps['run1']);
    ok(steps['run2']);
    // The lock is the first thing a writer writes: on a full disk it is what does not fit.
    for (const name of ['full', 'rollback']) {
      const step = steps[name]!;
      assert.equal(step.code, 1, `${name}: ${step.stderr}`);
      const line = FULL_LINE.exec(step.stderr);
      assert.ok(line, `${name} printed one line:\n${step.stderr}`);
      assert.match(line[1]!, /\/data\/_medallion\.lock$/);
      assert.doesNotMatch(step.stdout + step.stderr, /unexpected error|\n\s+at /);
    }
    ok(steps['after']);
    assert.equal(steps['after']!.stdout, steps['before']!.stdout);
    assert.equal(steps['afterBronze']!.stdout, steps['beforeBronze']!.stdout);
    assert.match(steps['after']!.stdout, /\d+ rows?/);
    assert.equal(steps['leftovers']!.stdout, '', 'the refused lock left its temporary file behind');
    // Once there is room again, the next run publishes.
    ok(steps['again']);
  });

  test(`${format.name}: a run whose data does not fit fails in one clear line, publishes nothing and leaves no staged files in the tables`, { skip }, () => {
    // Room for one tiny run, not for a big one.
    const steps = onSmallDisk('2m', `
      D="$DISK/data"
      step run1 medallion run data --data-dir "$D" ${TINY.join(' ')} --seed 1 ${flags}
      step before medallion show data silver/transactions_clean --data-dir "$D" --limit 5
      step big medallion run data --data-dir "$D" --customers 500 --transactions 60000 --products 5 --as-of 2026-01-10 --seed 2 --quiet ${flags}
      step after medallion show data silver/transactions_clean --data-dir "$D" --limit 5
      find "$D" \\( -name '_medallion_staging' -o -name '_staging' -o -name '*.tmp-*' \\) -print > "$OUT/leftovers.out"
      echo 0 > "$OUT/leftovers.rc"; : > "$OUT/leftovers.err"
    `);
    ok(steps['run1']);
    const big = steps['big']!;
    assert.equal(big.code, 1, big.stderr);
    assert.match(big.stderr, /ERROR - Pipeline failed with error: no space left on device writing \/\S+\.parquet; nothing was published, the previous version is intact/);
    assert.doesNotMatch(big.stdout + big.stderr, /unexpected error|\n\s+at /);
    ok(steps['after']);
    assert.equal(steps['after']!.stdout, steps['before']!.stdout);
    assert.equal(steps['leftovers']!.stdout, '', 'the failed run left staged files behind');
  });
}

const COMMIT_FAULTS = [
  { name: 'versioned Parquet', flags: [] as string[], fault: 'publish.versioned@silver.customers_history=enospc' },
  { name: 'Delta', flags: ['--table-format', 'delta'], fault: 'delta.publish.placed@bronze.customers=enospc' },
];

for (const format of COMMIT_FAULTS) {
  test(`${format.name}: a disk that fills after the run recorded its commit keeps the record, and the next writer finishes publishing that run`, () => {
    const dir = tempDir();
    const first = medallion(['run', 'data', '--data-dir', dir, ...TINY, '--seed', '1', ...format.flags]);
    assert.equal(first.code, 0, first.stderr);
    const failed = medallion(['run', 'data', '--data-dir', dir, ...TINY.filter((f) => f !== '--quiet'), '--seed', '2', ...format.flags], { MEDALLION_FAULTS: format.fault });
    assert.equal(failed.code, 1, failed.stderr);
    assert.match(failed.stderr, /ERROR - Pipeline failed with error: no space left on device writing \S+; the run's commit is recorded, and the next run or rollback finishes publishing it/);
    const runId = /Run manifest: \S+\/(\S+)\.json/.exec(failed.stdout)?.[1];
    assert.ok(runId, failed.stdout);
    // The next run's recovery finishes the recorded commit before anything else.
    const next = medallion(['run', 'data', '--data-dir', dir, ...TINY.filter((f) => f !== '--quiet'), '--seed', '3', ...format.flags]);
    assert.equal(next.code, 0, next.stderr);
    assert.match(next.stderr, new RegExp(`WARNING - finished (publishing|committing) run ${runId}, which died while `));
    // So every dataset has that run's version, whole, to go back to.
    const rollback = medallion(['rollback', 'data', runId, '--data-dir', dir]);
    assert.equal(rollback.code, 0, rollback.stderr);
    const lines = rollback.stdout.trim().split('\n').slice(1);
    assert.equal(lines.length, DATA_DATASETS.length, rollback.stdout);
    for (const line of lines) assert.match(line, new RegExp(`-> ${runId}$`), rollback.stdout);
  });
}

const RESTORE_FAULTS = [
  { name: 'versioned Parquet', flags: [] as string[], fault: 'write-file.before-fsync@_log.json=enospc' },
  { name: 'Delta', flags: ['--table-format', 'delta'], fault: 'delta.commit.written@transactions=enospc' },
];

for (const format of RESTORE_FAULTS) {
  test(`${format.name}: a rollback that runs out of room part-way names what it rolled back, exit 1, and a second rollback finishes`, () => {
    const dir = tempDir();
    const runIds = [1, 2].map((seed) => {
      const out = medallion(['run', 'data', '--data-dir', dir, ...TINY.filter((f) => f !== '--quiet'), '--seed', String(seed), ...format.flags]);
      assert.equal(out.code, 0, out.stderr);
      return /Run manifest: \S+\/(\S+)\.json/.exec(out.stdout)![1]!;
    });
    const [first, second] = runIds as [string, string];
    const full = medallion(['rollback', 'data', first, '--data-dir', dir], { MEDALLION_FAULTS: format.fault });
    assert.equal(full.code, 1, full.stderr);
    // Parquet: bronze.customers' link switches, then its log entry does not fit. Delta: bronze.transactions' RESTORE commit does not fit.
    assert.match(full.stderr, /^medallion: no space left on device writing \S+; bronze\.customers rolled back, the other 14 unchanged \(roll back again once there is room\)\n$/);
    const again = medallion(['rollback', 'data', first, '--data-dir', dir]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /\n {2}bronze\/customers: already current\n/);
    assert.match(again.stdout, new RegExp(`\\n {2}bronze/transactions: ${second} -> ${first}\\n`));
  });
}
