import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

let cached: { python?: string; reason?: string } | undefined;

/**
 * The project-local Python (scripts/python-env.sh), or the reason it is unavailable, so a suite
 * that needs it can be skipped with a plain message on a machine with only Node.
 */
export function projectPython(): { python?: string; reason?: string } {
  if (cached) return cached;
  const script = resolve('scripts/python-env.sh');
  if (!existsSync(script)) return (cached = { reason: `${script} not found (run the tests from the repository root)` });
  const made = spawnSync('bash', [script], { encoding: 'utf8', timeout: 600_000 });
  const python = made.stdout.trim().split('\n').at(-1);
  if (made.status !== 0 || !python || !existsSync(python)) {
    const why = made.stderr.trim().split('\n').at(-1) || `exit ${made.status}`;
    return (cached = { reason: `the project's Python environment is unavailable (${why})` });
  }
  return (cached = { python });
}

/** Runs a Python script with the project's Python and parses the JSON it prints last. */
export function runPython<T>(python: string, script: string, args: readonly string[] = []): T {
  // Scripts that start pyspark start it locally: SPARK_REMOTE (set in CI for the live suites) would make it a Connect client.
  const { SPARK_REMOTE: _remote, SPARK_CONNECT_MODE_ENABLED: _mode, ...env } = process.env;
  const run = spawnSync(python, ['-c', script, ...args], { encoding: 'utf8', timeout: 120_000, env });
  if (run.status !== 0) throw new Error(`python failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as T;
}
