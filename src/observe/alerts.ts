import type { RunManifest } from '../model/manifest.js';
import { manifestPath } from '../storage/layout.js';
import type { Logger } from './logger.js';

export interface AlertOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** Time allowed to each attempt. */
  timeoutMs?: number;
  /** Wait before the first retry; doubled at each further one. */
  backoffMs?: number;
}

/** What a webhook receives: enough to act on without opening anything, and where to look next. */
export interface AlertPayload {
  readonly source: 'medallion';
  readonly pipeline: string;
  readonly runId: string;
  readonly outcome: RunManifest['outcome'];
  readonly error?: string;
  readonly manifestPath: string;
  readonly failingExpectations: ReadonlyArray<{
    dataset: string;
    name: string;
    kind: string;
    action: string;
    status: 'warn' | 'fail';
    failures: number;
    checked: number;
    quarantinePath?: string;
  }>;
}

/** The alert a run deserves, or undefined when it succeeded with every expectation passing. */
export function alertFor(manifest: RunManifest): AlertPayload | undefined {
  const failing = manifest.datasets.flatMap((d) =>
    (d.expectations ?? [])
      .filter((e) => e.status !== 'pass')
      .map((e) => ({
        dataset: d.name,
        name: e.name,
        kind: e.kind,
        action: e.action,
        status: e.status as 'warn' | 'fail',
        failures: e.failures,
        checked: e.checked,
        ...(e.quarantinePath ? { quarantinePath: e.quarantinePath } : {}),
      })),
  );
  if (manifest.outcome === 'succeeded' && !failing.length) return undefined;
  return {
    source: 'medallion',
    pipeline: manifest.pipeline,
    runId: manifest.runId,
    outcome: manifest.outcome,
    ...(manifest.error ? { error: manifest.error.message } : {}),
    manifestPath: manifestPath(manifest.dataDir, manifest.runId),
    failingExpectations: failing,
  };
}

/**
 * A webhook URL as it may be printed: scheme, host and port only. Webhook paths and query
 * strings routinely carry the secret (Slack, Teams, signed URLs), so none of it is shown.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/…`;
  } catch {
    return '<invalid URL>';
  }
}

/**
 * POSTs the alert as JSON. Retries with exponential backoff on network errors, timeouts, 429
 * and 5xx; gives up at once on other 4xx. Never throws: an alert that cannot be delivered is
 * logged as a warning and never changes the outcome of the run.
 */
export async function sendAlert(url: string, payload: AlertPayload, logger: Logger, options: AlertOptions = {}): Promise<boolean> {
  const attempts = options.attempts ?? 4;
  const timeoutMs = options.timeoutMs ?? 3000;
  const backoffMs = options.backoffMs ?? 250;
  const shown = redactUrl(url);
  let problem = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'medallion' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      if (response.ok) {
        logger.info(`Alert sent to ${shown} (${payload.failingExpectations.length} failing expectations, run ${payload.outcome})`, {
          alert: shown,
          attempt,
        });
        return true;
      }
      problem = `HTTP ${response.status}`;
      if (response.status < 500 && response.status !== 429) break;
    } catch (error) {
      problem = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : describeNetworkError(error);
    }
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)));
  }
  logger.warn(`Alert to ${shown} could not be delivered: ${problem}`, { alert: shown });
  return false;
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  return code ? `network error ${code}` : 'network error';
}

/** Checked before a run starts, so a typo is a one-line error and not a silent missed alert. */
export function validateWebhookUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `must be an http(s) URL, got scheme '${parsed.protocol}'`;
    return undefined;
  } catch {
    return 'is not a valid URL';
  }
}
