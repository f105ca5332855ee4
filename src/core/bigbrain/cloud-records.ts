// The cloud columns of the index: which assets still need an answer, and writing answers and
// outcomes. An answer and its 'done' state are written in one transaction, so a kill never leaves an
// asset marked done without its tags, or tagged but still pending.
import type { Store } from '../store/index.ts';
import type { CloudTags, CloudState, TokenUsage } from '../types.ts';
import { answeredAssets, markCloudDone, markCloudOutcome } from '../store/cloud.ts';
import { cloudTagsToTags, tagsToCloudTags } from './prompt-and-schema.ts';

export interface TaggedAnswer {
  tags: CloudTags;
  model: string;
  /** ISO 8601 time of the answer. */
  date: string;
  usage: TokenUsage;
  /** Requests this answer took (0 when it came from the ledger). */
  requests: number;
  /** What those requests cost (0 from the ledger). */
  costUsd?: number;
}

export function recordTagged(store: Store, assetId: number, answer: TaggedAnswer): void {
  store.transaction(() => {
    store.replaceTags(assetId, 'cloud', cloudTagsToTags(answer.tags));
    markCloudDone(store.db, assetId, {
      caption: answer.tags.caption,
      model: answer.model,
      date: answer.date,
      requests: answer.requests,
      tokensIn: answer.usage.promptTokens,
      tokensOut: answer.usage.outputTokens,
      costUsd: answer.costUsd ?? 0,
    });
  });
}

export function recordOutcome(
  store: Store,
  assetId: number,
  outcome: { state: Exclude<CloudState, 'done'>; error: string | null; usage?: TokenUsage; requests?: number; costUsd?: number },
): void {
  markCloudOutcome(store.db, assetId, {
    state: outcome.state,
    error: outcome.error,
    requests: outcome.requests ?? 0,
    tokensIn: outcome.usage?.promptTokens ?? 0,
    tokensOut: outcome.usage?.outputTokens ?? 0,
    costUsd: outcome.costUsd ?? 0,
  });
}

export interface StoredAnswer {
  hash: string;
  model: string;
  date: string;
  tags: CloudTags;
}

/** Every cloud answer in the index, rebuilt from the tags table. */
export function storedAnswers(store: Store): StoredAnswer[] {
  const rows = answeredAssets(store.db);
  return rows.map((row) => ({
    hash: row.hash,
    model: row.cloud_model ?? '',
    date: row.cloud_at ?? '',
    tags: tagsToCloudTags(store.tagsOf(row.id)),
  }));
}
