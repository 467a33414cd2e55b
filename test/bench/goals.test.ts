import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goalLines } from '../../bench/goals.js';

test('the benchmark sets each figure beside its goal, and says when the writes alone already miss it', () => {
  const lines = goalLines([
    { scale: 1, runBoth: 1.44, floors: [0.15, 0.49], ratios: [3.5, 1.62], peakRssMiB: 249 },
    { scale: 100, runBoth: 19.5, floors: [8.9, 9.1], ratios: [1.1, 1.14], peakRssMiB: 1100 },
  ]);
  assert.deepEqual(lines, [
    'goals (a 2-core machine):',
    '  scale 1: run both 1.44 s, goal ≤ 0.6 s: not met; the writes alone take 0.64 s, more than the goal',
    '  scale 1: run/floor 3.50 (data), 1.62 (mapreduce), goal ≤ 1.15: not met',
    '  scale 100: run both 19.50 s, goal ≤ 20 s: met; the writes alone take 18.00 s',
    '  scale 100: peak RSS 1100 MiB, goal ≤ 1024 MiB: not met',
    '  scale 100: run/floor 1.10 (data), 1.14 (mapreduce), goal ≤ 1.15: met',
  ]);
});
