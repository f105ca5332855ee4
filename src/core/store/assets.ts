// The files and assets tables: a file is a path pointing at an asset, an asset is one content hash with
// its local facts. Also the read-only views over them: records for list/get, facet and status counts.
import type { CloudState, ImageFacts } from '../types.ts';
import { prepared, type Database } from './database.ts';

export interface FileRow {
  path: string;
  assetId: number | null;
  size: number;
  mtimeMs: number;
  error: string | null;
}

export interface AssetRow {
  id: number;
  hash: string;
  bytes: number;
  width: number | null;
  height: number | null;
  format: string | null;
  has_alpha: number | null;
  orientation: string | null;
  palette: string;
  dhash: string | null;
  caption: string | null;
  cloud_state: CloudState;
  cloud_error: string | null;
}

const FILE_COLUMNS = 'path, asset_id AS assetId, size, mtime_ms AS mtimeMs, error';

export function allFiles(db: Database): FileRow[] {
  return prepared<[], FileRow>(db, `SELECT ${FILE_COLUMNS} FROM files`).all();
}

export function fileByPath(db: Database, path: string): FileRow | undefined {
  return prepared<[string], FileRow>(db, `SELECT ${FILE_COLUMNS} FROM files WHERE path = ?`).get(path);
}

export function putFile(db: Database, row: FileRow): void {
  prepared(
    db,
    `INSERT INTO files (path, asset_id, size, mtime_ms, error) VALUES (@path, @assetId, @size, @mtimeMs, @error)
     ON CONFLICT(path) DO UPDATE SET asset_id = excluded.asset_id, size = excluded.size, mtime_ms = excluded.mtime_ms, error = excluded.error`,
  ).run({ ...row });
}

export function removeFile(db: Database, path: string): void {
  prepared<[string]>(db, 'DELETE FROM files WHERE path = ?').run(path);
}

export function pathsOf(db: Database, assetId: number): string[] {
  return prepared<[number], string>(db, 'SELECT path FROM files WHERE asset_id = ? ORDER BY path', 'pluck').all(assetId);
}

export function assetByHash(db: Database, hash: string): AssetRow | undefined {
  return prepared<[string], AssetRow>(db, 'SELECT * FROM assets WHERE hash = ?').get(hash);
}

/** The ids of the assets with these content hashes (hashes not in the index are left out). */
export function assetIdsByHash(db: Database, hashes: readonly string[]): Map<string, number> {
  const rows = prepared<[string], { hash: string; id: number }>(db, 'SELECT hash, id FROM assets WHERE hash IN (SELECT value FROM json_each(?))').all(JSON.stringify(hashes));
  return new Map(rows.map((row) => [row.hash, row.id]));
}

export function assetById(db: Database, id: number): AssetRow | undefined {
  return prepared<[number], AssetRow>(db, 'SELECT * FROM assets WHERE id = ?').get(id);
}

export function insertAsset(db: Database, hash: string, bytes: number, facts: ImageFacts): number {
  const result = prepared(
    db,
    `INSERT INTO assets (hash, bytes, width, height, format, has_alpha, orientation, palette, dhash)
     VALUES (@hash, @bytes, @width, @height, @format, @has_alpha, @orientation, @palette, @dhash)`,
  ).run({ hash, bytes, ...factColumns(facts) });
  return Number(result.lastInsertRowid);
}

function factColumns(facts: ImageFacts) {
  return {
    width: facts.width,
    height: facts.height,
    format: facts.format,
    has_alpha: facts.hasAlpha ? 1 : 0,
    orientation: facts.orientation,
    palette: JSON.stringify(facts.palette),
    dhash: facts.dhash,
  };
}

/** Replaces an asset's local facts (e.g. SVG sizes re-measured after a pipeline change). */
export function updateAssetFacts(db: Database, id: number, facts: ImageFacts): void {
  prepared(
    db,
    `UPDATE assets SET width = @width, height = @height, format = @format, has_alpha = @has_alpha, orientation = @orientation, palette = @palette, dhash = @dhash WHERE id = @id`,
  ).run({ id, ...factColumns(facts) });
}

export function deleteAsset(db: Database, id: number): void {
  prepared<[number]>(db, 'DELETE FROM assets WHERE id = ?').run(id);
}

/** Assets no file points to any more. */
export function orphanAssets(db: Database): { id: number; hash: string }[] {
  return prepared<[], { id: number; hash: string }>(db, 'SELECT id, hash FROM assets WHERE NOT EXISTS (SELECT 1 FROM files WHERE files.asset_id = assets.id)').all();
}

export function markDirty(db: Database, assetId: number): void {
  prepared<[number]>(db, 'UPDATE assets SET embed_dirty = 1 WHERE id = ?').run(assetId);
}

export function clearDirty(db: Database, assetId: number): void {
  prepared<[number]>(db, 'UPDATE assets SET embed_dirty = 0 WHERE id = ?').run(assetId);
}

export function dirtyAssetIds(db: Database, limit: number): number[] {
  return prepared<[number], number>(db, 'SELECT id FROM assets WHERE embed_dirty = 1 LIMIT ?', 'pluck').all(limit);
}

export function dirtyAssetCount(db: Database): number {
  return prepared<[], number>(db, 'SELECT count(*) FROM assets WHERE embed_dirty = 1', 'pluck').get() ?? 0;
}

/** Perceptual hashes of every asset but one ("find similar"). */
export function dhashesExcept(db: Database, assetId: number): { id: number; dhash: string }[] {
  return prepared<[number], { id: number; dhash: string }>(db, 'SELECT id, dhash FROM assets WHERE dhash IS NOT NULL AND id != ?').all(assetId);
}

/** A file joined with its asset (all asset columns null for a file that failed). */
export interface RecordRow {
  path: string;
  error: string | null;
  id: number | null;
  hash: string | null;
  width: number | null;
  height: number | null;
  format: string | null;
  caption: string | null;
  palette: string | null;
  cloud_state: CloudState;
  cloud_error: string | null;
}

const RECORD_SQL = 'SELECT f.path, f.error, a.* FROM files f LEFT JOIN assets a ON a.id = f.asset_id';

export function allRecords(db: Database): RecordRow[] {
  return prepared<[], RecordRow>(db, `${RECORD_SQL} ORDER BY f.path`).all();
}

export function recordByPath(db: Database, path: string): RecordRow | undefined {
  return prepared<[string], RecordRow>(db, `${RECORD_SQL} WHERE f.path = ?`).get(path);
}

export interface CatalogueCounts {
  files: number;
  assets: number;
  failedFiles: number;
  pending: number;
  failedAssets: number;
  blocked: number;
}

export function catalogueCounts(db: Database): CatalogueCounts {
  return prepared<[], CatalogueCounts>(
    db,
    `SELECT (SELECT count(*) FROM files) AS files,
            (SELECT count(*) FROM files WHERE error IS NOT NULL) AS failedFiles,
            (SELECT count(*) FROM assets) AS assets,
            (SELECT count(*) FROM assets WHERE cloud_state = 'pending') AS pending,
            (SELECT count(*) FROM assets WHERE cloud_state = 'failed') AS failedAssets,
            (SELECT count(*) FROM assets WHERE cloud_state = 'blocked') AS blocked`,
  ).get()!;
}
