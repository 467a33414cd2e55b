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
  /**
   * The run's stop signal (SIGINT/SIGTERM): once it fires, the attempt under way and the
   * retry sleeps end at once, so a stopped run does not wait out the retries.
   */
  signal?: AbortSignal;
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
 * A webhook URL as it may be printed: scheme, user, host and port only. Webhook paths and query
 * strings routinely carry the secret (Slack, Teams, signed URLs), so none of it is shown, and a
 * password in the authority is masked.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username || parsed.password ? `${parsed.username}${parsed.password ? ':***' : ''}@` : '';
    return `${parsed.protocol}//${user}${parsed.host}/…`;
  } catch {
    return '<invalid URL>';
  }
}

/**
 * The URL fetch is given and the headers it needs: `user:password@` in the authority becomes
 * an `Authorization: Basic` header, since fetch refuses URLs that carry credentials.
 */
export function webhookRequest(url: string): { url: string; headers: Record<string, string> } {
  const parsed = new URL(url);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'medallion' };
  if (parsed.username || parsed.password) {
    const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
    headers['authorization'] = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
    parsed.username = '';
    parsed.password = '';
  }
  return { url: parsed.href, headers };
}

/**
 * POSTs the alert as JSON. Retries with exponential backoff on network errors, timeouts, 429
 * and 5xx; gives up at once on other 4xx and on redirects, which are never followed (a 307
 * would re-post the payload wherever `Location` points, and a self-redirect would loop). Never
 * throws: an alert that cannot be delivered is logged as a warning and never changes the
 * outcome of the run. A stop signal that fires meanwhile ends the attempts at once; one that
 * had fired before (an interrupted run's alert) allows a single attempt, without retries.
 */
export async function sendAlert(url: string, payload: AlertPayload, logger: Logger, options: AlertOptions = {}): Promise<boolean> {
  const stopped = options.signal?.aborted ? undefined : options.signal;
  const attempts = options.signal?.aborted ? 1 : (options.attempts ?? 4);
  const timeoutMs = options.timeoutMs ?? 3000;
  const backoffMs = options.backoffMs ?? 250;
  const shown = redactUrl(url);
  const request = webhookRequest(url);
  let problem = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const timeout = AbortSignal.timeout(timeoutMs);
      const response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: JSON.stringify(payload),
        redirect: 'manual',
        signal: stopped ? AbortSignal.any([timeout, stopped]) : timeout,
      });
      await response.body?.cancel();
      if (response.ok) {
        logger.info(`Alert sent to ${shown} (${payload.failingExpectations.length} failing expectations, run ${payload.outcome})`, {
          alert: shown,
          attempt,
        });
        return true;
      }
      if (response.status >= 300 && response.status < 400) {
        problem = `HTTP ${response.status} (${redirectTarget(request.url, response.headers.get('location'))}), not followed`;
        break;
      }
      problem = `HTTP ${response.status}`;
      if (response.status < 500 && response.status !== 429) break;
    } catch (error) {
      if (stopped?.aborted) {
        problem = 'the run was stopped (SIGINT/SIGTERM) while it was being sent';
        break;
      }
      problem = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : describeNetworkError(error);
    }
    if (attempt < attempts && !(await sleep(backoffMs * 2 ** (attempt - 1), stopped))) {
      problem += `; the run was stopped (SIGINT/SIGTERM) before attempt ${attempt + 1} of ${attempts}`;
      break;
    }
  }
  logger.warn(`Alert to ${shown} could not be delivered: ${problem}`, { alert: shown });
  return false;
}

/** Where a redirect pointed, redacted like the webhook itself (it may carry a secret as well). */
function redirectTarget(from: string, location: string | null): string {
  if (!location) return 'a redirect without a Location';
  try {
    return `redirect to ${redactUrl(new URL(location, from).href)}`;
  } catch {
    return 'a redirect to an invalid Location';
  }
}

/** Waits, and tells whether the wait ran its course (false: the stop signal ended it). */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The error's cause as the system names it (ECONNREFUSED, ENOTFOUND, …), or its message. */
function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code) return `network error ${code}`;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `network error (${message})`;
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
