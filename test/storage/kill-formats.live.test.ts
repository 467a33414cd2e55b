import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { listRunIds } from '../../src/storage/manifests.js';
import { openDatasetStore, type TableFormat } from '../../src/storage/open-dataset-store.js';
import { datasetDir } from '../../src/storage/layout.js';
import { LAYERS } from '../../src/model/dataset.js';
import { tempDir } from '../helpers.js';
import { DATA_DATASETS, medallion, sizes, startMedallion } from './fixtures.js';
import { deltaPython, runReader } from './delta/python-readers.js';

/**
 * One kill suite for every table format. Each case starts from the same data dir (the state
 * before), kills a command at named storage steps and at fractions of its run time, lets the next
 * writer recover, and reads every dataset with an outside reader (delta-rs for Delta, Python's
 * DuckDB on the plain paths for Parquet): each must equal the state before or the state after a
 * clean run of the same command, and a run's datasets all the same one of the two. Then the
 * command runs again and must succeed with the state after.
 *
 * MEDALLION_KILLS=N adds N timed kills per case (the default suite makes two).
 */
const EXTRA_KILLS = Number(process.env['MEDALLION_KILLS'] ?? 0);
const TIMED = 2 + EXTRA_KILLS;

interface Fingerprint {
  readonly rows: number;
  readonly digest?: string;
}
type State = Record<string, Fingerprint>;

const env = deltaPython();
const skip = 'skip' in env ? env.skip : false;
if (skip) console.log(skip);

/** The steps of a run's commit where a kill leaves the most half-done, per format. */
function commitFaults(format: TableFormat, dataset: string): string[] {
  const common = ['begin.locked=kill', 'begin.recovered=kill', 'commit.recorded=kill', 'commit.done=kill'];
  const table = dataset.split('.')[1]!;
  if (format === 'parquet') {
    return [...common, ...['publish.start', 'publish.staged', 'publish.versioned', 'publish.switched', 'publish.logged'].map((p) => `${p}@${dataset}=kill`)];
  }
  return [
    ...common,
    // Between placing a table's files and writing its log entry: half-way through the files, and all placed.
    `delta.publish.placing@${dataset}=kill`,
    `delta.publish.placed@${dataset}=kill`,
    `delta.publish.placed@bronze.customers=kill`,
    ...['delta.commit.written', 'delta.commit.flushed', 'delta.commit.linked'].map((p) => `${p}@${table}=kill`),
    `delta.publish.committed@${dataset}=kill`,
  ];
}

interface Case {
  readonly name: string;
  /** Commands that make the state before, in a fresh data dir. */
  readonly setup: (dir: string) => string[][];
  /** The command that is killed (and then run again). */
  readonly victim: (dir: string) => string[];
  readonly faults: (format: TableFormat) => string[];
  /** A rollback changes each dataset atomically, not all together. */
  readonly atomicAcrossDatasets: boolean;
}

const formatArgs = (format: TableFormat) => (format === 'delta' ? ['--table-format', 'delta'] : []);
const plain = (dir: string, seed: number, format: TableFormat) => ['run', 'data', '--data-dir', dir, ...formatArgs(format), ...sizes(seed), '--keep', '3', '--quiet'];
const day = (dir: string, date: string, format: TableFormat) => ['run', 'data', '--data-dir', dir, ...formatArgs(format), '--date', date, ...sizes(5, 36_500), '--keep', '3', '--quiet'];

function cases(format: TableFormat): Case[] {
  return [
    {
      name: 'a plain run',
      setup: (dir) => [plain(dir, 1, format)],
      victim: (dir) => plain(dir, 2, format),
      faults: (f) => commitFaults(f, 'silver.transactions_clean'),
      atomicAcrossDatasets: true,
    },
    {
      name: 'a day run (--date)',
      setup: (dir) => [day(dir, '2026-01-01', format), day(dir, '2026-01-02', format)],
      victim: (dir) => day(dir, '2026-01-03', format),
      faults: (f) => commitFaults(f, 'silver.transactions_clean').filter((p) => !p.startsWith('begin.')),
      atomicAcrossDatasets: true,
    },
    {
      name: 'a rollback',
      setup: (dir) => [plain(dir, 1, format), plain(dir, 2, format)],
      victim: (dir) => ['rollback', 'data', listRunIds(dir)[0]!, '--data-dir', dir],
      faults: (f) => ['begin.locked=kill', f === 'delta' ? 'delta.commit.flushed@customer_analytics=kill' : 'write-file.before-fsync@_log.json=kill'],
      atomicAcrossDatasets: false,
    },
  ];
}

function readState(format: TableFormat, dir: string): State {
  const python = 'python' in env ? env.python : '';
  const paths = DATA_DATASETS.map((d) => datasetDir(dir, d));
  const read = runReader<Record<string, Fingerprint>>(python, 'fingerprints.py', [format, ...paths]);
  return Object.fromEntries(DATA_DATASETS.map((d) => [d, read[datasetDir(dir, d)]!]));
}

const same = (a: Fingerprint | undefined, b: Fingerprint | undefined) => a?.rows === b?.rows && a?.digest === b?.digest;

/** What the killed command left, after recovery: problems, and which state it is. */
function judge(state: State, before: State, after: State, atomic: boolean): { problems: string[]; is: 'before' | 'after' | 'mixed' | 'damaged' } {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const dataset of DATA_DATASETS) {
    if (same(state[dataset], before[dataset]) && same(state[dataset], after[dataset])) continue;
    if (same(state[dataset], after[dataset])) seen.add('after');
    else if (same(state[dataset], before[dataset])) seen.add('before');
    else problems.push(`${dataset}: ${state[dataset]?.rows} rows, neither the ${before[dataset]?.rows} before nor the ${after[dataset]?.rows} after`);
  }
  if (problems.length) return { problems, is: 'damaged' };
  if (seen.size > 1 && atomic) return { problems: [`a mix of the state before and after: ${[...seen].join(', ')}`], is: 'mixed' };
  return { problems, is: seen.has('after') ? 'after' : 'before' };
}

/** Staged files or a lock a finished writer left: none may stay, inside tables or beside them. */
function leftovers(dir: string): string[] {
  const found: string[] = [];
  if (existsSync(join(dir, '_staging'))) found.push('_staging');
  if (existsSync(join(dir, '_medallion.lock'))) found.push('_medallion.lock');
  for (const layer of LAYERS) {
    if (!existsSync(join(dir, layer))) continue;
    for (const name of readdirSync(join(dir, layer))) {
      if (existsSync(join(dir, layer, name, '_medallion_staging'))) found.push(`${layer}/${name}/_medallion_staging`);
    }
  }
  return found;
}

for (const format of ['parquet', 'delta'] as const) {
  describe(`kills on ${format}`, { skip }, () => {
    for (const c of cases(format)) {
      test(`SIGKILL of ${c.name} at any instant leaves every dataset as before or after; the next run succeeds`, async (t) => {
        const pristine = tempDir(`medallion-kill-${format}-`);
        for (const args of c.setup(pristine)) assert.equal(medallion(args).code, 0, args.join(' '));
        const before = readState(format, pristine);
        const reference = tempDir(`medallion-kill-${format}-after-`);
        cpSync(pristine, reference, { recursive: true, verbatimSymlinks: true });
        const started = performance.now();
        const clean = medallion(c.victim(reference));
        assert.equal(clean.code, 0, clean.stderr);
        let wholeRunMs = performance.now() - started;
        const after = readState(format, reference);
        assert.notDeepEqual(after, before, 'the command changes the data');

        const dir = tempDir(`medallion-kill-${format}-victim-`);
        const points = [
          ...c.faults(format).map((fault) => ({ label: fault, fault, fraction: undefined })),
          ...Array.from({ length: TIMED }, (_, i) => ({ label: `${Math.round(((i + 0.5) / TIMED) * 100)}% into the command`, fault: undefined, fraction: (i + 0.5) / TIMED })),
        ];
        const failures: string[] = [];
        const outcomes = { killed: 0, finishedFirst: 0, before: 0, after: 0, damaged: 0 };
        for (const point of points) {
          rmSync(dir, { recursive: true, force: true });
          cpSync(pristine, dir, { recursive: true, verbatimSymlinks: true });
          const victim = startMedallion(c.victim(dir), point.fault ? { MEDALLION_FAULTS: point.fault } : {});
          const spawned = performance.now();
          const timer = point.fraction === undefined ? undefined : setTimeout(() => victim.child.kill('SIGKILL'), point.fraction * wholeRunMs);
          const end = await victim.done;
          clearTimeout(timer);
          if (end.signal === 'SIGKILL') outcomes.killed++;
          else if (end.code === 0 && !point.fault) {
            outcomes.finishedFirst++;
            wholeRunMs = performance.now() - spawned;
          } else failures.push(`${point.label}: not killed (exit ${end.code}): ${end.stderr.trim()}`);

          // The next writer recovers first; then the data dir is read from outside.
          const recovery = await openDatasetStore(dir, format).beginWrite(`recovery-${outcomes.killed}`, 'rollback');
          await recovery.end();
          const verdict = judge(readState(format, dir), before, after, c.atomicAcrossDatasets);
          outcomes[verdict.is === 'mixed' ? 'damaged' : verdict.is]++;
          failures.push(...verdict.problems.map((p) => `${point.label}: ${p}`));
          failures.push(...leftovers(dir).map((l) => `${point.label}: left after recovery: ${l}`));

          const next = medallion(c.victim(dir));
          if (next.code !== 0) failures.push(`${point.label}: the next command failed (exit ${next.code}): ${next.stderr.trim()}`);
          const again = judge(readState(format, dir), after, after, true);
          failures.push(...again.problems.map((p) => `${point.label}, next command: ${p}`));
          failures.push(...leftovers(dir).map((l) => `${point.label}: left after the next command: ${l}`));
        }
        t.diagnostic(`${format}, ${c.name}: ${points.length} kill points, ${outcomes.killed} killed, ${outcomes.finishedFirst} finished first; recovered to before ${outcomes.before}, after ${outcomes.after}, damaged ${outcomes.damaged}`);
        for (const f of failures) t.diagnostic(f);
        assert.deepEqual(failures, []);
        assert.ok(outcomes.killed >= points.length - TIMED, `only ${outcomes.killed} of ${points.length} commands were killed`);
      });
    }
  });
}
