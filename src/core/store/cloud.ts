// The cloud columns of `assets`: which images still need a Gemini answer, each answer's outcome and
// cost, and the claims that stop two processes sending the same image.
import type { CloudState } from '../types.ts';
import { prepared, type Database } from './database.ts';

export interface CloudCandidate {
  id: number;
  hash: string;
  state: CloudState;
}

/** States a normal run picks up: never asked, failed last time, or skipped (the excludes may have changed). */
const OPEN_STATES: CloudState[] = ['pending', 'failed', 'skipped'];

/** Assets a cloud run would ask about, by id: those in an open state (all with `force`), only these ids when given. */
export function cloudCandidates(db: Database, onlyAssetIds?: readonly number[], force = false): CloudCandidate[] {
  const conditions: string[] = [];
  if (!force) conditions.push(`cloud_state IN (${OPEN_STATES.map((state) => `'${state}'`).join(', ')})`);
  if (onlyAssetIds) conditions.push('id IN (SELECT value FROM json_each(?))');
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const statement = prepared<unknown[], CloudCandidate>(db, `SELECT id, hash, cloud_state AS state FROM assets ${where} ORDER BY id`);
  return onlyAssetIds ? statement.all(JSON.stringify(onlyAssetIds)) : statement.all();
}

/** What one answer (or failure) added: requests made, tokens and money spent. */
export interface CloudSpend {
  requests: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
}

/** Marks an asset answered; an empty caption keeps the one it had. The tags are written by the caller, in the same transaction. */
export function markCloudDone(db: Database, assetId: number, answer: { caption: string; model: string; date: string } & CloudSpend): void {
  prepared(
    db,
    `UPDATE assets SET caption = COALESCE(NULLIF(@caption, ''), caption), cloud_state = 'done', cloud_error = NULL,
       cloud_model = @model, cloud_at = @date, cloud_attempts = cloud_attempts + @requests,
       tokens_in = tokens_in + @tokensIn, tokens_out = tokens_out + @tokensOut, cost_usd = cost_usd + @costUsd
     WHERE id = @id`,
  ).run({ id: assetId, ...answer });
}

export function markCloudOutcome(db: Database, assetId: number, outcome: { state: Exclude<CloudState, 'done'>; error: string | null } & CloudSpend): void {
  prepared(
    db,
    `UPDATE assets SET cloud_state = @state, cloud_error = @error, cloud_attempts = cloud_attempts + @requests,
       tokens_in = tokens_in + @tokensIn, tokens_out = tokens_out + @tokensOut, cost_usd = cost_usd + @costUsd
     WHERE id = @id`,
  ).run({ id: assetId, ...outcome });
}

/** When the asset's current answer was given (ISO 8601), if it has one. */
export function cloudAnswerDate(db: Database, assetId: number): string | null {
  return prepared<[number], string | null>(db, 'SELECT cloud_at FROM assets WHERE id = ?', 'pluck').get(assetId) ?? null;
}

export interface AnsweredAsset {
  id: number;
  hash: string;
  cloud_model: string | null;
  cloud_at: string | null;
}

/** Every answered asset, by hash. */
export function answeredAssets(db: Database): AnsweredAsset[] {
  return prepared<[], AnsweredAsset>(db, "SELECT id, hash, cloud_model, cloud_at FROM assets WHERE cloud_state = 'done' ORDER BY hash").all();
}

export interface CloudTotals {
  tagged: number;
  tokensIn: number;
  tokensOut: number;
  /** Priced per call, at the model and billing mode (interactive or batch) it used. */
  costUsd: number;
}

export function cloudTotals(db: Database): CloudTotals {
  return prepared<[], CloudTotals>(
    db,
    "SELECT COALESCE(SUM(cloud_state = 'done'), 0) AS tagged, COALESCE(SUM(tokens_in), 0) AS tokensIn, COALESCE(SUM(tokens_out), 0) AS tokensOut, COALESCE(SUM(cost_usd), 0) AS costUsd FROM assets",
  ).get()!;
}

export interface CloudClaim {
  claim: string | null;
  at: number | null;
}

export function cloudClaimOf(db: Database, assetId: number): CloudClaim | undefined {
  return prepared<[number], CloudClaim>(db, 'SELECT cloud_claim AS claim, cloud_claim_at AS at FROM assets WHERE id = ?').get(assetId);
}

/**
 * Takes the claim if it is still held by `previous` and the asset is still in `state` (compare-and-set,
 * one statement): an image another process finished after it was selected is not taken. Whether it was.
 */
export function takeCloudClaim(db: Database, assetId: number, owner: string, at: number, previous: string | null, state: CloudState): boolean {
  return (
    prepared<[string, number, number, string | null, string], { id: number }>(
      db,
      'UPDATE assets SET cloud_claim = ?, cloud_claim_at = ? WHERE id = ? AND cloud_claim IS ? AND cloud_state = ? RETURNING id',
    ).get(owner, at, assetId, previous, state) !== undefined
  );
}

/** Images tagged, by the model that tagged them: a retired model shows with the images it tagged, which keep their tags. */
export function taggedByModel(db: Database): Record<string, number> {
  const rows = prepared<[], { model: string; n: number }>(
    db,
    "SELECT COALESCE(NULLIF(cloud_model, ''), 'unknown') AS model, count(*) AS n FROM assets WHERE cloud_state = 'done' GROUP BY model ORDER BY n DESC, model",
  ).all();
  return Object.fromEntries(rows.map((row) => [row.model, row.n]));
}

export function releaseCloudClaims(db: Database, owner: string): void {
  prepared<[string]>(db, 'UPDATE assets SET cloud_claim = NULL, cloud_claim_at = NULL WHERE cloud_claim = ?').run(owner);
}
