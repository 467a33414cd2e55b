import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from `dist/test/storage/delta/`. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const READERS = join(REPO_ROOT, 'test', 'storage', 'delta', 'readers');

/**
 * The project's Python (made by scripts/python-env.sh) when it can import delta-rs, else the
 * reason it cannot: the live reader tests are skipped with that reason on a machine without it.
 */
export function deltaPython(): { python: string } | { skip: string } {
  const python = process.env['MEDALLION_PYTHON'] ?? join(REPO_ROOT, '.venv', 'bin', 'python');
  if (!existsSync(python)) return { skip: `Delta reader tests skipped: no Python env at ${python} (run scripts/python-env.sh)` };
  const probe = spawnSync(python, ['-c', 'import deltalake, pyarrow'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.status !== 0) return { skip: `Delta reader tests skipped: ${python} cannot import deltalake (run scripts/python-env.sh)` };
  return { python };
}

/** The delta-spark jars (scripts/delta-spark-jars.sh) and a Java to run Spark, else why not. */
export function deltaSparkJars(): { jars: string } | { skip: string } {
  const dir = join(REPO_ROOT, '.delta-jars');
  const jars = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jar')) : [];
  if (jars.length < 2) return { skip: `Spark Delta reader test skipped: no delta-spark jars in ${dir} (run scripts/delta-spark-jars.sh)` };
  if (spawnSync('java', ['-version'], { timeout: 30_000 }).status !== 0) return { skip: 'Spark Delta reader test skipped: no java on PATH' };
  return { jars: jars.map((j) => join(dir, j)).join(',') };
}

/** Runs one of the reader scripts and parses the JSON object it prints last. */
export function runReader<T>(python: string, script: string, args: readonly string[], timeoutMs = 120_000): T {
  const out = execFileSync(python, [join(READERS, script), ...args], {
    encoding: 'utf8',
    timeout: timeoutMs,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    // A local Spark session: a Connect server named by SPARK_REMOTE (as in CI) would be refused beside it.
    env: { ...withoutSparkRemote(process.env), TZ: 'UTC', PYSPARK_PYTHON: python },
  });
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}

/** The environment without the Spark Connect settings that would turn a local pyspark session into a remote one. */
export function withoutSparkRemote(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { SPARK_REMOTE: _remote, SPARK_CONNECT_MODE_ENABLED: _mode, ...rest } = env;
  return rest;
}
