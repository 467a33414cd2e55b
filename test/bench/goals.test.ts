import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goalLines, sparkGoalLines } from '../../bench/goals.js';

test('the benchmark sets each figure beside its goal, and says when the writes alone already miss it', () => {
  const lines = goalLines([
    { scale: 1, runBoth: 1.44, port: 1.2, floors: [0.15, 0.49], ratios: [3.5, 1.62], peakRssMiB: 249 },
    { scale: 100, runBoth: 19.5, floors: [8.9, 9.1], ratios: [1.1, 1.14], peakRssMiB: 1100 },
  ]);
  assert.deepEqual(lines, [
    'goals (a 2-core machine):',
    '  scale 1: run both 1.44 s, goal ≤ 0.80 s (1.5× faster than 1.20 s, the port measured beside it): not met; the writes alone take 0.64 s',
    '  scale 1: run/floor 3.50 (data), 1.62 (mapreduce), goal ≤ 1.15: not met',
    "  scale 100: run both 19.50 s, goal ≤ 27.73 s (1.5× faster than 41.60 s, the port's quiet-machine figure): met; the writes alone take 18.00 s",
    '  scale 100: peak RSS 1100 MiB, goal ≤ 1024 MiB: not met',
    '  scale 100: run/floor 1.10 (data), 1.14 (mapreduce), goal ≤ 1.15: met',
  ]);
});

test('on Spark each pipeline is set beside the original PySpark pipeline at the sizes it was measured', () => {
  assert.deepEqual(
    sparkGoalLines([
      { scale: 0.1, pipeline: 'data', seconds: 30 },
      { scale: 1, pipeline: 'data', seconds: 12.5 },
      { scale: 10, pipeline: 'mapreduce', seconds: 100 },
    ]),
    [
      'goals on Spark (2× faster than the original PySpark pipelines, local[2]):',
      '  scale 1 data: 12.5 s, original 26.2 s, goal ≤ 13.1 s: met',
      '  scale 10 mapreduce: 100.0 s, original 184 s, goal ≤ 92.0 s: not met',
    ],
  );
});
