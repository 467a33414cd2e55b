import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { tempDir } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
/** The build this suite runs from (dist-test/), not the dist/ the clone's `medallion` runs from. */
const BUILD = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The clone as `npm pack` sees it, with this suite's build as its dist/: the package is packed
 * from what is being tested, and the clone's own dist/ and directory are left alone.
 */
function stagedClone(): string {
  const stage = tempDir('medallion-clone-');
  for (const file of ['package.json', 'README.md']) copyFileSync(join(ROOT, file), join(stage, file));
  cpSync(join(ROOT, 'src'), join(stage, 'src'), { recursive: true });
  cpSync(join(BUILD, 'src'), join(stage, 'dist', 'src'), { recursive: true });
  return stage;
}

test("the README's install packs medallion, installs it outside the clone, and a project made there runs", () => {
  const block = /```bash\n(npm pack\b[\s\S]*?)```/.exec(README)?.[1];
  assert.ok(block, 'the README shows how to install from the clone');
  assert.ok(block.includes(`medallion-${version}.tgz`), `the README names the tarball of version ${version}`);
  const prefix = tempDir('medallion-prefix-');
  const home = tempDir('medallion-home-');
  const env = {
    ...process.env,
    HOME: home,
    CI: 'true',
    // `npm install -g` goes to a prefix of the test's own, from npm's cache where it can (what
    // `npm ci` cached holds the tarballs, not always the registry's entries that resolve ranges);
    // `npm pack` packs the staged clone as it is instead of rebuilding it (no prepare script).
    npm_config_prefix: prefix,
    npm_config_prefer_offline: 'true',
    npm_config_cache: process.env['npm_config_cache'] ?? join(homedir(), '.npm'),
    npm_config_ignore_scripts: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    PATH: `${join(prefix, 'bin')}:${process.env['PATH'] ?? ''}`,
  };
  const result = spawnSync('bash', ['-c', `set -eo pipefail\n${block}\npwd`], { cwd: stagedClone(), env, encoding: 'utf8', timeout: 600_000 });
  assert.equal(result.status, 0, `${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
  // The command is the installed copy, not the clone's.
  assert.ok(existsSync(join(prefix, 'lib', 'node_modules', 'medallion', 'dist', 'src', 'cli', 'main.js')));
  const project = result.stdout.trim().split('\n').at(-1)!;
  assert.ok(!project.startsWith(ROOT), `the project (${project}) is outside the clone`);
  assert.match(result.stdout, /gold\.revenue_by_country \(.*\/shop\/data\/orders\/gold\/revenue_by_country\)/);
  // The example's three countries, with the bad rows set aside: NO 120.50 + 18.90 + 77.70, SE 35.00 + 99.99, DK 42.00.
  assert.match(result.stdout, /NO\s*│ 3\s*│ 217\.1\s/);
  assert.match(result.stdout, /SE\s*│ 2\s*│ 134\.99\s/);
  assert.match(result.stdout, /DK\s*│ 1\s*│ 42\s/);
  assert.match(result.stdout, /\n3 rows\n/);
});
