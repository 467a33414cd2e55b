import { suggestOrList } from '../model/did-you-mean.js';
import { UserError } from '../model/errors.js';
import type { Pipeline } from '../model/pipeline.js';
import { BUILT_IN_PIPELINES, PIPELINE_GROUPS } from '../pipelines/registry.js';
import { findProjectConfig, loadProject, type Project } from './load-project.js';

/**
 * The pipelines a command can name: the built-in ones and those of the user's project. Commands
 * ask it by name and never name a pipeline themselves.
 */
export class PipelineRegistry {
  readonly #byName: ReadonlyMap<string, Pipeline>;

  constructor(
    readonly pipelines: readonly Pipeline[],
    readonly groups: Readonly<Record<string, readonly string[]>>,
    readonly project?: Project,
  ) {
    const byName = new Map<string, Pipeline>();
    for (const p of pipelines) {
      if (byName.has(p.name)) {
        throw new UserError(`two pipelines are named '${p.name}'${project ? ` (${project.file} declares one; built-in: ${BUILT_IN_PIPELINES.map((b) => b.name).join(', ')})` : ''}`);
      }
      byName.set(p.name, p);
    }
    this.#byName = byName;
  }

  get names(): string[] {
    return [...this.#byName.keys()];
  }

  /** The pipeline called `name`; a `UserError` listing the known ones otherwise. */
  get(name: string): Pipeline {
    const found = this.#byName.get(name);
    if (!found) throw new UserError(`unknown pipeline '${name}': ${suggestOrList(name, this.names)}`);
    return found;
  }

  /** A name or a group (`both`) as the pipelines it stands for. */
  expand(target: string, allowGroups = true): Pipeline[] {
    const group = allowGroups ? this.groups[target] : undefined;
    if (group) return group.map((name) => this.get(name));
    if (!this.#byName.has(target)) {
      const expected = [...this.names, ...(allowGroups ? Object.keys(this.groups) : [])];
      throw new UserError(`unknown pipeline '${target}': ${suggestOrList(target, expected)}`);
    }
    return [this.get(target)];
  }
}

/** The built-in pipelines, plus those of the project in `dir` when it has a `medallion.config.*`. */
export async function loadRegistry(dir: string): Promise<PipelineRegistry> {
  const file = findProjectConfig(dir);
  if (!file) return new PipelineRegistry(BUILT_IN_PIPELINES, PIPELINE_GROUPS);
  const project = await loadProject(file);
  return new PipelineRegistry([...BUILT_IN_PIPELINES, ...project.pipelines], PIPELINE_GROUPS, project);
}
