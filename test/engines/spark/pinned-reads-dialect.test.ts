import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sparkDialect } from '../../../src/dialect/spark.js';
import { pinnedReadsDialect } from '../../../src/engines/spark/pinned-reads-dialect.js';
import { SparkEngine } from '../../../src/engines/spark/spark-engine.js';
import { tempDir } from '../../helpers.js';

test("the Spark engine's reads name the version directory a dataset's link points to, as a file:// URI", () => {
  const root = tempDir();
  const version = join(root, '_versions', 'gold', 'x', 'run-1');
  mkdirSync(version, { recursive: true });
  mkdirSync(join(root, 'gold'));
  symlinkSync(join('..', '_versions', 'gold', 'x', 'run-1'), join(root, 'gold', 'x'));
  const dialect = pinnedReadsDialect(sparkDialect);
  assert.equal(dialect.readParquet(join(root, 'gold', 'x')), `parquet.\`file://${realpathSync(version)}\``);
  // What cannot be resolved here (a URL, a path that does not exist) is read as given.
  assert.equal(dialect.readParquet('hdfs://nn/data/gold/x'), 'parquet.`hdfs://nn/data/gold/x`');
  assert.equal(dialect.readParquet('/nowhere/gold/x'), 'parquet.`file:///nowhere/gold/x`');
  assert.equal(dialect.readLines, sparkDialect.readLines);
  assert.equal(Object.getOwnPropertyDescriptor(SparkEngine.prototype, 'dialect'), undefined, 'dialect is an instance field');
});
