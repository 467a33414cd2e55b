import { createRequire } from 'node:module';

type DuckDBApi = typeof import('@duckdb/node-api');

let api: DuckDBApi | undefined;

/**
 * DuckDB's Node API, loaded on first use. Through `require`: importing the package as an ES module
 * first scans its CommonJS sources for their exports, which costs about as much as loading it, and
 * commands that never touch DuckDB (`--help`, `sql`, `list`) should not load it at all.
 */
export function duckdb(): DuckDBApi {
  return (api ??= createRequire(import.meta.url)('@duckdb/node-api') as DuckDBApi);
}
