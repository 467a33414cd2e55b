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

test('redaction keeps only scheme, host and port', () => {
  assert.equal(redactUrl('https://user:pw@hooks.example.com:8443/services/T0/B0/XYZ?sig=1'), 'https://hooks.example.com:8443/…');
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
