import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's root (tests run from dist/test/…). */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SCRIPT = `${ROOT}scripts/spark-server.sh`;

/**
 * Why a test that starts its own Spark Connect server cannot run here, or false when it can:
 * it needs a live Spark (SPARK_REMOTE set, which means the script's Python env is there too).
 */
export function ownServerSkip(): string | false {
  if (!process.env['SPARK_REMOTE']) return 'live Spark test skipped: SPARK_REMOTE is not set (scripts/spark-server.sh start prints it)';
  if (!existsSync(`${ROOT}.venv/bin/python`)) return 'live Spark test skipped: it starts its own server with scripts/spark-server.sh, whose .venv is missing';
  return false;
}

/** Starts a named server with extra options through scripts/spark-server.sh; returns its connection string. */
export function startSparkServer(name: string, options: readonly string[]): string {
  const run = spawnSync('bash', [SCRIPT, 'start', '--name', name, ...options], { encoding: 'utf8', timeout: 240_000 });
  const remote = /^SPARK_REMOTE=(.+)$/m.exec(run.stdout ?? '')?.[1];
  if (run.status !== 0 || !remote) throw new Error(`could not start the Spark server ${name}: ${run.stderr}`);
  return remote;
}

export function stopSparkServer(name: string): void {
  spawnSync('bash', [SCRIPT, 'stop', '--name', name], { encoding: 'utf8', timeout: 60_000 });
}
