import type { Dialect } from '../dialect/dialect.js';
import { UserError } from '../model/errors.js';
import { closest } from '../model/did-you-mean.js';
import { LAYERS, layerOf, type Dataset, type DatasetContext, type Layer } from '../model/dataset.js';

/** A dataset with the inputs its SQL and expectations read, discovered by rendering it once. */
export interface GraphNode<C> {
  readonly dataset: Dataset<C>;
  readonly inputs: readonly string[];
}

/**
 * Runs a function the user wrote (a dataset's sql, an expectation's condition): what it throws
 * is the user's mistake, told as theirs with the dataset's name, not as a crash of medallion.
 */
function userCode(pipelineName: string, what: string, call: () => unknown): void {
  try {
    call();
  } catch (error) {
    if (error instanceof UserError) throw error;
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new UserError(`pipeline ${pipelineName}: ${what} threw ${text} (it is called with { ref, previous, dialect, config })`);
  }
}

/** `(did you mean 'x'?)` when one name is close, else the list of known names: a slip gets one suggestion, not a list to scan. */
function unknownHint(name: string, known: Iterable<string>): string {
  const names = [...known];
  const near = closest(name, names);
  return near === undefined ? `(known: ${names.join(', ')})` : `(did you mean '${near}'?)`;
}

/**
 * Renders every dataset once with a recording `ref` to learn its inputs, then orders the
 * datasets so that each comes after its inputs (layer order first, then definition order).
 * A `ref` to an unknown dataset, a dataset reading itself and a cycle are `UserError`s.
 */
export function pipelineGraph<C>(pipelineName: string, datasets: readonly Dataset<C>[], dialect: Dialect, config: C): GraphNode<C>[] {
  const byName = new Map(datasets.map((d) => [d.name, d]));
  const nodes = new Map<string, GraphNode<C>>();
  for (const dataset of datasets) {
    const inputs = new Set<string>();
    const recording: DatasetContext<C> = {
      dialect,
      config,
      ingestedAt: 'NULL',
      ref(name: string) {
        if (!byName.has(name)) {
          throw new UserError(`pipeline ${pipelineName}: ${dataset.name} refers to unknown dataset '${name}' ${unknownHint(name, byName.keys())}`);
        }
        if (name === dataset.name) throw new UserError(`pipeline ${pipelineName}: ${dataset.name} refers to itself`);
        inputs.add(name);
        return `__ref_${name.replace('.', '_')}`;
      },
      previous(name: string) {
        if (!byName.has(name)) {
          throw new UserError(`pipeline ${pipelineName}: ${dataset.name} reads the previous version of unknown dataset '${name}' ${unknownHint(name, byName.keys())}`);
        }
        return `__previous_${name.replace('.', '_')}`;
      },
      previousAsOf: () => undefined,
      runId: '',
    };
    userCode(pipelineName, `${dataset.name}: its sql function`, () => dataset.sql(recording));
    // Expectations may read other datasets too (references, reconciles): those are inputs as well.
    for (const e of dataset.expect ?? []) {
      userCode(pipelineName, `${dataset.name}: expectation ${e.name}`, () => {
        if (e.scope === 'row') {
          e.passes(recording);
          e.reason?.(recording);
        } else {
          e.measure(recording, '__self');
          e.examples?.(recording, '__self');
        }
      });
    }
    nodes.set(dataset.name, { dataset, inputs: [...inputs] });
  }

  const ordered: GraphNode<C>[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new UserError(`pipeline ${pipelineName}: dependency cycle ${[...path, name].join(' -> ')}`);
    state.set(name, 'visiting');
    const node = nodes.get(name)!;
    for (const input of node.inputs) visit(input, [...path, name]);
    state.set(name, 'done');
    ordered.push(node);
  };
  const layerRank = (name: string) => LAYERS.indexOf(layerOf(name));
  const roots = [...datasets].sort((a, b) => layerRank(a.name) - layerRank(b.name));
  for (const dataset of roots) visit(dataset.name, []);
  return ordered;
}

/**
 * dbt-style selection: `name`, `+name` (with ancestors), `name+` (with descendants),
 * `layer:gold`; several selectors separated by spaces or commas are united.
 */
export function selectDatasets<C>(graph: readonly GraphNode<C>[], selectors: readonly string[]): Set<string> {
  const names = new Set(graph.map((p) => p.dataset.name));
  const parents = new Map(graph.map((p) => [p.dataset.name, p.inputs]));
  const children = new Map<string, string[]>(graph.map((p) => [p.dataset.name, []]));
  for (const p of graph) for (const input of p.inputs) children.get(input)!.push(p.dataset.name);

  const walk = (start: string, edges: Map<string, readonly string[]>, into: Set<string>) => {
    for (const next of edges.get(start) ?? []) {
      if (!into.has(next)) {
        into.add(next);
        walk(next, edges, into);
      }
    }
  };

  const selected = new Set<string>();
  for (const raw of selectors.flatMap((s) => s.split(/[\s,]+/)).filter(Boolean)) {
    const layerMatch = /^layer:(\w+)$/.exec(raw);
    if (layerMatch) {
      const layer = layerMatch[1] as Layer;
      if (!LAYERS.includes(layer)) {
        throw new UserError(`--select: unknown layer '${layer}' in '${raw}' (expected one of ${LAYERS.join(', ')})`);
      }
      for (const name of names) if (layerOf(name) === layer) selected.add(name);
      continue;
    }
    const withAncestors = raw.startsWith('+');
    const withDescendants = raw.endsWith('+');
    const name = raw.replace(/^\+/, '').replace(/\+$/, '').replace('/', '.');
    if (!names.has(name)) {
      throw new UserError(`--select: unknown dataset '${name}' ${unknownHint(name, names)}`);
    }
    selected.add(name);
    if (withAncestors) walk(name, parents, selected);
    if (withDescendants) walk(name, children, selected);
  }
  return selected;
}
