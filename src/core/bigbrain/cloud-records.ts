// The cloud columns of the index: which assets still need an answer, and writing answers and
// outcomes. An answer and its 'done' state are written in one transaction, so a kill never leaves an
// asset marked done without its tags, or tagged but still pending.
import type { Store } from '../store.ts';
import type { CloudState, CloudTags, TokenUsage } from '../types.ts';
import { cloudTagsToTags, tagsToCloudTags } from './prompt-and-schema.ts';

export interface CloudCandidate {
  id: number;
  hash: string;
  state: CloudState;
}

/** States a normal run picks up: never asked, failed last time, or skipped (the excludes may have changed). */
const OPEN_STATES: CloudState[] = ['pending', 'failed', 'skipped'];

export function cloudCandidates(store: Store, onlyAssetIds?: readonly number[], force = false): CloudCandidate[] {
  const conditions: string[] = [];
  if (!force) conditions.push(`cloud_state IN (${OPEN_STATES.map((state) => `'${state}'`).join(', ')})`);
  if (onlyAssetIds) conditions.push('id IN (SELECT value FROM json_each(?))');
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const statement = store.db.prepare<unknown[], CloudCandidate>(`SELECT id, hash, cloud_state AS state FROM assets ${where} ORDER BY id`);
  return onlyAssetIds ? statement.all(JSON.stringify(onlyAssetIds)) : statement.all();
}

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
    store.db
      .prepare(
        `UPDATE assets SET caption = COALESCE(NULLIF(@caption, ''), caption), cloud_state = 'done', cloud_error = NULL,
           cloud_model = @model, cloud_at = @date, cloud_attempts = cloud_attempts + @requests,
           tokens_in = tokens_in + @tokensIn, tokens_out = tokens_out + @tokensOut, cost_usd = cost_usd + @costUsd
         WHERE id = @id`,
      )
      .run({
        id: assetId,
        costUsd: answer.costUsd ?? 0,
        caption: answer.tags.caption,
        model: answer.model,
        date: answer.date,
        requests: answer.requests,
        tokensIn: answer.usage.promptTokens,
        tokensOut: answer.usage.outputTokens,
      });
  });
}

export function recordOutcome(
  store: Store,
  assetId: number,
  outcome: { state: Exclude<CloudState, 'done'>; error: string | null; usage?: TokenUsage; requests?: number; costUsd?: number },
): void {
  store.db
    .prepare(
      `UPDATE assets SET cloud_state = @state, cloud_error = @error, cloud_attempts = cloud_attempts + @requests,
         tokens_in = tokens_in + @tokensIn, tokens_out = tokens_out + @tokensOut, cost_usd = cost_usd + @costUsd
       WHERE id = @id`,
    )
    .run({
      id: assetId,
      costUsd: outcome.costUsd ?? 0,
      state: outcome.state,
      error: outcome.error,
      requests: outcome.requests ?? 0,
      tokensIn: outcome.usage?.promptTokens ?? 0,
      tokensOut: outcome.usage?.outputTokens ?? 0,
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
  const rows = store.db
    .prepare<[], { id: number; hash: string; cloud_model: string | null; cloud_at: string | null }>(
      "SELECT id, hash, cloud_model, cloud_at FROM assets WHERE cloud_state = 'done' ORDER BY hash",
    )
    .all();
  return rows.map((row) => ({
    hash: row.hash,
    model: row.cloud_model ?? '',
    date: row.cloud_at ?? '',
    tags: tagsToCloudTags(store.tagsOf(row.id)),
  }));
}

export interface CloudTotals {
  tagged: number;
  tokensIn: number;
  tokensOut: number;
  /** Priced per call, at the model and billing mode (interactive or batch) it used. */
  costUsd: number;
}

export function cloudTotals(store: Store): CloudTotals {
  return store.db
    .prepare<[], CloudTotals>(
      "SELECT COALESCE(SUM(cloud_state = 'done'), 0) AS tagged, COALESCE(SUM(tokens_in), 0) AS tokensIn, COALESCE(SUM(tokens_out), 0) AS tokensOut, COALESCE(SUM(cost_usd), 0) AS costUsd FROM assets",
    )
    .get()!;
}
