import { z } from 'zod';
import { didYouMean, orList } from './did-you-mean.js';

/**
 * What is wrong with `value` by `schema`, one sentence per mistake in the words of the user's
 * definition: an unknown key with the key it most likely meant, a wrong value with the allowed
 * ones, a wrong type with what was given. Empty when the value fits.
 */
export function definitionIssues(schema: z.ZodType, value: unknown, root?: string): string[] {
  const result = schema.safeParse(value, { reportInput: true });
  return result.success ? [] : result.error.issues.flatMap((issue) => describe(schema, issue, root));
}

function describe(schema: z.ZodType, issue: z.core.$ZodIssue, root: string | undefined): string[] {
  const inner = pathText(issue.path);
  const where = root ? `${root}${inner && !inner.startsWith('[') ? '.' : ''}${inner}` : inner;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = keysAt(schema, issue.path);
      return issue.keys.map((key) => `unknown key '${key}'${where ? ` in ${where}` : ''}${didYouMean(key, known)}${known.length && !didYouMean(key, known) ? ` (keys: ${known.join(', ')})` : ''}`);
    }
    case 'invalid_value': {
      const given = issue.input;
      const suggestion = typeof given === 'string' ? didYouMean(given, issue.values.map(String)) : '';
      return [`${where ? `${where} ` : ''}${shown(given)}: expected ${orList(issue.values.map(String))}${suggestion}`];
    }
    case 'invalid_type':
      if (issue.input === undefined) return [`${where || 'value'} is missing`];
      return [`${where || 'value'}: expected ${article(issue.expected)}, got ${shown(issue.input)}`];
    case 'invalid_union':
      return [`${where || 'value'}: ${issue.message === 'Invalid input' ? `not a valid value, got ${shown(issue.input)}` : issue.message}`];
    default:
      return [`${where ? `${where}: ` : ''}${issue.message}`];
  }
}

function article(expected: string): string {
  if (expected === 'function') return 'a function';
  if (expected === 'array') return 'a list';
  if (expected === 'object' || expected === 'record') return 'an object';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** A given value as the user wrote it: `'0'` for a string, `yes` for … */
export function shown(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/** The keys the object schema at `path` knows, for a suggestion. */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let at: z.ZodType[] = [schema];
  for (const step of path) at = at.flatMap(unwrapped).flatMap((s) => child(s, step));
  return [...new Set(at.flatMap(unwrapped).flatMap((s) => (s instanceof z.ZodObject ? Object.keys(s.shape) : [])))];
}

function unwrapped(schema: z.ZodType): z.ZodType[] {
  if (schema instanceof z.ZodOptional) return unwrapped(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap(unwrapped);
  return [schema];
}

function child(schema: z.ZodType, step: PropertyKey): z.ZodType[] {
  if (schema instanceof z.ZodObject) {
    const next = (schema.shape as Record<string, z.ZodType>)[String(step)];
    return next ? [next] : [];
  }
  if (schema instanceof z.ZodArray) return [schema.element as z.ZodType];
  if (schema instanceof z.ZodRecord) return [schema.valueType as z.ZodType];
  return [];
}
