// Reads search makes besides its two lists: which assets match every query word, whether a word is too
// common to rank by, and the colours its first candidates carry, for queries that name a colour.
import { prepared, type Database } from './database.ts';
import type { CompiledFilter } from './search.ts';

/** Measured palettes and cloud colour tags (lower case) of these assets. */
export function colorsOf(db: Database, assetIds: readonly number[]): Map<number, { palette: string[]; colorTags: string[] }> {
  const sql = `SELECT a.id, a.palette, (SELECT json_group_array(lower(t.text)) FROM tags t WHERE t.asset_id = a.id AND t.field = 'color') AS colorTags
     FROM assets a WHERE a.id IN (SELECT value FROM json_each(?))`;
  const rows = prepared<unknown[], { id: number; palette: string; colorTags: string }>(db, sql).all(JSON.stringify(assetIds));
  return new Map(rows.map((row) => [row.id, { palette: JSON.parse(row.palette) as string[], colorTags: JSON.parse(row.colorTags) as string[] }]));
}

/**
 * Up to `limit` assets matching an FTS5 expression that pass the filter, in no particular order: no
 * BM25 is computed, so FTS5 stops at `limit` (the every-word check of a query costs a fraction of its
 * ranked search even when its words are common).
 */
export function assetsMatching(db: Database, match: string, filter: CompiledFilter, limit: number): number[] {
  const restrict = filter.where !== '1' ? ` AND EXISTS (SELECT 1 FROM assets a WHERE a.id = fts.rowid AND ${filter.where})` : '';
  return prepared<unknown[], number>(db, `SELECT fts.rowid FROM fts WHERE fts MATCH ?${restrict} LIMIT ?`, 'pluck').all(match, ...filter.params, limit);
}

/** Whether more than `count` assets match an FTS5 expression (reads at most `count + 1` matches, no BM25). */
export function matchesMoreThan(db: Database, match: string, count: number): boolean {
  const found = prepared<[string, number], number>(db, 'SELECT count(*) FROM (SELECT 1 FROM fts WHERE fts MATCH ? LIMIT ?)', 'pluck').get(match, count + 1) ?? 0;
  return found > count;
}
