/**
 * `node commit-batch-child.js <table> <first> <count>`: commits one batch (delta-fixtures'
 * commitBatch) in a process of its own, so that a test can pause it at a fault point while it
 * commits another batch itself. Prints one JSON line: the version committed, or the error.
 */
import { commitBatch } from './delta-fixtures.js';

const [table = '', first = '0', count = '0'] = process.argv.slice(2);
try {
  const result = await commitBatch(table, Number(first), Number(count));
  console.log(JSON.stringify({ version: result.version }));
} catch (error) {
  console.log(JSON.stringify({ error: (error as Error).name, message: (error as Error).message }));
}
process.exit(0);
