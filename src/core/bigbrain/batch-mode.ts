// Batch API mode for large first imports: images go in inline batch jobs (half price, answered
// asynchronously). The job in flight is recorded in the index (meta row) before anything else
// happens, so a cancelled or killed run resumes by polling the same job instead of paying twice.
import { JobState, type BatchJob, type GoogleGenAI, type InlinedRequest, type InlinedResponse } from '@google/genai';
import type { Store } from '../store/index.ts';
import type { CloudWorkItem } from './cloud-work.ts';
import { AbortedError, sleep } from './concurrency.ts';
import { buildRequestConfig, buildRequestParts, classifyError, interpretResponse, redactKey } from './gemini-client.ts';
import type { ResolvedCloudOptions } from './options.ts';
import { prepareImageFile } from './prepare-image.ts';
import type { CloudRunState } from './run-state.ts';
import { RetryBudget } from './retry-policy.ts';

export const BATCH_JOB_META_KEY = 'cloud_batch_job';

export interface PendingBatchJob {
  name: string;
  model: string;
  submittedAt: string;
  items: CloudWorkItem[];
}

const FINISHED_STATES = new Set<string>([
  JobState.JOB_STATE_SUCCEEDED,
  JobState.JOB_STATE_PARTIALLY_SUCCEEDED,
  JobState.JOB_STATE_FAILED,
  JobState.JOB_STATE_CANCELLED,
  JobState.JOB_STATE_EXPIRED,
]);

export function pendingBatchJob(store: Store): PendingBatchJob | null {
  const value = store.readMeta(BATCH_JOB_META_KEY);
  return value ? (JSON.parse(value) as PendingBatchJob) : null;
}

export interface BatchRun {
  store: Store;
  root: string;
  options: ResolvedCloudOptions;
  client: GoogleGenAI;
  state: CloudRunState;
  signal?: AbortSignal;
}

class StopRun extends Error {}

function stopWith(run: BatchRun, reason: string): never {
  run.state.stop(redactKey(reason, run.options.apiKey));
  throw new StopRun(reason);
}

/** One Batch API call under the retry policy; a call that gives up stops the run with the reason. */
async function withRetries<T>(run: BatchRun, what: string, call: () => Promise<T>): Promise<T> {
  const retries = new RetryBudget(run.options);
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const attempt = classifyError(error, { aborted: run.signal?.aborted ?? false, model: run.options.model });
      if (attempt.outcome === 'aborted') stopWith(run, 'cancelled');
      const decision = retries.next(attempt);
      if (!decision.retry) stopWith(run, `${what} failed: ${decision.reason}`);
      await sleepOrStop(run, decision.delayMs);
    }
  }
}

async function sleepOrStop(run: BatchRun, ms: number): Promise<void> {
  try {
    await sleep(ms, run.signal);
  } catch (error) {
    if (error instanceof AbortedError) stopWith(run, 'cancelled');
    throw error;
  }
}

/** Prepares images until the inline payload limit; unreadable images are failed on the spot. */
async function buildChunk(run: BatchRun, queue: CloudWorkItem[]): Promise<{ items: CloudWorkItem[]; requests: InlinedRequest[] }> {
  const items: CloudWorkItem[] = [];
  const requests: InlinedRequest[] = [];
  let bytes = 0;
  while (queue.length > 0) {
    const item = queue[0]!;
    let parts;
    try {
      parts = buildRequestParts(await prepareImageFile(run.root, item.path, item.hash));
    } catch (error) {
      queue.shift();
      run.state.failed(item, (error as Error).message, { promptTokens: 0, outputTokens: 0 }, 0);
      continue;
    }
    const size = JSON.stringify(parts).length;
    if (items.length > 0 && bytes + size > run.options.batchMaxBytes) break;
    queue.shift();
    bytes += size;
    items.push(item);
    requests.push({ contents: [{ role: 'user', parts }], config: buildRequestConfig(run.options.model), metadata: { key: item.hash } });
  }
  return { items, requests };
}

async function submit(run: BatchRun, chunk: { items: CloudWorkItem[]; requests: InlinedRequest[] }): Promise<PendingBatchJob> {
  // Not abortable: a job created after we stopped listening would be paid for and never collected.
  const job = await withRetries(run, 'submitting a batch job', () =>
    run.client.batches.create({ model: run.options.model, src: chunk.requests, config: { displayName: 'asset-lens' } }),
  );
  if (!job.name) stopWith(run, 'the Batch API returned a job without a name');
  const pending: PendingBatchJob = { name: job.name, model: run.options.model, submittedAt: new Date().toISOString(), items: chunk.items };
  run.store.writeMeta(BATCH_JOB_META_KEY, JSON.stringify(pending));
  run.state.summary.sent += chunk.items.length;
  run.state.summary.requests++;
  return pending;
}

async function poll(run: BatchRun, pending: PendingBatchJob): Promise<BatchJob> {
  return withRetries(run, `polling batch job ${pending.name}`, () => run.client.batches.get({ name: pending.name, config: { abortSignal: run.signal } }));
}

function applyFinishedJob(run: BatchRun, pending: PendingBatchJob, job: BatchJob): void {
  const responses = job.dest?.inlinedResponses ?? [];
  const byKey = new Map<string, InlinedResponse>();
  responses.forEach((response, index) => byKey.set(response.metadata?.key ?? pending.items[index]?.hash ?? '', response));
  const noUsage = { promptTokens: 0, outputTokens: 0 };
  for (const item of pending.items) {
    const answer = byKey.get(item.hash);
    if (!answer?.response) {
      const reason = answer?.error?.message ?? (job.state === JobState.JOB_STATE_SUCCEEDED ? 'the batch job returned no answer for this image' : `the batch job ended ${job.state}`);
      run.state.failed(item, reason, noUsage, 1, 'batch');
      continue;
    }
    const attempt = interpretResponse(answer.response);
    if ('usage' in attempt) run.state.countUsage(attempt.usage);
    if (attempt.outcome === 'tagged') run.state.tagged(item, attempt.tags, attempt.usage, 1, 'batch');
    else if (attempt.outcome === 'blocked') run.state.blocked(item, attempt.reason, attempt.usage, 1, 'batch');
    else run.state.failed(item, 'reason' in attempt ? attempt.reason : attempt.outcome, 'usage' in attempt ? attempt.usage : noUsage, 1, 'batch');
  }
  run.store.writeMeta(BATCH_JOB_META_KEY, null);
}

/**
 * Checks the job in flight, if any. With `wait`, polls until it finishes and applies it; without,
 * applies it only if it has finished. Returns the hashes still held by an unfinished job.
 */
export async function settlePendingBatch(run: BatchRun, wait: boolean): Promise<Set<string>> {
  const pending = pendingBatchJob(run.store);
  if (!pending) return new Set();
  try {
    while (true) {
      const job = await poll(run, pending);
      if (job.state && FINISHED_STATES.has(job.state)) {
        applyFinishedJob(run, pending, job);
        return new Set();
      }
      if (!wait) return new Set(pending.items.map((item) => item.hash));
      await sleepOrStop(run, run.options.batchPollMs);
    }
  } catch (error) {
    if (error instanceof StopRun) return new Set(pending.items.map((item) => item.hash));
    throw error;
  }
}

/** Sends `items` in as many batch jobs as their size needs, one at a time, waiting for each. */
export async function runBatchQueue(items: readonly CloudWorkItem[], run: BatchRun): Promise<void> {
  const queue = [...items];
  try {
    while (queue.length > 0) {
      const chunk = await buildChunk(run, queue);
      if (chunk.items.length === 0) break;
      await submit(run, chunk);
      const held = await settlePendingBatch(run, true);
      if (held.size > 0) return;
    }
  } catch (error) {
    if (!(error instanceof StopRun)) throw error;
  }
}
