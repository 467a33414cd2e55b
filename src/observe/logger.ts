import type { Writable } from 'node:stream';
import type { Progress } from './progress.js';
import { paint, type Style } from './colour.js';

export type LogFormat = 'text' | 'json';
export type LogLevel = 'INFO' | 'WARNING' | 'ERROR';
export type LogFields = Readonly<Record<string, unknown>>;
/**
 * How much a run tells: `concise` is one line per dataset between the stage headers and a
 * summary (the console's default); `full` is the original project's detailed log, every step
 * with its row accounting, expectations and quality (what `--log-format json` gets).
 */
export type LogDetail = 'concise' | 'full';

export interface LoggerOptions {
  format?: LogFormat;
  /** Only warnings and errors. */
  quiet?: boolean;
  /** Where INFO lines go; default stdout. */
  stream?: Writable;
  /** Where WARNING and ERROR lines go; default stderr, or `stream` when only that is given. */
  errorStream?: Writable;
  /** Print an error's stack trace after its line (it is always kept in the run manifest). */
  verbose?: boolean;
  /** Fields every line carries, e.g. the run id. */
  fields?: LogFields;
  progress?: Progress;
  /** Default `full`; `concise` applies to text only, JSON is always the full log. */
  detail?: LogDetail;
  /** Colour the INFO lines (stream) and the WARNING and ERROR lines (errorStream); default none. */
  colour?: boolean;
  errorColour?: boolean;
}

/**
 * The run log. Text lines keep the original project's shape
 * (`2026-01-14 12:00:00 - INFO - BRONZE LAYER: Raw Data Ingestion`) so existing habits and
 * greps keep working; `json` writes one object per line with the same message and its fields.
 * The log goes to stdout and warnings and errors to stderr, as compilers and test runners do:
 * `2>/dev/null` keeps the log, `>/dev/null` keeps only what needs attention.
 */
export class Logger {
  readonly format: LogFormat;
  readonly #options: LoggerOptions;
  readonly #quiet: boolean;
  readonly #stream: Writable;
  readonly #errorStream: Writable;
  readonly #fields: LogFields;
  readonly #progress: Progress | undefined;

  constructor(options: LoggerOptions = {}) {
    this.#options = options;
    this.format = options.format ?? 'text';
    this.#quiet = options.quiet ?? false;
    this.#stream = options.stream ?? process.stdout;
    this.#errorStream = options.errorStream ?? (options.stream ? options.stream : process.stderr);
    this.#fields = options.fields ?? {};
    this.#progress = options.progress;
  }

  /** The same log, with `fields` on every line (a run's id, say). */
  child(fields: LogFields): Logger {
    return new Logger({ ...this.#options, fields: { ...this.#fields, ...fields } });
  }

  get verbose(): boolean {
    return this.#options.verbose ?? false;
  }

  get detail(): LogDetail {
    return this.format === 'json' ? 'full' : (this.#options.detail ?? 'full');
  }

  /** `text` styled for the INFO stream: plain unless that stream is coloured. */
  paint(style: Style, text: string): string {
    return paint(this.#colour('INFO'), style, text);
  }

  #colour(level: LogLevel): boolean {
    return this.format === 'text' && ((level === 'INFO' ? this.#options.colour : this.#options.errorColour) ?? false);
  }

  info(message: string, fields: LogFields = {}): void {
    if (!this.#quiet) this.#write('INFO', message, fields);
  }

  warn(message: string, fields: LogFields = {}): void {
    this.#write('WARNING', message, fields);
  }

  /** One line; the error's stack follows it only when verbose. */
  error(message: string, error?: unknown, fields: LogFields = {}): void {
    const stack = error instanceof Error && this.verbose ? fullStack(error) : undefined;
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
      line = JSON.stringify({ time: now.toISOString(), level, message, ...this.#fields, ...fields }, jsonSafe) + '\n';
    } else {
      const colour = this.#colour(level);
      const levelWord = level === 'INFO' ? level : paint(colour, level === 'WARNING' ? 'yellow' : 'red', level);
      line = `${paint(colour, 'dim', localTimestamp(now))} - ${levelWord} - ${message}\n`;
      if (typeof fields['stack'] === 'string') line += fields['stack'] + '\n';
    }
    const stream = level === 'INFO' ? this.#stream : this.#errorStream;
    this.#progress ? this.#progress.around(() => stream.write(line)) : stream.write(line);
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
