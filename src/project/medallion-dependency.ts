import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** medallion's package folder: this file runs as `dist/src/project/medallion-dependency.js`. */
const PACKAGE_ROOT = new URL('../../../', import.meta.url);

function ownPackage(): { readonly devDependencies?: Readonly<Record<string, string>> } {
  return JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { devDependencies?: Record<string, string> };
}

/**
 * How a new project depends on medallion: the installation that created it, as `file:<its folder>`,
 * so that `npm install` there links the very version the scaffold was written for, whether
 * medallion came from the registry, a global install or a clone.
 */
export function medallionDependency(): string {
  return `file:${fileURLToPath(PACKAGE_ROOT).replace(/\/$/, '')}`;
}

/** The TypeScript medallion itself is checked with, so the project's `tsc` reads medallion's types as we do. */
export function typescriptDependency(): string {
  return ownPackage().devDependencies?.typescript ?? '^5.6.0';
}
