import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterRun, daysOf, gapsOf, intervalsOf } from '../../../src/run/incremental/ledger.js';

test('processed days are kept as the fewest ranges, across month and year ends', () => {
  assert.deepEqual(intervalsOf(['2026-12-31', '2027-01-01', '2026-12-30', '2027-01-03', '2027-01-01']), [
    { from: '2026-12-30', to: '2027-01-01' },
    { from: '2027-01-03', to: '2027-01-03' },
  ]);
  assert.deepEqual(intervalsOf(['2028-02-28', '2028-02-29', '2028-03-01']), [{ from: '2028-02-28', to: '2028-03-01' }]);
  assert.deepEqual(daysOf([{ from: '2026-11-29', to: '2026-12-02' }]), ['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
});

test('the gaps are the days between the ranges', () => {
  assert.deepEqual(gapsOf([{ from: '2026-11-01', to: '2026-11-03' }, { from: '2026-11-06', to: '2026-11-06' }, { from: '2026-11-08', to: '2026-11-09' }]), [
    { from: '2026-11-04', to: '2026-11-05' },
    { from: '2026-11-07', to: '2026-11-07' },
  ]);
  assert.deepEqual(gapsOf([{ from: '2026-11-01', to: '2026-11-03' }]), []);
});

test('a run adds its days; a full refresh leaves only its own', () => {
  const ledger = { pipeline: 'p', processed: [{ from: '2026-11-01', to: '2026-11-03' }, { from: '2026-11-05', to: '2026-11-05' }] };
  assert.deepEqual(afterRun(ledger, { days: ['2026-11-04'], fullRefresh: false }).processed, [{ from: '2026-11-01', to: '2026-11-05' }]);
  assert.deepEqual(afterRun(ledger, { days: ['2026-11-02'], fullRefresh: false }).processed, ledger.processed);
  assert.deepEqual(afterRun(ledger, { days: ['2026-11-10', '2026-11-11'], fullRefresh: true }).processed, [{ from: '2026-11-10', to: '2026-11-11' }]);
});
