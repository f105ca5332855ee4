// The tags table (every tag keeps its source and field) and the FTS5 table of words searched by BM25.
import type { Tag, TagField, TagSource } from '../types.ts';
import { prepared, type Database } from './database.ts';
import { FTS_COLUMNS, type FtsColumn } from './schema.ts';

export function insertTag(db: Database, assetId: number, tag: Tag): void {
  prepared<[number, string, string, string]>(db, 'INSERT OR IGNORE INTO tags (asset_id, text, source, field) VALUES (?, ?, ?, ?)').run(
    assetId,
    tag.text,
    tag.source,
    tag.field,
  );
}

export function deleteTagsBySource(db: Database, assetId: number, source: TagSource): void {
  prepared<[number, string]>(db, 'DELETE FROM tags WHERE asset_id = ? AND source = ?').run(assetId, source);
}

export function deleteTags(db: Database, assetId: number): void {
  prepared<[number]>(db, 'DELETE FROM tags WHERE asset_id = ?').run(assetId);
}

interface TagRow {
  id: number;
  text: string;
  source: string;
  field: string;
}

/** Tags of these assets (every asset when none are named), grouped by asset, in the order they were written. */
export function tagsByAsset(db: Database, assetIds?: readonly number[]): Map<number, Tag[]> {
  const rows = assetIds
    ? prepared<[string], TagRow>(db, 'SELECT asset_id AS id, text, source, field FROM tags WHERE asset_id IN (SELECT value FROM json_each(?)) ORDER BY rowid').all(
        JSON.stringify(assetIds),
      )
    : prepared<[], TagRow>(db, 'SELECT asset_id AS id, text, source, field FROM tags ORDER BY rowid').all();
  const grouped = new Map<number, Tag[]>();
  for (const row of rows) {
    const list = grouped.get(row.id) ?? [];
    list.push({ text: row.text, source: row.source as TagSource, field: row.field as TagField });
    grouped.set(row.id, list);
  }
  return grouped;
}

/** The tag sources present on each of these assets (every asset when `assetIds` is null). */
export function tagSourcesByAsset(db: Database, assetIds: readonly number[] | null): Map<number, TagSource[]> {
  const rows = assetIds
    ? prepared<[string], { id: number; source: TagSource }>(db, 'SELECT DISTINCT asset_id AS id, source FROM tags WHERE asset_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(assetIds))
    : prepared<[], { id: number; source: TagSource }>(db, 'SELECT DISTINCT asset_id AS id, source FROM tags').all();
  const grouped = new Map<number, TagSource[]>();
  for (const row of rows) grouped.set(row.id, [...(grouped.get(row.id) ?? []), row.source]);
  return grouped;
}

/** Each asset's hand-written tags, keyed by content hash (only these hashes when given), in the order they were written. */
export function userTagsByHash(db: Database, hashes?: readonly string[]): Map<string, string[]> {
  const base = "SELECT a.hash, t.text FROM tags t JOIN assets a ON a.id = t.asset_id WHERE t.source = 'user'";
  const rows = hashes
    ? prepared<[string], { hash: string; text: string }>(db, `${base} AND a.hash IN (SELECT value FROM json_each(?)) ORDER BY t.rowid`).all(JSON.stringify(hashes))
    : prepared<[], { hash: string; text: string }>(db, `${base} ORDER BY t.rowid`).all();
  const grouped = new Map<string, string[]>();
  for (const row of rows) grouped.set(row.hash, [...(grouped.get(row.hash) ?? []), row.text]);
  return grouped;
}

export function deleteWords(db: Database, assetId: number): void {
  prepared<[number]>(db, 'DELETE FROM fts WHERE rowid = ?').run(assetId);
}

export function insertWords(db: Database, assetId: number, columns: Record<FtsColumn, string>): void {
  prepared(db, `INSERT INTO fts (rowid, ${FTS_COLUMNS.join(', ')}) VALUES (@rowid, ${FTS_COLUMNS.map((c) => '@' + c).join(', ')})`).run({
    rowid: assetId,
    ...columns,
  });
}
