// runCloudTagging: the one entry point the engine calls. Ledger first (free answers), then the
// images still without an answer go out, interactively or through the Batch API.
import { performance } from 'node:perf_hooks';
import { recordOutcome } from './cloud-records.ts';
import { selectCloudWork } from './cloud-work.ts';
import { runInteractiveQueue } from './cloud-queue.ts';
import { runBatchQueue, settlePendingBatch, type BatchRun } from './batch-mode.ts';
import { createGeminiTagger } from './gemini-client.ts';
import { describeLedgerReport, exportLedger, importLedger } from './ledger.ts';
import { claimWork, releaseClaims } from './cloud-claims.ts';
import { resolveCloudOptions } from './options.ts';
import type { CloudRunSummary } from '../types.ts';
import { CloudRunState, emptySummary, type CloudRunContext } from './run-state.ts';

function pendingSentence(count: number): string {
  return `${count} image${count === 1 ? '' : 's'} wait${count === 1 ? 's' : ''} as pending`;
}

export async function runCloudTagging(context: CloudRunContext): Promise<CloudRunSummary> {
  const startedAt = performance.now();
  const options = resolveCloudOptions(context.options);
  const finish = (summary: CloudRunSummary): CloudRunSummary => ({ ...summary, seconds: (performance.now() - startedAt) / 1000 });
  if (!options.enabled) return finish({ ...emptySummary(), model: options.model, stoppedReason: 'cloud tagging is off' });

  const { store } = context;
  const ledger = context.ledger ?? (await importLedger(store, context.ledgerPath));
  const state = new CloudRunState(context, options.model);
  state.summary.fromLedger = ledger.applied;
  state.summary.ledgerProblem = describeLedgerReport(ledger);

  const apiKey = options.apiKey;
  const tagger = apiKey ? createGeminiTagger({ apiKey, model: options.model, baseUrl: options.baseUrl, timeoutMs: options.requestTimeoutMs }) : null;
  const batchRun: BatchRun | null = tagger ? { store, root: context.root, options, client: tagger.client, state, signal: context.signal } : null;

  // Images held by an unfinished batch job are not sent again while it runs.
  const withheld = batchRun ? await settlePendingBatch(batchRun, options.batch) : new Set<string>();
  const answeredBefore = state.summary.done + state.summary.failed + state.summary.blocked;
  const work = selectCloudWork(store, options, { onlyAssetIds: context.onlyAssetIds, force: context.force, withheldHashes: withheld });
  store.transaction(() => {
    for (const assetId of work.excludedAssetIds) recordOutcome(store, assetId, { state: 'skipped', error: 'every path matches a cloud exclude pattern' });
  });
  state.summary.skipped = work.excludedAssetIds.length;

  if (!tagger || !batchRun) {
    if (work.items.length + work.deferred > 0) state.stop(`no Gemini API key: ${pendingSentence(work.items.length + work.deferred)}`);
  } else if (work.items.length > 0 && !state.summary.stoppedReason) {
    const mine = claimWork(store, work.items);
    state.summary.claimedElsewhere = work.items.length - mine.length;
    work.items = mine;
    try {
      state.start(mine.length);
      if (options.batch) await runBatchQueue(mine, batchRun);
      else await runInteractiveQueue(mine, { root: context.root, options, tagger, state, signal: context.signal });
    } finally {
      releaseClaims(store);
    }
  }

  const summary = state.summary;
  const answered = summary.done + summary.failed + summary.blocked - answeredBefore;
  const unanswered = work.items.length - answered + work.deferred;
  summary.waiting = tagger ? unanswered : work.items.length + work.deferred;
  summary.overCap = work.deferred;
  if (summary.stoppedReason && summary.stoppedReason !== 'cancelled' && tagger) {
    summary.stoppedReason = `${summary.stoppedReason}; cloud tagging stopped, ${pendingSentence(unanswered)}`;
  } else if (!summary.stoppedReason && work.deferred > 0) {
    summary.stoppedReason = `reached the limit of ${options.maxImagesPerRun} image${options.maxImagesPerRun === 1 ? '' : 's'} per run; ${pendingSentence(work.deferred)} for a later run`;
  } else if (!summary.stoppedReason && summary.claimedElsewhere > 0) {
    summary.stoppedReason = `${summary.claimedElsewhere} images are being tagged by another Asset Lens process`;
  } else if (!summary.stoppedReason && withheld.size > 0) {
    summary.stoppedReason = `a batch job with ${withheld.size} images is still running; re-run to collect it`;
  }
  // The answers were appended as they came; rewrite the ledger sorted so it diffs and merges cleanly.
  if (summary.done > 0 && !ledger.refused && !state.ledgerWriteFailed) {
    try {
      await exportLedger(store, context.ledgerPath);
    } catch (error) {
      summary.ledgerProblem = (error as Error).message.split('\n')[0]!;
    }
  }
  return finish(summary);
}
