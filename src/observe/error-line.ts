import type { LogFormat } from './logger.js';
import { terminalText } from './terminal-text.js';

/**
 * The line the CLI prints for an error that ends a command: `medallion: <message>`, or with
 * `--log-format json` a JSON object like the log's lines, so a log shipper parses every line.
 */
export function errorLine(message: string, format: LogFormat, exitCode: number): string {
  if (format === 'json') return JSON.stringify({ time: new Date().toISOString(), level: 'ERROR', message, exitCode }) + '\n';
  // A message may quote a file name or a value: neither reaches the terminal as a control sequence.
  return `medallion: ${terminalText(message)}\n`;
}

/** The log format asked for on a command line, read before the flags are parsed (their errors need it too). */
export function logFormatIn(argv: readonly string[]): LogFormat {
  const at = argv.findIndex((a) => a === '--log-format' || a.startsWith('--log-format='));
  if (at < 0) return 'text';
  const value = argv[at]!.includes('=') ? argv[at]!.split('=')[1] : argv[at + 1];
  return value === 'json' ? 'json' : 'text';
}
