/**
 * Loaded with `node --import` into a process the benchmark times from outside: at exit, it writes
 * the process's peak resident set size in bytes to the file `MEDALLION_BENCH_RSS_FILE` names.
 */
import { writeFileSync } from 'node:fs';

const file = process.env['MEDALLION_BENCH_RSS_FILE'];
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
