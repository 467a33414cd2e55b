import assert from 'node:assert/strict';
import { test } from 'node:test';
import { colourFor, paint, withoutColour } from '../../src/observe/colour.js';
import { datasetLine } from '../../src/observe/console-log.js';
import { fitted, Progress } from '../../src/observe/progress.js';

const base = { index: 3, total: 15, name: 'silver.transactions_clean', rows: 12_599, setAside: 0, dropped: 0, warnings: 0, seconds: 0.104 };

test('a dataset line: place, status, name, dots to a fixed column, the figures that are not zero, the time', () => {
  assert.equal(datasetLine({ ...base, status: 'OK' }), ' 3 of 15 OK   silver.transactions_clean ........................ 12,599 rows [0.10s]');
  assert.equal(
    datasetLine({ ...base, status: 'WARN', setAside: 1_200, dropped: 3, warnings: 1 }),
    ' 3 of 15 WARN silver.transactions_clean ........................ 12,599 rows, 1,200 set aside, 3 dropped, 1 warning [0.10s]',
  );
  assert.equal(datasetLine({ ...base, status: 'FAIL', rows: 0 }), ' 3 of 15 FAIL silver.transactions_clean ........................ failed [0.10s]');
  assert.equal(
    datasetLine({ ...base, index: 11, name: 'gold.word_count', rows: 1, warnings: 2, status: 'WARN', mapReduce: 'word count' }),
    '11 of 15 WARN gold.word_count .................................. 1 row, 2 warnings [0.10s] MapReduce pattern (word count)',
  );
});

test('a long name still gets three dots before its figures', () => {
  const line = datasetLine({ ...base, status: 'OK', name: `gold.${'x'.repeat(70)}` });
  assert.match(line, /x \.\.\. 12,599 rows \[0\.10s\]$/);
});

test('colour: the status in its colour and the dots dimmed; without colour the same text', () => {
  const coloured = datasetLine({ ...base, status: 'WARN' }, (style, text) => paint(true, style, text));
  assert.ok(coloured.includes('\u001b[33mWARN\u001b[39m '), coloured);
  assert.ok(coloured.includes('\u001b[2m....'), coloured);
  assert.equal(withoutColour(coloured), datasetLine({ ...base, status: 'WARN' }));
  assert.equal(paint(false, 'red', 'FAIL'), 'FAIL');
});

test('colour is for terminals: NO_COLOR (any non-empty value) turns it off, FORCE_COLOR turns it on, 0 off', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  assert.equal(colourFor(tty, {}), true);
  assert.equal(colourFor(pipe, {}), false);
  assert.equal(colourFor(tty, { NO_COLOR: '1' }), false);
  assert.equal(colourFor(tty, { NO_COLOR: 'false' }), false, 'any non-empty value');
  assert.equal(colourFor(tty, { NO_COLOR: '' }), true, 'an empty NO_COLOR is no NO_COLOR');
  assert.equal(colourFor(tty, { TERM: 'dumb' }), false);
  assert.equal(colourFor(pipe, { FORCE_COLOR: '1' }), true);
  assert.equal(colourFor(pipe, { FORCE_COLOR: '' }), true);
  assert.equal(colourFor(tty, { FORCE_COLOR: '0' }), false);
  assert.equal(colourFor(tty, { FORCE_COLOR: 'false' }), false);
});

test('the live display: one line per pipeline running, with rows written so far, each cut to the terminal', () => {
  const progress = Progress.none(60);
  progress.begin('data', 15);
  progress.begin('mapreduce', 14);
  progress.started('data', 'bronze.customers');
  progress.started('data', 'bronze.transactions');
  progress.started('mapreduce', 'bronze.raw_events');
  progress.finished('data', 'bronze.customers', 10_000);
  const lines = progress.text.split('\n');
  assert.equal(lines.length, 2, progress.text);
  assert.match(lines[0]!, /^data: 1 of 15 done, 10,000 rows, \d+\.\ds; building bronze\.\S*…$/);
  assert.match(lines[1]!, /^ {2}mapreduce: 0 of 14 done, 0 rows, \d+\.\ds; building b\S*…$/);
  // Two columns for the spinner before the first line, an indent as wide before the second:
  // each line ends one column short of the terminal's last, where a terminal would wrap.
  assert.deepEqual(lines.map((l, i) => (i === 0 ? 2 : 0) + [...l].length), [59, 59]);
  for (let i = 0; i < 14; i++) progress.finished('mapreduce', `d${i}`, 1);
  assert.equal(progress.text.split('\n').length, 1, 'a pipeline done leaves the display');
});

test('fitted cuts to the width with an ellipsis and leaves a short line alone', () => {
  assert.equal(fitted('abcdef', 6), 'abcdef');
  assert.equal(fitted('abcdefg', 6), 'abcde…');
});
