import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LayerOrderedLog } from '../../src/run/layer-ordered-log.js';
import { runGraph } from '../../src/run/schedule.js';

/** A promise and the function that settles it, for steps the test finishes by hand. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

test('a node starts once its inputs are readable, before they finish, and a readable node holds no place', async () => {
  const events: string[] = [];
  const checksOfA = gate();
  const finished = runGraph(
    [
      { name: 'a', inputs: [] },
      { name: 'b', inputs: ['a'] },
      { name: 'c', inputs: ['b'] },
    ],
    1,
    async (name, readable) => {
      events.push(`start ${name}`);
      readable();
      if (name === 'a') await checksOfA.wait;
      events.push(`end ${name}`);
      return true;
    },
  );
  await turn();
  await turn();
  // With one place, b and c ran while a (readable, not done) was still checking.
  assert.deepEqual(events, ['start a', 'start b', 'end b', 'start c', 'end c']);
  checksOfA.open();
  assert.deepEqual(await finished, []);
  assert.deepEqual(events.slice(-1), ['end a']);
});

test('a node waits for an input that never says it is readable until that input finishes', async () => {
  const events: string[] = [];
  await runGraph(
    [
      { name: 'a', inputs: [] },
      { name: 'b', inputs: ['a'] },
    ],
    2,
    async (name) => {
      events.push(`start ${name}`);
      await turn();
      events.push(`end ${name}`);
      return true;
    },
  );
  assert.deepEqual(events, ['start a', 'end a', 'start b', 'end b']);
});

test('after a failure no new node starts; those in flight finish and the failed ones are returned', async () => {
  const started: string[] = [];
  const failed = await runGraph(
    [
      { name: 'a', inputs: [] },
      { name: 'b', inputs: [] },
      { name: 'c', inputs: ['a'] },
    ],
    2,
    async (name) => {
      started.push(name);
      await turn();
      return name !== 'a';
    },
  );
  assert.deepEqual(failed, ['a']);
  assert.deepEqual(started, ['a', 'b']);
});

test('upstreamPassed waits for every node upstream, directly or not, and says whether all of them succeeded', async () => {
  // a is readable early and fails late; b (built from a's rows) succeeds; c fails meanwhile.
  const checksOfA = gate();
  const blame: Record<string, boolean> = {};
  const failed = runGraph(
    [
      { name: 'a', inputs: [] },
      { name: 'b', inputs: ['a'] },
      { name: 'c', inputs: ['b'] },
      { name: 'd', inputs: [] },
    ],
    4,
    async (name, readable, upstreamPassed) => {
      readable();
      if (name === 'a') {
        await checksOfA.wait;
        return false;
      }
      if (name === 'b') return true;
      blame[name] = await upstreamPassed();
      return false;
    },
  );
  await turn();
  await turn();
  assert.deepEqual(blame, { d: true }, 'd reads nothing; c waits for a, which has not ended');
  checksOfA.open();
  assert.deepEqual((await failed).sort(), ['a', 'c', 'd']);
  assert.deepEqual(blame, { c: false, d: true }, 'c is downstream of a, through b');
});

function orderedLog() {
  const lines: string[] = [];
  const log = new LayerOrderedLog(
    [
      { name: 'bronze.x', layer: 0, inputs: [] },
      { name: 'bronze.y', layer: 0, inputs: [] },
      { name: 'silver.x', layer: 1, inputs: ['bronze.x'] },
      { name: 'silver.xx', layer: 1, inputs: ['silver.x'] },
      { name: 'gold.y', layer: 2, inputs: ['bronze.y'] },
    ],
    (layer) => lines.push(`== layer ${layer}`),
  );
  const say = (dataset: string, text: string) => log.tell(dataset, () => lines.push(`${dataset}: ${text}`));
  return { lines, log, say };
}

test('a later layer is told after every dataset of the layers before it, and a dataset after those it reads', () => {
  const { lines, log, say } = orderedLog();
  say('bronze.x', 'building');
  say('bronze.y', 'building');
  say('silver.x', 'building');
  say('silver.x', 'saved');
  say('silver.xx', 'building');
  assert.deepEqual(lines, ['== layer 0', 'bronze.x: building', 'bronze.y: building']);
  say('bronze.x', 'saved');
  log.done('bronze.x', true);
  say('gold.y', 'saved');
  log.done('gold.y', true);
  assert.equal(lines.length, 4, 'silver waits for bronze.y');
  say('bronze.y', 'saved');
  log.done('bronze.y', true);
  assert.deepEqual(lines.slice(4), ['bronze.y: saved', '== layer 1', 'silver.x: building', 'silver.x: saved']);
  log.done('silver.x', true);
  assert.deepEqual(lines.slice(8), ['silver.xx: building']);
  say('silver.xx', 'saved');
  log.done('silver.xx', true);
  assert.deepEqual(lines.slice(9), ['silver.xx: saved', '== layer 2', 'gold.y: saved']);
});

test('a dataset downstream of a failure is never told and counts as not built; the others are told at the end', () => {
  const { lines, log, say } = orderedLog();
  say('bronze.x', 'failed');
  log.done('bronze.x', false);
  say('silver.x', 'saved');
  log.done('silver.x', true);
  say('silver.xx', 'saved');
  log.done('silver.xx', true);
  say('bronze.y', 'saved');
  log.done('bronze.y', true);
  say('gold.y', 'saved');
  log.done('gold.y', true);
  assert.equal(log.downstreamOfFailure('silver.x'), true);
  assert.equal(log.downstreamOfFailure('silver.xx'), true);
  assert.equal(log.downstreamOfFailure('gold.y'), false);
  log.flush();
  assert.deepEqual(lines, ['== layer 0', 'bronze.x: failed', 'bronze.y: saved', '== layer 2', 'gold.y: saved']);
});
