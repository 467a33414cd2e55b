import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { tempDir } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const DATA_SMALL = ['--customers', '300', '--transactions', '1200', '--products', '30', '--seed', '3', '--as-of', '2026-01-10'];
const EVENTS_SMALL = ['--events', '2000', '--users', '100', '--event-products', '20'];
const PREFIX = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d - INFO - /;

/** The environment of a user's shell: no CI, no colour preference. */
function shellEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { CI: _ci, NO_COLOR: _no, FORCE_COLOR: _force, ...env } = process.env;
  return { ...env, ...extra };
}

function medallion(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: shellEnv(env) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The run under a pseudo-terminal (util-linux `script`), sized `columns` wide; stdout and stderr together. */
function onTerminal(args: string[], columns: number, env: Record<string, string> = {}) {
  const command = `stty cols ${columns} rows 40; exec ${[process.execPath, CLI, ...args].join(' ')}`;
  const result = spawnSync('script', ['-qfec', command, '/dev/null'], { encoding: 'utf8', env: shellEnv(env) });
  return { code: result.status, output: result.stdout };
}
const hasScript = spawnSync('script', ['--version']).status === 0;

const ANSI = /\u001b\[/;
const SGR = /\u001b\[\d+(;\d+)*m/;

test('piped, run prints the concise console: a start line, the stage headers, one line per dataset, a summary', () => {
  const dir = tempDir();
  const out = medallion(['run', 'data', '--data-dir', dir, ...DATA_SMALL]);
  assert.equal(out.code, 0, out.stderr);
  assert.equal(out.stderr, '');
  assert.doesNotMatch(out.stdout, ANSI, 'no escape codes in a pipe');
  const lines = out.stdout.trimEnd().split('\n');
  assert.ok(lines.every((l) => PREFIX.test(l)), out.stdout);
  const messages = lines.map((l) => l.replace(PREFIX, ''));
  assert.equal(messages.length, 21, out.stdout);
  assert.match(messages[0]!, new RegExp(`^STARTING DATA PIPELINE EXECUTION: 15 datasets on DuckDB v\\S+ into ${dir} \\(run \\S+\\)$`));
  assert.deepEqual(
    messages.filter((m) => m.startsWith('===')),
    ['=== BRONZE LAYER: Raw Data Ingestion ===', '=== SILVER LAYER: Data Cleansing and Enrichment ===', '=== GOLD LAYER: Business Aggregations ==='],
  );
  const datasetLines = messages.filter((m) => / of 15 /.test(m));
  assert.equal(datasetLines.length, 15);
  const rowsShown = new Map<string, number>();
  datasetLines.forEach((m, i) => {
    const match = /^ ?(\d+) of 15 OK {3}(\S+) \.{3,} ([\d,]+) rows \[\d+\.\d\ds\]$/.exec(m);
    assert.ok(match, m);
    assert.equal(Number(match[1]), i + 1, 'numbered as they finish');
    rowsShown.set(match[2]!, Number(match[3]!.replaceAll(',', '')));
  });
  const manifestPath = /^Run manifest: (\S+)$/.exec(messages.at(-1)!)![1]!;
  assert.ok(manifestPath.startsWith(join(dir, '_runs')) && existsSync(manifestPath));
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { datasets: Array<{ name: string; rows: number }> };
  // Each line's rows are the dataset's, as the manifest records them.
  assert.deepEqual(rowsShown, new Map(manifest.datasets.map((d) => [d.name, d.rows])));
  const total = manifest.datasets.reduce((a, d) => a + d.rows, 0).toLocaleString('en-US');
  assert.match(messages.at(-2)!, new RegExp(`^PIPELINE EXECUTION COMPLETED SUCCESSFULLY in \\d+\\.\\d\\ds: 15 datasets: 15 OK; ${total} rows, 0 set aside$`));
});

test('mapreduce lines name their MapReduce pattern and the rows set aside by quarantine', () => {
  const dir = tempDir();
  const out = medallion(['run', 'mapreduce', '--data-dir', dir, ...EVENTS_SMALL]);
  assert.equal(out.code, 0, out.stderr);
  const manifestPath = /Run manifest: (\S+)/.exec(out.stdout)![1]!;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { datasets: Array<{ name: string; quarantined: Record<string, number> }> };
  const cleaned = manifest.datasets.find((d) => d.name === 'silver.cleaned_events')!;
  const setAside = Object.values(cleaned.quarantined).reduce((a, n) => a + n, 0);
  assert.ok(setAside > 0);
  assert.match(out.stdout, new RegExp(` OK {3}silver\\.cleaned_events \\.+ [\\d,]+ rows, ${setAside.toLocaleString('en-US')} set aside \\[`));
  for (const [dataset, pattern] of [['gold.word_count', 'word count'], ['gold.product_revenue', 'map-side join'], ['gold.user_segments', 'reduce-side join'], ['gold.top_users', 'top-N']] as const) {
    assert.match(out.stdout, new RegExp(` OK {3}${dataset.replace('.', '\\.')} \\.+ [\\d,]+ rows \\[\\d+\\.\\d\\ds\\] MapReduce pattern \\(${pattern}\\)\\n`), dataset);
  }
  assert.match(out.stdout, new RegExp(`: 14 datasets: 14 OK; [\\d,]+ rows, ${setAside.toLocaleString('en-US')} set aside\\n`));
});

test('FORCE_COLOR colours a pipe: the statuses in colour, the text unchanged without the codes', () => {
  const out = medallion(['run', 'data', '--data-dir', tempDir(), ...DATA_SMALL], { FORCE_COLOR: '1' });
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /\u001b\[32mOK\u001b\[39m {3}bronze\.customers /);
  assert.match(out.stdout, /\u001b\[1mPIPELINE EXECUTION COMPLETED SUCCESSFULLY\u001b\[22m/);
});

test('--log-detail full prints the detailed log, the same lines --log-format json carries', () => {
  const normal = (m: string) =>
    m
      .replace(/\d{8}T\d{9}Z-[0-9a-f]+/g, 'RUN')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/g, 'TIME')
      .replace(/\d+\.\d+ ?s(econds)?\b/g, 'S')
      .replace(/\/\S+?\/(text|json)(?=\/|\b)/g, 'DIR');
  const base = tempDir();
  const text = medallion(['run', 'data', '--data-dir', join(base, 'text'), ...DATA_SMALL, '--log-detail', 'full']);
  const json = medallion(['run', 'data', '--data-dir', join(base, 'json'), ...DATA_SMALL, '--log-format', 'json']);
  assert.equal(text.code, 0, text.stderr);
  assert.equal(json.code, 0, json.stderr);
  const textLines = text.stdout.trimEnd().split('\n').map((l) => normal(l.replace(PREFIX, '')));
  // A JSON section is one event where text draws a rule, the title and a rule.
  const rule = '='.repeat(60);
  const jsonLines = json.stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { message: string; section?: boolean })
    .flatMap((e) => (e.section ? [rule, normal(e.message), rule] : [normal(e.message)]));
  // Datasets of a layer are built side by side: the same lines, not always in the same order.
  assert.deepEqual([...textLines].sort(), [...jsonLines].sort());
  for (const kind of [/^STARTING DATA PIPELINE EXECUTION$/, /^✓ Saved silver\.transactions_clean to: DIR\/silver\/transactions_clean \([\d,]+ rows, S\)$/, /^ {2}Expectations on /, /^Data quality bronze\.customers: /, /^--- Pipeline Summary ---$/, /^ {2}customers: 300 records$/, /^PIPELINE EXECUTION COMPLETED SUCCESSFULLY$/]) {
    assert.ok(textLines.some((l) => kind.test(l)), String(kind));
  }
  const verbose = medallion(['run', 'data', '--data-dir', join(base, 'text'), ...DATA_SMALL, '--verbose']);
  assert.equal(verbose.code, 0, verbose.stderr);
  assert.equal(verbose.stdout.trimEnd().split('\n').length, textLines.length, '--verbose prints the full log too');
});

test('a bad --log-detail is refused with one line', () => {
  const dir = join(tempDir(), 'never');
  const out = medallion(['run', 'data', '--data-dir', dir, '--log-detail', 'short']);
  assert.equal(out.code, 2);
  assert.equal(out.stderr, "medallion: --log-detail must be concise or full, got 'short'\n");
  assert.equal(existsSync(dir), false);
});

test('on a terminal: colour, unless NO_COLOR; the live display one line per pipeline, none wider than the terminal', { skip: !hasScript && 'util-linux script is not installed' }, () => {
  const args = ['run', 'both', '--data-dir', tempDir(), ...DATA_SMALL, ...EVENTS_SMALL];
  const coloured = onTerminal(args, 100);
  assert.equal(coloured.code, 0, coloured.output);
  assert.match(coloured.output, /\u001b\[32mOK\u001b\[39m {3}bronze\.customers /);
  // What the live display drew, its cursor movements taken out: each line fits in 100 columns.
  // Colour codes are taken out, and a cursor movement ends what was drawn before it.
  const drawn = coloured.output.replace(new RegExp(SGR, 'g'), '').replace(/\u001b\[[?0-9;]*[A-Za-z]/g, '\n').split(/\r|\n/).filter((l) => / of \d+ done, [\d,]+ rows, /.test(l));
  assert.ok(drawn.length > 0, coloured.output);
  for (const line of drawn) assert.ok([...line].length <= 99, line);
  // (Whether both pipelines are ever running at the same moment depends on timing: the layout of
  // two lines is tested on the display itself.)
  assert.ok(drawn.some((l) => /(^|\s)data: \d+ of 15 done/.test(l)) && drawn.some((l) => /mapreduce: \d+ of 14 done/.test(l)), drawn.join('\n'));

  const plain = onTerminal(args.map((a) => a), 100, { NO_COLOR: '1' });
  assert.equal(plain.code, 0, plain.output);
  assert.doesNotMatch(plain.output, SGR, 'NO_COLOR: no colour codes, neither in the log nor in the spinner');
  assert.match(plain.output, / OK {3}bronze\.customers /);
});
