import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { duckdb } from './load-duckdb.js';
import { sqlString } from '../../dialect/dialect.js';

/** A node of DuckDB's serialized syntax tree (`json_serialize_sql`): plain JSON, read by the caller. */
export type SqlTreeNode = { readonly [key: string]: unknown };

/**
 * DuckDB's own parser, without binding: the statement need not refer to tables that exist. It
 * parses the SQL of a dataset the way the engine would, so the analysis that reads the tree
 * never guesses at SQL syntax.
 */
export class DuckDBSqlParser {
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  /** Names of DuckDB's aggregate functions (and their aliases), as its catalog lists them. */
  readonly aggregates: ReadonlySet<string>;

  private constructor(instance: DuckDBInstance, connection: DuckDBConnection, aggregates: ReadonlySet<string>) {
    this.#instance = instance;
    this.#connection = connection;
    this.aggregates = aggregates;
  }

  static async create(): Promise<DuckDBSqlParser> {
    const instance = await duckdb().DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll("SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type = 'aggregate'");
    const aggregates = new Set(reader.getRowsJS().map((r) => String(r[0])));
    // `count(*)` is parsed as the function count_star.
    aggregates.add('count_star');
    return new DuckDBSqlParser(instance, connection, aggregates);
  }

  /** The tree of one SELECT statement; a statement DuckDB cannot parse is an Error with its message. */
  async parseSelect(sql: string): Promise<SqlTreeNode> {
    const reader = await this.#connection.runAndReadAll(`SELECT json_serialize_sql(${sqlString(sql)}) AS tree`);
    const tree = JSON.parse(String(reader.getRowsJS()[0]?.[0])) as { error?: boolean; error_message?: string; statements?: Array<{ node: SqlTreeNode }> };
    if (tree.error) throw new Error(`DuckDB cannot parse the SQL: ${tree.error_message ?? 'no message'}`);
    const node = tree.statements?.[0]?.node;
    if (!node || tree.statements!.length !== 1) throw new Error('expected one SELECT statement');
    return node;
  }

  close(): void {
    this.#connection.closeSync();
    this.#instance.closeSync();
  }
}
