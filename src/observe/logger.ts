import type { Writable } from 'node:stream';
import type { Progress } from './progress.js';

export type LogFormat = 'text' | 'json';
export type LogLevel = 'INFO' | 'WARNING' | 'ERROR';
export type LogFields = Readonly<Record<string, unknown>>;

export interface LoggerOptions {
  format?: LogFormat;
  /** Only warnings and errors. */
  quiet?: boolean;
  stream?: Writable;
  progress?: Progress;
}

/**
 * The run log. Text lines keep the original project's shape
 * (`2026-01-14 12:00:00 - INFO - BRONZE LAYER: Raw Data Ingestion`) so existing habits and
 * greps keep working; `json` writes one object per line with the same message and its fields.
 */
export class Logger {
  readonly format: LogFormat;
  readonly #quiet: boolean;
  readonly #stream: Writable;
  readonly #progress: Progress | undefined;

  constructor(options: LoggerOptions = {}) {
    this.format = options.format ?? 'text';
    this.#quiet = options.quiet ?? false;
    this.#stream = options.stream ?? process.stdout;
    this.#progress = options.progress;
  }

  info(message: string, fields: LogFields = {}): void {
    if (!this.#quiet) this.#write('INFO', message, fields);
  }

  warn(message: string, fields: LogFields = {}): void {
    this.#write('WARNING', message, fields);
  }

  error(message: string, error?: unknown, fields: LogFields = {}): void {
    const stack = error instanceof Error ? fullStack(error) : undefined;
    this.#write('ERROR', message, stack ? { ...fields, stack } : fields);
  }

  /** A section heading: a rule, the title, a rule (text); one `section` event (json). */
  banner(title: string, fields: LogFields = {}): void {
    if (this.format === 'json') return this.info(title, { ...fields, section: true });
    this.info('='.repeat(60));
    this.info(title, fields);
    this.info('='.repeat(60));
  }

  #write(level: LogLevel, message: string, fields: LogFields): void {
    const now = new Date();
    let line: string;
    if (this.format === 'json') {
      line = JSON.stringify({ time: now.toISOString(), level, message, ...fields }, jsonSafe) + '\n';
    } else {
      line = `${localTimestamp(now)} - ${level} - ${message}\n`;
      if (typeof fields['stack'] === 'string') line += fields['stack'] + '\n';
    }
    this.#progress ? this.#progress.around(() => this.#stream.write(line)) : this.#stream.write(line);
  }
}

/** The stack of an error followed by those of its causes, as Java and Python print them. */
export function fullStack(error: Error): string {
  let text = error.stack ?? `${error.name}: ${error.message}`;
  for (let cause = error.cause; cause instanceof Error; cause = cause.cause) {
    text += `\nCaused by: ${cause.stack ?? cause.message}`;
  }
  return text;
}

function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

function localTimestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** 1234567 → "1,234,567". Plain string work: `toLocaleString` costs a locale lookup per call. */
export function formatCount(n: number): string {
  const [whole = '', fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
