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

/** Assets with at least one tag of each source, most first. */
export function tagSourceCounts(db: Database): Record<string, number> {
  const rows = prepared<[], { key: string; n: number }>(db, 'SELECT source AS key, count(DISTINCT asset_id) AS n FROM tags GROUP BY source ORDER BY n DESC').all();
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
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
