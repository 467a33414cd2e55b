import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { alertFor, redactUrl, sendAlert, type AlertPayload } from '../../src/observe/alerts.js';
import type { RunManifest } from '../../src/model/manifest.js';
import { memoryLogger, tempDir } from '../helpers.js';

interface Received {
  body: AlertPayload;
  headers: IncomingMessage['headers'];
}

/** A real HTTP server on 127.0.0.1 whose `respond` decides each answer (or never answers). */
async function webhook(respond: (attempt: number, res: ServerResponse) => void) {
  const received: Received[] = [];
  let attempt = 0;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ body: JSON.parse(text) as AlertPayload, headers: req.headers });
      respond(++attempt, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const payload: AlertPayload = {
  source: 'medallion',
  pipeline: 'data',
  runId: 'r1',
  outcome: 'failed',
  error: 'boom',
  manifestPath: '/d/_runs/r1.json',
  failingExpectations: [],
};

test('delivers the JSON summary in one attempt when the server accepts it', async () => {
  const hook = await webhook((_n, res) => res.writeHead(204).end());
  const { logger, lines } = memoryLogger();
  assert.equal(await sendAlert(`${hook.url}/hooks/T000/B000/SECRET?token=SECRET2`, payload, logger), true);
  await hook.close();
  assert.equal(hook.received.length, 1);
  assert.deepEqual(hook.received[0]!.body, payload);
  assert.equal(hook.received[0]!.headers['content-type'], 'application/json');
  assert.ok(lines.some((l) => l.includes(`Alert sent to ${hook.url}/…`)));
  assert.ok(!lines.join('\n').includes('SECRET'));
});

test('retries with backoff on 5xx and succeeds on the third attempt', async () => {
  const hook = await webhook((n, res) => res.writeHead(n < 3 ? 503 : 200).end());
  const started = performance.now();
  assert.equal(await sendAlert(hook.url, payload, memoryLogger().logger, { backoffMs: 50 }), true);
  const elapsed = performance.now() - started;
  await hook.close();
  assert.equal(hook.received.length, 3);
  assert.ok(elapsed >= 50 + 100, `waited ${elapsed} ms between attempts`);
});

test('does not retry a 4xx other than 429', async () => {
  const hook = await webhook((_n, res) => res.writeHead(404).end());
  const { logger, lines } = memoryLogger();
  assert.equal(await sendAlert(hook.url, payload, logger, { backoffMs: 10 }), false);
  await hook.close();
  assert.equal(hook.received.length, 1);
  assert.ok(lines.some((l) => /WARNING - Alert to http:\/\/127\.0\.0\.1:\d+\/… could not be delivered: HTTP 404/.test(l)));
});

test('gives up on a server that never answers, within attempts × timeout', async () => {
  const hook = await webhook(() => {
    /* never answers */
  });
  const { logger, lines } = memoryLogger();
  const started = performance.now();
  assert.equal(await sendAlert(`${hook.url}/x?secret=abc`, payload, logger, { attempts: 2, timeoutMs: 200, backoffMs: 10 }), false);
  const elapsed = performance.now() - started;
  await hook.close();
  assert.equal(hook.received.length, 2);
  assert.ok(elapsed < 2000, `${elapsed} ms`);
  assert.ok(lines.some((l) => l.includes('could not be delivered: no answer within 200 ms')));
  assert.ok(!lines.join('\n').includes('secret=abc'));
});

test('a refused connection is a warning, not a crash', async () => {
  const hook = await webhook((_n, res) => res.end());
  const url = hook.url;
  await hook.close();
  const { logger, lines } = memoryLogger();
  assert.equal(await sendAlert(url, payload, logger, { attempts: 2, backoffMs: 10 }), false);
  assert.ok(lines.some((l) => l.includes('could not be delivered: network error ECONNREFUSED')));
});

test('redaction keeps only scheme, user, host and port, and masks the password', () => {
  assert.equal(redactUrl('https://user:pw@hooks.example.com:8443/services/T0/B0/XYZ?sig=1'), 'https://user:***@hooks.example.com:8443/…');
  assert.equal(redactUrl('https://hooks.example.com/services/T0/B0/XYZ?sig=1'), 'https://hooks.example.com/…');
});

test('user:password@ in the URL is sent as Authorization: Basic, and the password is never logged', async () => {
  const hook = await webhook((_n, res) => res.writeHead(204).end());
  const { logger, lines } = memoryLogger();
  const url = hook.url.replace('http://', 'http://alerts:S3CRET%40PW@');
  assert.equal(await sendAlert(`${url}/hook`, payload, logger), true);
  await hook.close();
  assert.equal(hook.received.length, 1);
  assert.equal(hook.received[0]!.headers.authorization, `Basic ${Buffer.from('alerts:S3CRET@PW').toString('base64')}`);
  assert.ok(lines.some((l) => l.includes(`Alert sent to ${hook.url.replace('http://', 'http://alerts:***@')}/…`)), lines.join('\n'));
  assert.ok(!lines.join('\n').includes('S3CRET'));
});

test('a 307 is not followed: one POST, and the warning names the status and where it pointed', async () => {
  const elsewhere = await webhook((_n, res) => res.writeHead(200).end());
  const hook = await webhook((_n, res) => res.writeHead(307, { location: `${elsewhere.url}/other?token=SECRET` }).end());
  const { logger, lines } = memoryLogger();
  assert.equal(await sendAlert(`${hook.url}/hook`, payload, logger, { backoffMs: 10 }), false);
  await hook.close();
  await elsewhere.close();
  assert.equal(hook.received.length, 1);
  assert.equal(elsewhere.received.length, 0);
  const warning = lines.find((l) => l.includes('WARNING'))!;
  assert.ok(warning.endsWith(`Alert to ${hook.url}/… could not be delivered: HTTP 307 (redirect to ${elsewhere.url}/…), not followed`), warning);
  assert.ok(!lines.join('\n').includes('SECRET'));
});

test('a webhook that redirects to itself gets one POST, not a loop', async () => {
  const hook = await webhook((_n, res) => res.writeHead(308, { location: '/hook' }).end());
  const { logger, lines } = memoryLogger();
  assert.equal(await sendAlert(`${hook.url}/hook`, payload, logger, { backoffMs: 10 }), false);
  await hook.close();
  assert.equal(hook.received.length, 1);
  assert.ok(lines.some((l) => l.endsWith(`could not be delivered: HTTP 308 (redirect to ${hook.url}/…), not followed`)), lines.join('\n'));
});

test('a network error without a system code says what the error said', async () => {
  const { logger, lines } = memoryLogger();
  assert.equal(await sendAlert('http://127.0.0.1:1/hook', payload, logger, { attempts: 1 }), false);
  assert.ok(lines.some((l) => l.endsWith('Alert to http://127.0.0.1:1/… could not be delivered: network error (bad port)')), lines.join('\n'));
});

test('the stop signal ends an attempt under way and the retries after it', async () => {
  const stop = new AbortController();
  const hook = await webhook(() => stop.abort());
  const { logger, lines } = memoryLogger();
  assert.equal(await sendAlert(hook.url, payload, logger, { attempts: 4, timeoutMs: 60_000, backoffMs: 60_000, signal: stop.signal }), false);
  await hook.close();
  assert.equal(hook.received.length, 1);
  assert.ok(lines.some((l) => l.endsWith('could not be delivered: the run was stopped (SIGINT/SIGTERM) while it was being sent')), lines.join('\n'));
});

test("an interrupted run's alert (the stop signal fired before it) gets one attempt, no retries", async () => {
  const stop = new AbortController();
  stop.abort();
  const hook = await webhook((_n, res) => res.writeHead(503).end());
  const { logger, lines } = memoryLogger();
  assert.equal(await sendAlert(hook.url, payload, logger, { backoffMs: 10, signal: stop.signal }), false);
  await hook.close();
  assert.equal(hook.received.length, 1);
  assert.ok(lines.some((l) => l.endsWith('could not be delivered: HTTP 503')), lines.join('\n'));
});

test('SIGTERM while a run retries its alert ends the run at once: exit 143, no further POST', async () => {
  const dir = tempDir();
  const file = join(dir, 'old.jsonl');
  // Events older than as-of allows: the freshness expectation warns, and the run alerts.
  const event = (i: number) => JSON.stringify({ timestamp: `2026-03-0${1 + (i % 5)}T10:00:00Z`, user_id: (i % 50) + 1, event: 'view', device: 'mobile', location: 'US', page: 'home', duration_seconds: 5 });
  writeFileSync(file, Array.from({ length: 40 }, (_, i) => event(i)).join('\n') + '\n');
  let child: ReturnType<typeof spawn> | undefined;
  // The server never answers: without the stop signal the run would retry every 3 s, four times.
  const hook = await webhook(() => child!.kill('SIGTERM'));
  const cli = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
  const args = ['run', 'mapreduce', '--input', file, '--data-dir', join(dir, 'out'), '--users', '300', '--event-products', '20', '--as-of', '2026-03-11', '--quiet', '--alert-webhook', `${hook.url}/hook`];
  child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, CI: 'true' } });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child!.on('close', resolve));
  await hook.close();
  assert.equal(code, 143, out);
  assert.equal(hook.received.length, 1, out);
  assert.match(out, /could not be delivered: the run was stopped \(SIGINT\/SIGTERM\) while it was being sent/);
});

test('a run earns an alert when it fails or an expectation does not pass', () => {
  const base = { runId: 'r', pipeline: 'data', dataDir: '/d', outcome: 'succeeded', datasets: [] } as unknown as RunManifest;
  assert.equal(alertFor(base), undefined);
  const warned = {
    ...base,
    datasets: [{ name: 'silver.x', expectations: [{ name: 'e', kind: 'range', action: 'warn', status: 'warn', failures: 3, checked: 10, examples: [] }] }],
  } as unknown as RunManifest;
  assert.deepEqual(alertFor(warned)!.failingExpectations, [{ dataset: 'silver.x', name: 'e', kind: 'range', action: 'warn', status: 'warn', failures: 3, checked: 10 }]);
  assert.equal(alertFor({ ...base, outcome: 'failed', error: { message: 'x' } })!.error, 'x');
});

test('end to end: a failed run alerts through a flaky webhook and keeps its exit code', async () => {
  const hook = await webhook((n, res) => res.writeHead(n === 1 ? 502 : 200).end());
  const cli = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
  const dir = tempDir();
  const small = ['--customers', '200', '--transactions', '500', '--products', '20', '--as-of', '2026-01-10', '--data-dir', dir, '--quiet'];
  const runCli = (...args: string[]) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, 'run', 'data', ...small, ...args], { env: { ...process.env, CI: 'true' } });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('close', (code) => resolve({ code, out }));
    });
  assert.equal((await runCli()).code, 0);
  // customers_enriched reads the current versions of the customers' history: break that file.
  const history = join(dir, 'silver', 'customers_history', 'part-00000.parquet');
  writeFileSync(history, readFileSync(history).subarray(0, 64));
  const failed = await runCli('--select', 'silver.customers_enriched', '--alert-webhook', `${hook.url}/hook?token=TOPSECRET`);
  await hook.close();
  assert.equal(failed.code, 1);
  assert.equal(hook.received.length, 2);
  const body = hook.received[1]!.body;
  assert.equal(body.outcome, 'failed');
  assert.equal(body.pipeline, 'data');
  assert.match(body.error!, /silver.customers_enriched/);
  assert.match(body.manifestPath, new RegExp(`${dir}/_runs/${body.runId}\\.json$`));
  assert.ok(!failed.out.includes('TOPSECRET'));
});
