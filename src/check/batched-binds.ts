import type { Engine } from '../engines/engine.js';

type Describe = Pick<Engine, 'describe'>;

/**
 * The binds of one dataset's check, sent to the engine together: each analysis is a round trip
 * and a parse of the whole statement (on Spark an AnalyzePlan), and a pipeline has a few for every
 * keep rule, expectation and reason. Binds of expressions over one relation share one DESCRIBE;
 * whole statements (table expectations) share another, cross-joined. Only when a batch does not
 * bind is each of its members bound alone, to say which one is wrong and why.
 */
export class BatchedBinds {
  readonly #expressions: Array<{ select: string; settle: (type: string | undefined, error?: unknown) => void }> = [];
  readonly #statements: Array<{ sql: string; settle: (error?: unknown) => void }> = [];

  constructor(
    readonly engine: Describe,
    /** The relation the expressions are over (SQL, e.g. a stand-in), named `candidate` in them. */
    readonly relation: string,
  ) {}

  /** The type of `expression` (without an alias) over the relation, or the engine's refusal. */
  expression(expression: string): Promise<{ type?: string; error?: unknown }> {
    return new Promise((resolve) => this.#expressions.push({ select: expression, settle: (type, error) => resolve(error === undefined ? { ...(type ? { type } : {}) } : { error }) }));
  }

  /** Whether a whole statement binds: undefined when it does, else the engine's refusal. */
  statement(sql: string): Promise<unknown> {
    return new Promise((resolve) => this.#statements.push({ sql, settle: resolve }));
  }

  /** Sends what was asked for: one statement per kind, each member alone only if its batch fails. */
  async flush(): Promise<void> {
    const expressions = this.#expressions.splice(0);
    const statements = this.#statements.splice(0);
    if (expressions.length) {
      const alias = (i: number) => `medallion_bind_${i}`;
      const items = expressions.map((e, i) => `${e.select} AS ${alias(i)}`);
      const batch = await this.#describe(`SELECT ${items.join(', ')} FROM ${this.relation} AS candidate`);
      if (Array.isArray(batch) && batch.length === expressions.length) {
        expressions.forEach((e, i) => e.settle(batch[i]!.type));
      } else {
        for (const e of expressions) {
          const alone = await this.#describe(`SELECT ${e.select} AS ${alias(0)} FROM ${this.relation} AS candidate`);
          if (Array.isArray(alone)) e.settle(alone[0]?.type);
          else e.settle(undefined, alone.error);
        }
      }
    }
    if (statements.length) {
      const joined = statements.map((s, i) => `(${s.sql}) AS medallion_bind_${i}`).join(' CROSS JOIN ');
      const batch = statements.length > 1 ? await this.#describe(`SELECT * FROM ${joined}`) : undefined;
      if (Array.isArray(batch)) {
        for (const s of statements) s.settle(undefined);
      } else {
        for (const s of statements) {
          const alone = await this.#describe(s.sql);
          s.settle(Array.isArray(alone) ? undefined : alone.error);
        }
      }
    }
  }

  async #describe(sql: string): Promise<Array<{ type: string }> | { error: unknown }> {
    try {
      return await this.engine.describe(sql);
    } catch (error) {
      return { error };
    }
  }
}
