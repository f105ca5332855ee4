// A read search makes after fusing its lists: the colours its first candidates carry, for queries
// that name a colour.
import { prepared, type Database } from './database.ts';

/** Measured palettes and cloud colour tags (lower case) of these assets. */
export function colorsOf(db: Database, assetIds: readonly number[]): Map<number, { palette: string[]; colorTags: string[] }> {
  const sql = `SELECT a.id, a.palette, (SELECT json_group_array(lower(t.text)) FROM tags t WHERE t.asset_id = a.id AND t.field = 'color') AS colorTags
     FROM assets a WHERE a.id IN (SELECT value FROM json_each(?))`;
  const rows = prepared<unknown[], { id: number; palette: string; colorTags: string }>(db, sql).all(JSON.stringify(assetIds));
  return new Map(rows.map((row) => [row.id, { palette: JSON.parse(row.palette) as string[], colorTags: JSON.parse(row.colorTags) as string[] }]));
}
