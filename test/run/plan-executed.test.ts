import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { runPipeline } from '../../src/api.js';
import { DataPipelineConfig } from '../../src/index.js';
import { DuckDBEngine } from '../../src/engines/duckdb/duckdb-engine.js';
import { engineStatements } from '../../src/engines/registry.js';
import { PIPELINES } from '../../src/pipelines/registry.js';
import type { Pipeline } from '../../src/model/pipeline.js';
import { memoryLogger, tempDir } from '../helpers.js';
import { afterTheCheck, assertRunFollowsPlan, CASES, RecordingEngine } from './plan-follows.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

for (const [name, configure] of CASES) {
  test(`duckdb, ${name}: the statements the engine receives during a run are the plan's, in its order, and every unconditional one is sent`, () =>
    assertRunFollowsPlan('duckdb', () => DuckDBEngine.create({ threads: 1 }), name, configure));
}

test('medallion sql prints exactly the statements a run sends, in the engine\'s own form', async () => {
  const engine = new RecordingEngine(await DuckDBEngine.create({ threads: 1 }));
  const dataDir = tempDir();
  const flags = ['--customers', '400', '--transactions', '2000', '--products', '30', '--seed', '11', '--as-of', '2026-02-01', '--data-dir', dataDir];
  try {
    const config = new DataPipelineConfig({ dataDir, customers: 400, transactions: 2000, products: 30, seed: 11, asOf: '2026-02-01' });
    // Printed from the state the run starts from: datasets that read their previous version plan differently after it.
    const printed = spawnSync(process.execPath, [CLI, 'sql', 'data', ...flags], { encoding: 'utf8' });
    assert.equal(printed.status, 0, printed.stderr);
    const manifest = await runPipeline(config, { engine, logger: memoryLogger().logger });
    assert.equal(manifest.outcome, 'succeeded');
    const duck = await engineStatements('duckdb');
    // What the engine ran, in the form `medallion sql` prints it, with the run's id as printed.
    const sent = await afterTheCheck(engine.received, PIPELINES['data'] as unknown as Pipeline, config, engine.inner);
    const rendered = sent.map((s) => {
      const text = s.kind === 'write' ? duck.write(s.sql, s.target!).join(';\n') : s.kind === 'describe' ? duck.describe(s.sql) : s.sql;
      return `${text.trim()};`.replaceAll(manifest.runId, '<run-id>');
    });
    // A profile (alone, or with the table checks beside it) is printed with the range of every
    // column; a run reads the range only of the columns the written schema shows to be numbers or
    // dates, each exactly as printed.
    const withoutRanges = (text: string) => text.replace(/, CAST\(min\("[a-z_]+"\) AS VARCHAR\) AS lo\d+, CAST\(max\("[a-z_]+"\) AS VARCHAR\) AS hi\d+/g, '');
    const stdout = printed.stdout.split('\n').map((line) => (line.includes('SELECT count(*) AS n, ') ? withoutRanges(line) : line)).join('\n');
    // Each dataset's statements are printed in a section of their own, and sent in its order; a
    // dataset starts once those it reads are written, so the sections' statements interleave.
    const starts = [...stdout.matchAll(/^-- data (bronze|silver|gold)\.[a-z_]+: /gm)].map((m) => m.index!);
    const sections = starts.map((start, i) => ({ from: start, end: starts[i + 1] ?? stdout.length }));
    for (const received of rendered) {
      const statement = received.includes('SELECT count(*) AS n, ') ? withoutRanges(received) : received;
      const section = sections.find((s) => printedIn(stdout, s, statement));
      assert.ok(section, `not printed (or out of its dataset's order):\n${statement.slice(0, 400)}`);
    }
  } finally {
    await engine.close();
  }
});

/** A printed top-values statement without the parts that read `dropped` columns. */
function onlyTopValuesOf(printed: string, dropped: readonly string[]): string {
  let text = printed;
  for (const c of dropped) {
    text = text
      .replace(` WHEN grouping("${c}") = 0 THEN '${c}'`, '')
      .replace(` WHEN grouping("${c}") = 0 THEN CAST("${c}" AS VARCHAR)`, '')
      .replace(new RegExp(`\\("${c}"\\), |, \\("${c}"\\)(?=\\))`), '');
  }
  return text;
}

/**
 * Whether `statement` is printed in `section` after what was found there before (and if so, moves
 * the section on past it). Top values are printed for every candidate column; a run reads those
 * the profile chose: the printed statement with the others' parts left out.
 */
function printedIn(stdout: string, section: { from: number; end: number }, statement: string): boolean {
  if (statement.startsWith('SELECT col, value, n FROM (')) {
    const found = stdout.indexOf('\nSELECT col, value, n FROM (', section.from);
    if (found < 0 || found >= section.end) return false;
    const end = stdout.indexOf(';\n', found) + 1;
    const chosen = [...statement.matchAll(/grouping\("([a-z_]+)"\) = 0 THEN '/g)].map((m) => m[1]!);
    const printedColumns = [...stdout.slice(found, end).matchAll(/grouping\("([a-z_]+)"\) = 0 THEN '/g)].map((m) => m[1]!);
    if (onlyTopValuesOf(stdout.slice(found + 1, end), printedColumns.filter((c) => !chosen.includes(c))) !== statement) return false;
    section.from = end;
    return true;
  }
  const found = stdout.indexOf(`\n${statement}\n`, section.from);
  if (found < 0 || found + statement.length + 2 > section.end) return false;
  section.from = found + statement.length + 1;
  return true;
}
