import { errorMessage, UserError } from '../model/errors.js';

/**
 * What the engine said about a statement that does not bind, for a person: its first line only
 * (DuckDB follows it with candidate lists and every overload of an operator, Spark with the plan),
 * and the line of the user's SQL it points at, when it says.
 */
export function bindingFailure(error: unknown, sql: string): string {
  if (error instanceof UserError) return error.message;
  const message = errorMessage(error).replace(/^(?:SparkError|Error):\s*/, '');
  const first = (message.split('\n').find((l) => l.trim()) ?? message).trim().replace(/;?\s*line \d+ pos \d+;?$/, '').replace(/\s*SQLSTATE: \w+;?$/, '').trim();
  const line = Number(/^LINE (\d+):/m.exec(message)?.[1] ?? /line (\d+) pos \d+/.exec(message)?.[1] ?? NaN);
  const text = Number.isInteger(line) ? sql.split('\n')[line - 1]?.trim() : undefined;
  return text ? `${first} (line ${line} of its SQL: ${shorten(text)})` : first;
}

function shorten(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
