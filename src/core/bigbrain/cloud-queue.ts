// The interactive queue: one generateContent request per image, several in flight under the AIMD
// limit. Every outcome is final for this run except the ones retry-policy.ts tries again. A bad key or an unknown model stops everything at once:
// requests in flight are aborted, their images stay pending, and the run reports one message. So do
// maxConsecutiveFailures images failing in a row (an unreachable endpoint, an outage): the run says
// why instead of counting on while every request fails.
import type { TokenUsage } from '../types.ts';
import { AbortedError, AimdLimiter, sleep } from './concurrency.ts';
import type { CloudWorkItem } from './cloud-work.ts';
import type { GeminiTagger } from './gemini-client.ts';
import type { ResolvedCloudOptions } from './options.ts';
import { prepareImageFile, type PreparedImage } from './prepare-image.ts';
import type { CloudRunState } from './run-state.ts';
import { RetryBudget } from './retry-policy.ts';

const INITIAL_CONCURRENCY = 2;

export interface InteractiveRunOptions {
  root: string;
  options: ResolvedCloudOptions;
  tagger: GeminiTagger;
  state: CloudRunState;
  signal?: AbortSignal;
}

export async function runInteractiveQueue(items: readonly CloudWorkItem[], run: InteractiveRunOptions): Promise<AimdLimiter> {
  const { options, state } = run;
  const limiter = new AimdLimiter({ initial: Math.min(INITIAL_CONCURRENCY, options.maxConcurrency), max: options.maxConcurrency });
  // One controller for the whole queue: the caller's cancel and a fatal answer both end every request in flight.
  const stopAll = new AbortController();
  const onCallerAbort = () => {
    state.stop('cancelled');
    stopAll.abort();
  };
  if (run.signal?.aborted) onCallerAbort();
  run.signal?.addEventListener('abort', onCallerAbort, { once: true });

  let failuresInARow = 0;
  const answered = () => {
    failuresInARow = 0;
  };
  const failed = (item: CloudWorkItem, reason: string, usage: TokenUsage, requests: number): void => {
    state.failed(item, reason, usage, requests);
    if (++failuresInARow < options.maxConsecutiveFailures || stopAll.signal.aborted) return;
    state.stop(`${failuresInARow} images in a row failed, the last with: ${reason}`);
    stopAll.abort();
  };

  const tagOne = async (item: CloudWorkItem): Promise<void> => {
    let image: PreparedImage;
    try {
      image = await prepareImageFile(run.root, item.path, item.hash);
    } catch (error) {
      state.failed(item, (error as Error).message, { promptTokens: 0, outputTokens: 0 }, 0);
      return;
    }
    const usage: TokenUsage = { promptTokens: 0, outputTokens: 0 };
    let requests = 0;
    const retries = new RetryBudget(options);
    while (true) {
      let startedAt: number;
      try {
        startedAt = await limiter.acquire(stopAll.signal);
      } catch (error) {
        if (error instanceof AbortedError) return;
        throw error;
      }
      if (requests === 0) state.summary.sent++;
      requests++;
      state.summary.requests++;
      const attempt = await run.tagger.tagImage(image, stopAll.signal).finally(() => limiter.release());
      if ('usage' in attempt) {
        usage.promptTokens += attempt.usage.promptTokens;
        usage.outputTokens += attempt.usage.outputTokens;
        state.countUsage(attempt.usage);
      }
      switch (attempt.outcome) {
        case 'tagged':
          limiter.onSuccess(startedAt);
          answered();
          state.tagged(item, attempt.tags, usage, requests);
          return;
        case 'blocked':
          limiter.onSuccess(startedAt);
          answered();
          state.blocked(item, attempt.reason, usage, requests);
          return;
        case 'malformed': {
          limiter.onSuccess(startedAt);
          const decision = retries.next(attempt);
          if (!decision.retry) return failed(item, decision.reason, usage, requests);
          continue;
        }
        case 'rate-limited': {
          // The limiter pauses every request for the delay; this one waits in acquire() like the rest.
          const decision = retries.next(attempt);
          limiter.onRateLimited(startedAt, decision.delayMs);
          if (!decision.retry) return failed(item, decision.reason, usage, requests);
          continue;
        }
        case 'transient': {
          const decision = retries.next(attempt);
          if (!decision.retry) return failed(item, decision.reason, usage, requests);
          try {
            await sleep(decision.delayMs, stopAll.signal);
          } catch {
            return;
          }
          continue;
        }
        case 'rejected':
          return failed(item, attempt.reason, usage, requests);
        case 'fatal':
          state.stop(attempt.reason);
          stopAll.abort();
          return;
        case 'aborted':
          return;
      }
    }
  };

  let next = 0;
  const worker = async () => {
    while (!stopAll.signal.aborted && next < items.length) {
      try {
        await tagOne(items[next++]!);
      } catch (error) {
        // A local failure (disk full, database locked) ends the run for every worker, not just this one.
        stopAll.abort();
        throw error;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.maxConcurrency, items.length) }, worker));
  } finally {
    run.signal?.removeEventListener('abort', onCallerAbort);
  }
  return limiter;
}
