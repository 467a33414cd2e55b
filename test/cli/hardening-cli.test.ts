import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import { tempDir } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const COMMON = ['--seed', '3', '--as-of', '2026-01-10'];
const DATA_SMALL = ['--customers', '300', '--transactions', '1200', '--products', '30', ...COMMON];
const EVENTS_SMALL = ['--events', '2000', '--users', '100', '--event-products', '20'];

function medallion(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true', ...env }, timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A shell pipeline `medallion … | <reader>`; the exit code is medallion's. */
function piped(args: readonly string[], reader: string) {
  const command = `"${process.execPath}" "${CLI}" ${args.map((a) => `'${a}'`).join(' ')} | ${reader} >/dev/null; exit \${PIPESTATUS[0]}`;
  const result = spawnSync('bash', ['-c', command], { encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 120_000 });
  return { code: result.status, stderr: result.stderr };
}

interface Manifest {
  runId: string;
  pipeline: string;
  outcome: string;
  error?: { message: string; stack?: string };
  unpublished?: string[];
  datasets: Array<{ name: string; quarantined: Record<string, number> }>;
}

function manifests(dataDir: string): Manifest[] {
  const dir = join(dataDir, '_runs');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Manifest);
}

/** Every path under `dir`, for "nothing was written" checks. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

const both = tempDir();
before(() => {
  const out = medallion(['run', 'both', '--data-dir', both, ...DATA_SMALL, ...EVENTS_SMALL, '--quiet']);
  assert.equal(out.code, 0, out.stderr);
});

// 5. Signals
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${signal} stops a run cleanly: staging removed, lock released, outcome interrupted, exit ${code}, the previous run still current`, async () => {
    const dir = tempDir();
    assert.equal(medallion(['run', 'mapreduce', '--data-dir', dir, ...EVENTS_SMALL, ...COMMON, '--quiet']).code, 0);
    const [first] = manifests(dir);
    const child = spawn(process.execPath, [CLI, 'run', 'mapreduce', '--data-dir', dir, '--events', '3000000', ...COMMON, '--log-detail', 'full'], { env: { ...process.env, CI: 'true' } });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes('Building bronze.raw_events')) resolve();
      });
    });
    child.kill(signal);
    assert.equal(await exited, code, stderr);
    assert.match(stderr, new RegExp(`${signal} received: stopping the run`));
    assert.match(stderr, new RegExp(`ERROR - Pipeline interrupted by ${signal}: nothing was published`));
    assert.equal(existsSync(join(dir, '_staging')), false);
    assert.equal(existsSync(join(dir, '_medallion.lock')), false);
    const runs = manifests(dir);
    assert.equal(runs.length, 2);
    assert.equal(runs[1]!.outcome, 'interrupted');
    assert.equal(runs[1]!.error?.message, `interrupted by ${signal}`);
    assert.ok(runs[1]!.unpublished?.includes('gold.word_count'));
    for (const dataset of ['bronze/raw_events', 'silver/cleaned_events', 'gold/word_count']) {
      assert.ok(readlinkSync(join(dir, dataset)).endsWith(`/${first!.runId}`), dataset);
    }
  });
}

// 6. EPIPE
test('a closed stdout never stops a run: `run data | head -3` finishes, publishes and unlocks', () => {
  const dir = tempDir();
  const out = piped(['run', 'data', '--data-dir', dir, ...DATA_SMALL], 'head -3');
  assert.equal(out.code, 0, out.stderr);
  assert.equal(out.stderr, '');
  assert.equal(manifests(dir)[0]!.outcome, 'succeeded');
  assert.equal(existsSync(join(dir, '_medallion.lock')), false);
  assert.equal(existsSync(join(dir, '_staging')), false);
  assert.ok(existsSync(join(dir, 'gold', 'payment_analytics', '_SUCCESS')));
});

test('`show … | head -1` exits quietly', () => {
  const out = piped(['show', 'data', 'bronze/transactions', '--data-dir', join(both, 'data'), '--limit', '1200'], 'head -1');
  assert.equal(out.code, 0, out.stderr);
  assert.equal(out.stderr, '');
});

// 7. One pipeline per data dir
test("a data dir records its pipeline and another pipeline's run is refused before anything is written", () => {
  const dir = join(both, 'data');
  assert.deepEqual(JSON.parse(readFileSync(join(dir, '_pipeline.json'), 'utf8')), { pipeline: 'data' });
  const before = tree(dir);
  const out = medallion(['run', 'mapreduce', '--data-dir', dir, ...EVENTS_SMALL]);
  assert.equal(out.code, 2);
  assert.equal(out.stderr, `medallion: --data-dir '${dir}' holds the data pipeline's data, not mapreduce's: give mapreduce a data dir of its own\n`);
  assert.equal(out.stdout, '');
  assert.deepEqual(tree(dir), before);
});

test('a data dir written before the marker existed is recognised by its run manifests', () => {
  const dir = tempDir();
  assert.equal(medallion(['run', 'mapreduce', '--data-dir', dir, ...EVENTS_SMALL, ...COMMON, '--quiet']).code, 0);
  rmSync(join(dir, '_pipeline.json'));
  const before = tree(dir);
  const out = medallion(['run', 'data', '--data-dir', dir, ...DATA_SMALL]);
  assert.equal(out.code, 2);
  assert.match(out.stderr, /^medallion: --data-dir '.*' holds the mapreduce pipeline's data, not data's/);
  assert.deepEqual(tree(dir), before);
});

// 12. Pseudo file systems
for (const dir of ['/proc/medallion-test/data', '/sys/medallion-test']) {
  test(`--data-dir ${dir} is refused as "cannot be written", exit 2`, () => {
    const out = medallion(['run', 'data', '--data-dir', dir, ...DATA_SMALL]);
    assert.equal(out.code, 2, out.stderr);
    assert.match(out.stderr, new RegExp(`^medallion: --data-dir '${dir}' cannot be written: '/(proc|sys)' is on the kernel's (proc|sysfs) file system, not a disk\\n$`));
  });
}

// 18. HOME and --as-of
test('an empty HOME puts the default data dir in the account\'s home directory, not at /', () => {
  const home = userInfo().homedir;
  const out = medallion(['sql', 'data'], { HOME: '' });
  assert.equal(out.code, 0, out.stderr);
  assert.ok(out.stdout.includes(`'${join(home, 'pipeline-data')}/_staging/`), out.stdout.slice(0, 400));
  assert.ok(!out.stdout.includes(`'/pipeline-data/`));
});

for (const date of ['0001-01-01', '1969-12-31', '10000-01-01']) {
  test(`--as-of ${date} is outside 1970-01-01…9999-12-31 and refused, saying the range`, () => {
    const out = medallion(['run', 'data', '--as-of', date, '--data-dir', join(tempDir(), 'never')]);
    assert.equal(out.code, 2);
    assert.equal(out.stderr, `medallion: --as-of must be a calendar date YYYY-MM-DD from 1970-01-01 to 9999-12-31, got '${date}'\n`);
  });
}

// 19. Output streams
test('warnings and errors go to stderr and the log to stdout, so 2>/dev/null keeps a clean log', () => {
  const dir = tempDir();
  // A lock left by a dead process is taken over with a warning.
  const dead = { pid: 2 ** 22 + 1, hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z', runId: 'R-dead', command: 'run', nonce: 'feedfeedfeedfeed' };
  writeFileSync(join(dir, '_medallion.lock'), JSON.stringify(dead) + '\n');
  const out = medallion(['run', 'data', '--data-dir', dir, ...DATA_SMALL]);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /- INFO - STARTING DATA PIPELINE EXECUTION/);
  assert.doesNotMatch(out.stdout, /- (WARNING|ERROR) - /);
  assert.match(out.stderr, /^\S+ \S+ - WARNING - took over the lock of run R-dead \(pid 4194305,.*\n$/);
});

// 20. Flags that would be ignored
for (const [label, args, message] of [
  ['--scale 1e9', ['run', 'data', '--scale', '1e9'], "medallion: --scale 1e9 is too large: it makes customers 10,000,000,000,000 rows, above the limit of 2,000,000,000 per source; the largest scale for data is 40,000\n"],
  ['--customers on run mapreduce', ['run', 'mapreduce', '--customers', '5'], 'medallion: --customers belongs to pipeline data, not mapreduce (mapreduce takes --events, --users, --event-products, --input)\n'],
  ['--events with --input', ['run', 'mapreduce', '--events', '5', '--input', '/etc/hostname'], 'medallion: --events cannot be used with --input: mapreduce reads its events from the files instead of generating them; leave out --events\n'],
] as const) {
  test(`${label} is refused with a line saying why`, () => {
    const dir = join(tempDir(), 'never');
    const out = medallion([...args, '--data-dir', dir]);
    assert.equal(out.code, 2);
    assert.equal(out.stderr, message);
    assert.equal(existsSync(dir), false);
  });
}

// 21. The parent dir of `run both`
test('show and history accept the data dir given to `run both`', () => {
  const show = medallion(['show', 'data', 'gold/payment_analytics', '--data-dir', both]);
  assert.equal(show.code, 0, show.stderr);
  assert.ok(show.stdout.startsWith(`gold.payment_analytics (${join(both, 'data', 'gold', 'payment_analytics')})\n`));
  assert.match(show.stdout, /^6 rows$/m);
  const history = medallion(['history', 'mapreduce', 'gold/word_count', '--data-dir', both]);
  assert.equal(history.code, 0, history.stderr);
  assert.ok(history.stdout.includes(manifests(join(both, 'mapreduce'))[0]!.runId));
});

// 22. Rollback to a pruned run
test('rollback to a run whose versions were pruned says so and lists the runs it can go back to', () => {
  const dir = tempDir();
  for (let i = 0; i < 3; i++) assert.equal(medallion(['run', 'data', '--data-dir', dir, ...DATA_SMALL, '--keep', '1', '--quiet']).code, 0);
  const [first, , last] = manifests(dir);
  const out = medallion(['rollback', 'data', first!.runId, '--data-dir', dir]);
  assert.equal(out.code, 2);
  assert.equal(
    out.stderr,
    `medallion: the versions of run ${first!.runId} were pruned (each dataset keeps its last --keep versions, 5 by default): runs that can be rolled back to: ${last!.runId}\n`,
  );
  const unknown = medallion(['rollback', 'data', '20990101T000000000Z-abcdef', '--data-dir', dir]);
  assert.match(unknown.stderr, /^medallion: unknown run id '20990101T000000000Z-abcdef' in \S+: runs that can be rolled back to: /);
});

// 23. The live line
test('on a terminal the live line shows the datasets running and how many are done of how many', { skip: spawnSync('script', ['--version']).status !== 0 && 'needs util-linux script(1) for a terminal' }, () => {
  const dir = tempDir();
  const command = `stty cols 200 rows 40; "${process.execPath}" "${CLI}" run data --data-dir ${dir} ${DATA_SMALL.join(' ')}`;
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm' };
  delete env['CI'];
  const result = spawnSync('script', ['-qfec', command, '/dev/null'], { encoding: 'utf8', env, input: '', timeout: 120_000 });
  assert.equal(result.status, 0, result.stdout.slice(-2000));
  const shown = new Set([...result.stdout.matchAll(/data: \d+ of 15 done, [\d,]+ rows, \d+\.\ds(; building [a-z_., ]*[a-z_])?/g)].map((m) => m[0]));
  assert.ok([...shown].some((s) => /^data: 0 of 15 done, 0 rows, \d+\.\ds; building bronze\.customers/.test(s)), [...shown].join('\n'));
  // Datasets of one layer are built side by side, and the line names all of them.
  assert.ok([...shown].some((s) => /building [a-z_]+\.[a-z_]+, [a-z_]+\.[a-z_]+/.test(s)), [...shown].join('\n'));
  // The last one still building: a gold dataset, or a silver one whose checks run while gold reads it.
  assert.ok([...shown].some((s) => /^data: 14 of 15 done, [\d,]+ rows, \d+\.\ds; building (silver|gold)\./.test(s)), [...shown].join('\n'));
  // The rows written so far: once a dataset is done, they are more than none.
  assert.ok([...shown].some((s) => /^data: [1-9]\d* of 15 done, [1-9][\d,]* rows/.test(s)), [...shown].join('\n'));
});

// 24. show
test('show prints DATE values without a time and says "N of M rows" when it shows fewer', () => {
  const out = medallion(['show', 'data', 'silver/customers_enriched', '--data-dir', join(both, 'data'), '--limit', '3']);
  assert.equal(out.code, 0, out.stderr);
  const header = out.stdout.split('\n').find((l) => l.includes('signup_date'))!;
  const at = header.indexOf('signup_date');
  const dates = out.stdout.split('\n').filter((l) => /^│ \d/.test(l)).map((l) => l.slice(at, at + 11));
  assert.equal(dates.length, 3);
  for (const date of dates) assert.match(date, /^\d{4}-\d{2}-\d{2} $/);
  assert.match(out.stdout, /\n3 of 300 rows\n$/);
});

test('show fits the terminal width and names the columns it leaves out', () => {
  const out = medallion(['show', 'data', 'silver/customers_enriched', '--data-dir', join(both, 'data'), '--limit', '3'], { COLUMNS: '80' });
  assert.equal(out.code, 0, out.stderr);
  const table = out.stdout.split('\n').slice(1, -2);
  assert.ok(table.length >= 5);
  for (const line of table) assert.ok([...line].length <= 80, line);
  assert.match(out.stdout, /│ customer_id │/);
  assert.match(out.stdout, /\n3 of 300 rows; \d+ more columns? not shown \(too wide for the terminal\): .*customer_segment\n$/);
});

test('show reads a dataset\'s quarantine with _quarantine/<layer>.<dataset>', () => {
  const dir = join(both, 'mapreduce');
  const quarantined = manifests(dir)[0]!.datasets.find((d) => d.name === 'silver.cleaned_events')!.quarantined;
  const total = Object.values(quarantined).reduce((a, b) => a + b, 0);
  assert.ok(total > 0);
  const out = medallion(['show', 'mapreduce', '_quarantine/silver.cleaned_events', '--data-dir', dir, '--limit', '2']);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /^silver\.cleaned_events quarantine \(.*_quarantine\/silver\.cleaned_events\)\n/);
  assert.match(out.stdout, /_expectation/);
  assert.match(out.stdout, /parses_as_json|matches_event_schema/);
  assert.match(out.stdout, new RegExp(`\\n2 of ${total} rows\\n$`));
});

// 25. JSON log
test('--log-format json: every line carries the run id, and bad input is a JSON line too', () => {
  const dir = tempDir();
  const out = medallion(['run', 'data', '--data-dir', dir, ...DATA_SMALL, '--log-format', 'json']);
  assert.equal(out.code, 0, out.stderr);
  const [manifest] = manifests(dir);
  const lines = [...out.stdout.trim().split('\n'), ...out.stderr.trim().split('\n').filter(Boolean)].map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.ok(lines.length > 20);
  for (const line of lines) assert.equal(line['runId'], manifest!.runId, JSON.stringify(line));
  const bad = medallion(['run', 'data', '--customers', '-5', '--log-format', 'json', '--data-dir', join(tempDir(), 'never')]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, '');
  const error = JSON.parse(bad.stderr) as Record<string, unknown>;
  assert.deepEqual({ ...error, time: undefined }, { time: undefined, level: 'ERROR', message: "--customers must be a whole number from 1 to 2000000000, got '-5'", exitCode: 2 });
});
