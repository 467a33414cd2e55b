/**
 * An error the user can fix: a bad flag, a missing input, an unwritable directory.
 * The CLI prints its message on one line and exits with code 2; it never carries a stack trace.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly exitCode = 2;
}

/**
 * The engine refused a statement or failed running it (bad SQL, an unreadable file, a failed
 * task), with the engine's own message. Not a bug of ours: shown in one line, without a stack;
 * the CLI exits with code 1.
 */
export class EngineError extends Error {
  override readonly name: string = 'EngineError';
}

/** A dataset failed to build. Wraps the engine's error with the dataset it belongs to. */
export class DatasetBuildError extends Error {
  override readonly name = 'DatasetBuildError';
  constructor(
    readonly dataset: string,
    override readonly cause: unknown,
  ) {
    super(`${dataset}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A user's input file cannot be read as given (not UTF-8, missing, not the format it claims). */
export class InputError extends UserError {}

/**
 * Several mistakes found at once (in a project's definitions, or by `medallion check`): each is
 * one line of its own, so that the user can fix them all before trying again.
 */
export class ProblemsError extends UserError {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}
