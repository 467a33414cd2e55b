/**
 * The Spark jobs a run costs, read from the server's own status API (`/api/v1`, served by its UI):
 * Spark numbers jobs in the order they start, so the jobs of a run are the difference between the
 * highest job id after it and before it. The listener that feeds the API runs behind the jobs, so
 * a reading is taken once it stops changing.
 */
interface Job {
  readonly jobId: number;
}

/** The highest job id the server's application has started (-1 before its first). */
export async function lastJobId(uiUrl: string): Promise<number> {
  const base = uiUrl.replace(/\/+$/, '');
  const apps = (await getJson(`${base}/api/v1/applications`)) as Array<{ id: string }>;
  if (!apps.length) throw new Error(`bench: the Spark UI at ${base} lists no application`);
  const jobs = (await getJson(`${base}/api/v1/applications/${encodeURIComponent(apps[0]!.id)}/jobs`)) as Job[];
  return jobs.reduce((max, job) => Math.max(max, job.jobId), -1);
}

/** `lastJobId` once two readings 300 ms apart agree. */
export async function settledLastJobId(uiUrl: string): Promise<number> {
  let previous = await lastJobId(uiUrl);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = await lastJobId(uiUrl);
    if (now === previous) return now;
    previous = now;
  }
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`bench: ${url} answered ${response.status}`);
  return response.json();
}
