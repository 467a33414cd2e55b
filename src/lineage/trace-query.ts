import type { SqlTreeNode } from '../engines/duckdb/sql-parser.js';
import { columnKey, type ColumnLineage, type ColumnRef } from '../model/lineage.js';

/**
 * Where the values of one column of a relation come from. `rank` orders how much the value is
 * transformed on the way: 0 copied, 1 computed from the same row, 2 over a window, 3 aggregated.
 */
export interface Trace {
  readonly sources: Map<string, ColumnRef>;
  readonly previous: Map<string, ColumnRef>;
  readonly rowsOf: Set<string>;
  readonly unresolved: Set<string>;
  rank: number;
}

/** A relation as the analysis knows it: its columns in order, or why they cannot be known. */
export interface Relation {
  readonly columns: ReadonlyArray<readonly [string, Trace]>;
  /** The datasets whose rows make its rows: what a `count(*)` over it counts. */
  readonly rowsOf: ReadonlySet<string>;
  readonly unknown?: string;
}

/** How a `FROM` names a dataset: the relation of that dataset's columns, or undefined for a table the analysis does not know. */
export type TableResolver = (schema: string, table: string) => Relation | undefined;

interface Entry {
  readonly alias: string;
  readonly relation: Relation;
  readonly using?: ReadonlySet<string>;
}

interface Scope {
  readonly entries: readonly Entry[];
  readonly outer?: Scope;
  /** Aliases of the select list so far: DuckDB lets a later item use an earlier one's alias. */
  readonly aliases?: Map<string, Trace>;
}

const RANKS = ['copy', 'expression', 'window', 'aggregate'] as const;

export function emptyTrace(rank = 0): Trace {
  return { sources: new Map(), previous: new Map(), rowsOf: new Set(), unresolved: new Set(), rank };
}

/** A trace of one column of a dataset, as a `FROM` of it gives it. */
export function sourceTrace(ref: ColumnRef, previous: boolean): Trace {
  const trace = emptyTrace();
  (previous ? trace.previous : trace.sources).set(columnKey(ref), ref);
  return trace;
}

function merge(into: Trace, from: Trace): Trace {
  for (const [k, v] of from.sources) into.sources.set(k, v);
  for (const [k, v] of from.previous) into.previous.set(k, v);
  for (const v of from.rowsOf) into.rowsOf.add(v);
  for (const v of from.unresolved) into.unresolved.add(v);
  into.rank = Math.max(into.rank, from.rank);
  return into;
}

function unresolvedTrace(reason: string): Trace {
  const trace = emptyTrace(1);
  trace.unresolved.add(reason);
  return trace;
}

const isNode = (value: unknown): value is SqlTreeNode => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const nodes = (value: unknown): SqlTreeNode[] => (Array.isArray(value) ? value.filter(isNode) : []);

/**
 * Column-level lineage of one parsed query: for each output column, the columns of the tables
 * it reads that its value is computed from. Filters, join conditions and grouping decide which
 * rows there are, not what a value is computed from, so they are not sources (as in SQLMesh's
 * and dbt's column lineage). Anything the walk does not understand is recorded as unresolved.
 */
export class QueryTracer {
  readonly #aggregates: ReadonlySet<string>;
  readonly #resolve: TableResolver;

  constructor(aggregates: ReadonlySet<string>, resolve: TableResolver) {
    this.#aggregates = aggregates;
    this.#resolve = resolve;
  }

  /** The relation a query node produces. */
  query(node: SqlTreeNode, outer: Scope | undefined, ctes: ReadonlyMap<string, SqlTreeNode>): Relation {
    const withCtes = new Map(ctes);
    const cteMap = isNode(node['cte_map']) ? nodes(node['cte_map']['map']) : [];
    for (const cte of cteMap) {
      const query = isNode(cte['value']) && isNode(cte['value']['query']) ? cte['value']['query']['node'] : undefined;
      if (isNode(query)) withCtes.set(text(cte['key']).toLowerCase(), query);
    }
    switch (node['type']) {
      case 'SELECT_NODE':
        return this.#select(node, outer, withCtes);
      case 'SET_OPERATION_NODE':
        return this.#setOperation(node, outer, withCtes);
      default:
        return { columns: [], rowsOf: new Set(), unknown: `a ${text(node['type']).toLowerCase().replace(/_/g, ' ')}` };
    }
  }

  #setOperation(node: SqlTreeNode, outer: Scope | undefined, ctes: ReadonlyMap<string, SqlTreeNode>): Relation {
    const parts = [node['left'], node['right'], ...(Array.isArray(node['children']) ? node['children'] : [])].filter(isNode).map((n) => this.query(n, outer, ctes));
    const [first, ...rest] = parts;
    if (!first) return { columns: [], rowsOf: new Set(), unknown: 'an empty set operation' };
    // Columns of a UNION are matched by position and named after the first query's.
    const columns = first.columns.map(([name, trace], i) => {
      const merged = merge(emptyTrace(), trace);
      for (const part of rest) {
        const other = part.columns[i];
        if (other) merge(merged, other[1]);
        else merged.unresolved.add(`column ${i + 1} of a ${text(node['setop_type']).toLowerCase()} has no counterpart`);
      }
      return [name, merged] as const;
    });
    return { columns, rowsOf: new Set(parts.flatMap((p) => [...p.rowsOf])), ...(first.unknown ? { unknown: first.unknown } : {}) };
  }

  #select(node: SqlTreeNode, outer: Scope | undefined, ctes: ReadonlyMap<string, SqlTreeNode>): Relation {
    const entries = isNode(node['from_table']) ? this.#from(node['from_table'], outer, ctes) : [];
    const scope: Scope = { entries, aliases: new Map(), ...(outer ? { outer } : {}) };
    const rowsOf = new Set(entries.flatMap((e) => [...e.relation.rowsOf]));
    const columns: Array<readonly [string, Trace]> = [];
    for (const item of nodes(node['select_list'])) {
      if (item['class'] === 'STAR') {
        columns.push(...this.#star(item, scope));
        continue;
      }
      const trace = this.#expression(item, scope, ctes);
      const name = text(item['alias']) || (item['class'] === 'COLUMN_REF' ? (nodesOf(item['column_names']).at(-1) ?? '') : '') || `#${columns.length + 1}`;
      scope.aliases!.set(name.toLowerCase(), trace);
      columns.push([name, trace]);
    }
    return { columns, rowsOf };
  }

  #star(item: SqlTreeNode, scope: Scope): Array<readonly [string, Trace]> {
    const qualifier = text(item['relation_name']).toLowerCase();
    const excluded = new Set(nodesOf(item['exclude_list']).map((c) => c.toLowerCase()));
    const out: Array<readonly [string, Trace]> = [];
    if (isNode(item['replace_list']) || (Array.isArray(item['replace_list']) && item['replace_list'].length) || item['columns'] === true || isNode(item['expr'])) {
      return [['*', unresolvedTrace('a * with REPLACE or COLUMNS(...)')]];
    }
    for (const entry of scope.entries) {
      if (qualifier && entry.alias.toLowerCase() !== qualifier) continue;
      if (entry.relation.unknown) out.push(['*', unresolvedTrace(`* over ${entry.relation.unknown}`)]);
      for (const [name, trace] of entry.relation.columns) {
        if (excluded.has(name.toLowerCase())) continue;
        // A column joined USING appears once.
        if (entry.using?.has(name.toLowerCase()) && out.some(([n]) => n.toLowerCase() === name.toLowerCase())) continue;
        out.push([name, trace]);
      }
    }
    return out;
  }

  #from(ref: SqlTreeNode, outer: Scope | undefined, ctes: ReadonlyMap<string, SqlTreeNode>): Entry[] {
    const alias = text(ref['alias']);
    switch (ref['type']) {
      case 'EMPTY':
        return [];
      case 'BASE_TABLE': {
        const table = text(ref['table_name']);
        const schema = text(ref['schema_name']);
        const cte = schema ? undefined : ctes.get(table.toLowerCase());
        const relation = cte
          ? this.query(cte, undefined, ctes)
          : (this.#resolve(schema, table) ?? { columns: [], rowsOf: new Set<string>(), unknown: `table ${schema ? `${schema}.` : ''}${table}, which is not a dataset of the pipeline` });
        return [{ alias: alias || table, relation: renamed(relation, ref) }];
      }
      case 'SUBQUERY': {
        const subquery = isNode(ref['subquery']) ? ref['subquery']['node'] : undefined;
        const relation = isNode(subquery) ? this.query(subquery, outer, ctes) : { columns: [], rowsOf: new Set<string>(), unknown: 'a subquery' };
        return [{ alias, relation: renamed(relation, ref) }];
      }
      case 'JOIN': {
        const left = isNode(ref['left']) ? this.#from(ref['left'], outer, ctes) : [];
        const right = isNode(ref['right']) ? this.#from(ref['right'], outer, ctes) : [];
        const using = new Set(nodesOf(ref['using_columns']).map((c) => c.toLowerCase()));
        return [...left, ...right.map((e) => (using.size ? { ...e, using } : e))];
      }
      default:
        return [{ alias, relation: { columns: [], rowsOf: new Set(), unknown: `a ${text(ref['type']).toLowerCase().replace(/_/g, ' ')} in FROM` } }];
    }
  }

  #expression(expr: SqlTreeNode, scope: Scope, ctes: ReadonlyMap<string, SqlTreeNode>): Trace {
    switch (expr['class']) {
      case 'COLUMN_REF':
        return this.#column(nodesOf(expr['column_names']), scope);
      case 'CONSTANT':
        return emptyTrace(1);
      case 'STAR':
        // `count(t.*)` and the like: the rows of the relation, not a column of it.
        return rowsTrace(scope);
      case 'SUBQUERY': {
        const subquery = isNode(expr['subquery']) ? expr['subquery']['node'] : undefined;
        const trace = emptyTrace(1);
        if (isNode(subquery)) {
          const relation = this.query(subquery, scope, ctes);
          const first = relation.columns[0];
          if (relation.unknown) trace.unresolved.add(relation.unknown);
          // EXISTS and IN give a truth value about the rows, not one of their values.
          if (first && text(expr['subquery_type']) === 'SCALAR') merge(trace, first[1]);
          else for (const v of relation.rowsOf) trace.rowsOf.add(v);
        }
        if (isNode(expr['child'])) merge(trace, this.#expression(expr['child'], scope, ctes));
        return trace;
      }
      case 'LAMBDA': {
        // The lambda's parameters are bound by the function that applies it, not by a table.
        const params = nodesIn(expr['lhs']).filter((n) => n['class'] === 'COLUMN_REF').map((n) => nodesOf(n['column_names']).join('.'));
        const bound: Entry = { alias: '', relation: { columns: params.map((p) => [p, emptyTrace(1)] as const), rowsOf: new Set() } };
        return isNode(expr['expr']) ? merge(emptyTrace(1), this.#expression(expr['expr'], { entries: [bound], outer: scope }, ctes)) : emptyTrace(1);
      }
      case 'FUNCTION': {
        const name = text(expr['function_name']).toLowerCase();
        const trace = this.#children(expr, scope, ctes, this.#aggregates.has(name) ? 3 : 1);
        if (name === 'count_star') merge(trace, rowsTrace(scope));
        return trace;
      }
      case 'WINDOW': {
        const trace = this.#children(expr, scope, ctes, 2);
        if (text(expr['function_name']).toLowerCase() === 'count_star') merge(trace, rowsTrace(scope));
        return trace;
      }
      default:
        return this.#children(expr, scope, ctes, 1);
    }
  }

  /** Every expression nested in `expr`, whatever the field that holds it. */
  #children(expr: SqlTreeNode, scope: Scope, ctes: ReadonlyMap<string, SqlTreeNode>, rank: number): Trace {
    const trace = emptyTrace(rank);
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (isNode(value)) {
        if (typeof value['class'] === 'string') merge(trace, this.#expression(value, scope, ctes));
        else Object.values(value).forEach(visit);
      }
    };
    for (const [key, value] of Object.entries(expr)) if (key !== 'class' && key !== 'type') visit(value);
    return trace;
  }

  #column(names: readonly string[], scope: Scope): Trace {
    const wanted = names.at(-1)!.toLowerCase();
    const qualifier = names.length > 1 ? names.at(-2)!.toLowerCase() : undefined;
    const shown = names.join('.');
    for (let s: Scope | undefined = scope; s; s = s.outer) {
      const candidates = s.entries.filter((e) => !qualifier || e.alias.toLowerCase() === qualifier);
      const found = candidates.flatMap((e) => e.relation.columns.filter(([n]) => n.toLowerCase() === wanted).map(([, t]) => ({ e, t })));
      if (found.length === 1) return found[0]!.t;
      if (found.length > 1) {
        if (found.every(({ e }) => e.using?.has(wanted))) return found.reduce((acc, { t }) => merge(acc, t), emptyTrace());
        return unresolvedTrace(`column ${shown} is ambiguous: ${found.map(({ e }) => e.alias || 'a subquery').join(' and ')} both have it`);
      }
      if (!qualifier && s.aliases?.has(wanted)) return s.aliases.get(wanted)!;
      const opaque = candidates.find((e) => e.relation.unknown);
      if (opaque) return unresolvedTrace(`column ${shown} comes from ${opaque.relation.unknown}`);
    }
    return unresolvedTrace(`column ${shown} is not a column of the inputs`);
  }
}

function rowsTrace(scope: Scope): Trace {
  const trace = emptyTrace(3);
  for (const e of scope.entries) for (const v of e.relation.rowsOf) trace.rowsOf.add(v);
  return trace;
}

/** `AS t(a, b)` renames a relation's columns by position. */
function renamed(relation: Relation, ref: SqlTreeNode): Relation {
  const names = nodesOf(ref['column_name_alias']);
  if (!names.length) return relation;
  return { ...relation, columns: relation.columns.map(([name, trace], i) => [names[i] ?? name, trace] as const) };
}

function nodesOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function nodesIn(value: unknown): SqlTreeNode[] {
  if (!isNode(value)) return [];
  if (value['class'] === 'COLUMN_REF') return [value];
  return nodes(value['children']);
}

/** The lineage of one output column, as the manifest records it. */
export function toColumnLineage(column: string, trace: Trace | undefined): ColumnLineage {
  if (!trace) return { column, transform: 'constant', sources: [], unresolved: ["not in the SQL's select list"] };
  const sources = [...trace.sources.values()];
  const previous = [...trace.previous.values()];
  const rowsOf = [...trace.rowsOf];
  const unresolved = [...trace.unresolved];
  const constant = !sources.length && !previous.length && !rowsOf.length && !unresolved.length;
  return {
    column,
    transform: constant ? 'constant' : RANKS[Math.min(trace.rank, 3)]!,
    sources,
    ...(rowsOf.length ? { rowsOf } : {}),
    ...(previous.length ? { previous } : {}),
    ...(unresolved.length ? { unresolved } : {}),
  };
}
