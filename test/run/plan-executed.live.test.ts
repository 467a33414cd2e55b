import { test } from 'node:test';
import { openEngine } from '../../src/engines/registry.js';
import { assertRunFollowsPlan, CASES } from './plan-follows.js';

const LIVE_SPARK = process.env['SPARK_REMOTE'] ? {} : { skip: 'live Spark plan test skipped: SPARK_REMOTE is not set' };

for (const [name, configure] of CASES) {
  test(`spark, ${name}: the statements the engine receives during a run are the plan's, in its order, and every unconditional one is sent`, LIVE_SPARK, () =>
    assertRunFollowsPlan('spark', () => openEngine({ engine: 'spark' }), name, configure));
}
