// The index: one SQLite file holding files, assets (one per content hash), tags, vectors (sqlite-vec)
// and words (FTS5). Every write batch is one transaction, so a kill loses at most the batch in flight.
import { mkdirSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { CloudState, ImageFacts, Tag, TagField } from './types.ts';
import { loadNatives } from './natives.ts';
import { VectorIndex, vectorToBlob } from './vector-index.ts';

export type Database = BetterSqlite3.Database;

export const SCHEMA_VERSION = 3;

/** FTS5 columns, in order; each tag field is filed under one of them (field weighting in search). */
export const FTS_COLUMNS = ['title', 'keywords', 'description', 'path', 'cloud', 'user'] as const;
export type FtsColumn = (typeof FTS_COLUMNS)[number];

const MIGRATIONS: ((db: Database) => void)[] = [
  (db) => {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE assets (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        bytes INTEGER NOT NULL,
        width INTEGER, height INTEGER, format TEXT, has_alpha INTEGER, orientation TEXT,
        palette TEXT NOT NULL DEFAULT '[]',
        dhash TEXT,
        caption TEXT,
        embed_dirty INTEGER NOT NULL DEFAULT 1,
        cloud_state TEXT NOT NULL DEFAULT 'pending',
        cloud_error TEXT,
        cloud_model TEXT,
        cloud_attempts INTEGER NOT NULL DEFAULT 0,
        cloud_at TEXT,
        tokens_in INTEGER NOT NULL DEFAULT 0,
        tokens_out INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX assets_cloud_state ON assets(cloud_state);
      CREATE INDEX assets_embed_dirty ON assets(embed_dirty) WHERE embed_dirty = 1;
      CREATE TABLE files (
        path TEXT PRIMARY KEY,
        asset_id INTEGER REFERENCES assets(id),
        size INTEGER NOT NULL,
        mtime_ms REAL NOT NULL,
        error TEXT
      );
      CREATE INDEX files_asset ON files(asset_id);
      CREATE TABLE tags (
        asset_id INTEGER NOT NULL REFERENCES assets(id),
        text TEXT NOT NULL,
        source TEXT NOT NULL,
        field TEXT NOT NULL,
        UNIQUE (asset_id, text, source, field)
      );
      CREATE INDEX tags_text ON tags(text);
      CREATE VIRTUAL TABLE fts USING fts5(${FTS_COLUMNS.join(', ')}, tokenize = 'porter unicode61 remove_diacritics 2');
    `);
  },
  (db) => {
    // Which process is sending an image to the cloud right now (bigbrain/cloud-claims.ts).
    db.exec('ALTER TABLE assets ADD COLUMN cloud_claim TEXT; ALTER TABLE assets ADD COLUMN cloud_claim_at INTEGER;');
  },
  (db) => {
    // What each image's cloud calls cost, priced when they were made (model and billing mode).
    db.exec('ALTER TABLE assets ADD COLUMN cost_usd REAL NOT NULL DEFAULT 0');
  },
];

export interface OpenStoreOptions {
  indexDir: string;
  /** Vector width of the embedder; the vector table is (re)built to match. */
  dimensions: number;
  modelName: string;
}

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

export function openDatabase(path: string): Database {
  const { Database: SqliteDatabase, sqliteVec } = loadNatives();
  const db = new SqliteDatabase(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  sqliteVec.load(db);
  return db;
}

function migrate(db: Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`index schema version ${version} is newer than this Asset Lens (${SCHEMA_VERSION}); update Asset Lens`);
  }
  for (let v = version; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      MIGRATIONS[v]!(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/**
 * Vectors are float32 BLOBs in a plain rowid table (sqlite-vec's vector format), searched by VectorIndex:
 * measured faster than a sqlite-vec vec0 table at every size, and 8× faster to load and to read by id
 * (`npm run bench`); sqlite-vec's scalar functions re-rank candidates over this table.
 */
const VECTOR_TABLE_SQL = 'CREATE TABLE vectors (id INTEGER PRIMARY KEY, embedding BLOB NOT NULL)';

function ensureVectorTable(db: Database, dimensions: number, modelName: string): void {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const model = get.get('model')?.value;
  const dims = Number(get.get('dimensions')?.value ?? 0);
  const tableSql = db.prepare<[], string>("SELECT sql FROM sqlite_master WHERE name = 'vectors'").pluck().get();
  const put = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  if (tableSql !== undefined && model === modelName && dims === dimensions) {
    if (/vec0/i.test(tableSql)) {
      // An index from before the plain table: keep its vectors.
      db.transaction(() => {
        db.exec(VECTOR_TABLE_SQL.replace('vectors', 'vectors_plain'));
        db.exec('INSERT INTO vectors_plain (id, embedding) SELECT rowid, embedding FROM vectors');
        db.exec('DROP TABLE vectors');
        db.exec('ALTER TABLE vectors_plain RENAME TO vectors');
        put.run('vectors_version', String(Date.now()));
      })();
    }
    return;
  }
  db.transaction(() => {
    db.exec('DROP TABLE IF EXISTS vectors');
    db.exec(VECTOR_TABLE_SQL);
    db.exec('UPDATE assets SET embed_dirty = 1');
    put.run('model', modelName);
    put.run('dimensions', String(dimensions));
    put.run('vectors_version', String(Date.now()));
  })();
}

function writeIndexGitignore(indexDir: string): void {
  const file = join(indexDir, '.gitignore');
  // The ledger is meant to be committed and shared by the team; everything else here is a local cache.
  if (!existsSync(file)) writeFileSync(file, '*\n!.gitignore\n!tags.jsonl\n');
}

export class Store {
  readonly db: Database;
  readonly path: string;
  /** Nearest-neighbour search over the vectors table, kept current by this store's writes. */
  readonly vectors: VectorIndex;
  private readonly statements: ReturnType<typeof prepareStatements>;

  private constructor(db: Database, path: string, dimensions: number) {
    this.db = db;
    this.path = path;
    this.statements = prepareStatements(db);
    this.vectors = new VectorIndex(db, dimensions);
  }

  static open(options: OpenStoreOptions): Store {
    mkdirSync(options.indexDir, { recursive: true });
    writeIndexGitignore(options.indexDir);
    const path = join(options.indexDir, 'index.db');
    const db = openDatabase(path);
    try {
      migrate(db);
      ensureVectorTable(db, options.dimensions, options.modelName);
    } catch (error) {
      db.close();
      throw error;
    }
    return new Store(db, path, options.dimensions);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  transaction<T>(work: () => T): T {
    try {
      return this.db.transaction(work)();
    } catch (error) {
      // Rolled back: the in-memory vectors may hold writes that never happened.
      this.vectors.invalidate();
      throw error;
    }
  }

  allFiles(): FileRow[] {
    return this.statements.allFiles.all();
  }

  fileByPath(path: string): FileRow | undefined {
    return this.statements.fileByPath.get(path);
  }

  assetByHash(hash: string): AssetRow | undefined {
    return this.statements.assetByHash.get(hash);
  }

  assetById(id: number): AssetRow | undefined {
    return this.statements.assetById.get(id);
  }

  /** Inserts a new asset with its local facts, or returns the id of the existing one. */
  addAsset(hash: string, bytes: number, facts: ImageFacts): number {
    const existing = this.statements.assetByHash.get(hash);
    if (existing) return existing.id;
    const result = this.statements.insertAsset.run({
      hash,
      bytes,
      width: facts.width,
      height: facts.height,
      format: facts.format,
      has_alpha: facts.hasAlpha ? 1 : 0,
      orientation: facts.orientation,
      palette: JSON.stringify(facts.palette),
      dhash: facts.dhash,
    });
    return Number(result.lastInsertRowid);
  }

  putFile(row: FileRow): void {
    this.statements.putFile.run({ ...row });
  }

  removeFile(path: string): void {
    this.statements.removeFile.run(path);
  }

  /** Replaces the tags of one source on an asset and marks it for re-embedding. */
  replaceTags(assetId: number, source: Tag['source'], tags: readonly Tag[]): void {
    this.statements.deleteTagsBySource.run(assetId, source);
    for (const tag of tags) this.statements.insertTag.run(assetId, tag.text, tag.source, tag.field);
    this.statements.markDirty.run(assetId);
  }

  tagsOf(assetId: number): Tag[] {
    return this.tagsByAsset([assetId]).get(assetId) ?? [];
  }

  /** Tags of these assets (every asset when none are named), grouped by asset, in the order they were written. */
  tagsByAsset(assetIds?: readonly number[]): Map<number, Tag[]> {
    const rows = assetIds ? this.statements.tagsOfAssets.all(JSON.stringify(assetIds)) : this.statements.allTags.all();
    const grouped = new Map<number, Tag[]>();
    for (const row of rows) {
      const list = grouped.get(row.id) ?? [];
      list.push({ text: row.text, source: row.source as Tag['source'], field: row.field as TagField });
      grouped.set(row.id, list);
    }
    return grouped;
  }

  pathsOf(assetId: number): string[] {
    return this.statements.pathsOf.all(assetId).map((row) => row.path);
  }

  dirtyAssetIds(limit: number): number[] {
    return this.statements.dirtyAssets.all(limit).map((row) => row.id);
  }

  /** Writes an asset's vector and its words, and clears its dirty mark. */
  writeIndexEntry(assetId: number, vector: Float32Array | null, columns: Record<FtsColumn, string>): void {
    if (vector) this.statements.putVector.run(assetId, vectorToBlob(vector));
    else this.statements.deleteVector.run(assetId);
    this.vectors.noteWrite(assetId, vector, this.statements.bumpVectorsVersion.get()!);
    this.statements.deleteFts.run(assetId);
    this.statements.insertFts.run({ rowid: assetId, ...columns });
    this.statements.clearDirty.run(assetId);
  }

  /** Deletes assets that no file points to any more, with their tags, vectors and words. */
  removeOrphanAssets(): number {
    const orphans = this.statements.orphanAssets.all().map((row) => row.id);
    for (const id of orphans) {
      if (this.statements.deleteVector.run(id).changes > 0) this.vectors.noteWrite(id, null, this.statements.bumpVectorsVersion.get()!);
      this.statements.deleteFts.run(id);
      this.statements.deleteTags.run(id);
      this.statements.deleteAsset.run(id);
    }
    return orphans.length;
  }

  readMeta(key: string): string | undefined {
    return this.statements.readMeta.get(key)?.value;
  }

  /** Sets a meta value; null deletes it. */
  writeMeta(key: string, value: string | null): void {
    if (value === null) this.statements.deleteMeta.run(key);
    else this.statements.writeMeta.run(key, value);
  }

  sizeOnDisk(): number {
    let total = 0;
    for (const suffix of ['', '-wal', '-shm']) {
      try {
        total += statSync(this.path + suffix).size;
      } catch {
        // WAL and SHM files exist only while the database is open in WAL mode.
      }
    }
    return total;
  }
}

interface TagRow {
  id: number;
  text: string;
  source: string;
  field: string;
}

function prepareStatements(db: Database) {
  return {
    allFiles: db.prepare<[], FileRow>('SELECT path, asset_id AS assetId, size, mtime_ms AS mtimeMs, error FROM files'),
    fileByPath: db.prepare<[string], FileRow>('SELECT path, asset_id AS assetId, size, mtime_ms AS mtimeMs, error FROM files WHERE path = ?'),
    assetByHash: db.prepare<[string], AssetRow>('SELECT * FROM assets WHERE hash = ?'),
    assetById: db.prepare<[number], AssetRow>('SELECT * FROM assets WHERE id = ?'),
    insertAsset: db.prepare(
      `INSERT INTO assets (hash, bytes, width, height, format, has_alpha, orientation, palette, dhash)
       VALUES (@hash, @bytes, @width, @height, @format, @has_alpha, @orientation, @palette, @dhash)`,
    ),
    putFile: db.prepare(
      `INSERT INTO files (path, asset_id, size, mtime_ms, error) VALUES (@path, @assetId, @size, @mtimeMs, @error)
       ON CONFLICT(path) DO UPDATE SET asset_id = excluded.asset_id, size = excluded.size, mtime_ms = excluded.mtime_ms, error = excluded.error`,
    ),
    removeFile: db.prepare<[string]>('DELETE FROM files WHERE path = ?'),
    deleteTagsBySource: db.prepare<[number, string]>('DELETE FROM tags WHERE asset_id = ? AND source = ?'),
    insertTag: db.prepare<[number, string, string, string]>('INSERT OR IGNORE INTO tags (asset_id, text, source, field) VALUES (?, ?, ?, ?)'),
    deleteTags: db.prepare<[number]>('DELETE FROM tags WHERE asset_id = ?'),
    tagsOfAssets: db.prepare<[string], TagRow>('SELECT asset_id AS id, text, source, field FROM tags WHERE asset_id IN (SELECT value FROM json_each(?)) ORDER BY rowid'),
    allTags: db.prepare<[], TagRow>('SELECT asset_id AS id, text, source, field FROM tags ORDER BY rowid'),
    pathsOf: db.prepare<[number], { path: string }>('SELECT path FROM files WHERE asset_id = ? ORDER BY path'),
    markDirty: db.prepare<[number]>('UPDATE assets SET embed_dirty = 1 WHERE id = ?'),
    clearDirty: db.prepare<[number]>('UPDATE assets SET embed_dirty = 0 WHERE id = ?'),
    dirtyAssets: db.prepare<[number], { id: number }>('SELECT id FROM assets WHERE embed_dirty = 1 LIMIT ?'),
    deleteVector: db.prepare<[number]>('DELETE FROM vectors WHERE id = ?'),
    putVector: db.prepare<[number, Buffer]>('INSERT OR REPLACE INTO vectors (id, embedding) VALUES (?, ?)'),
    bumpVectorsVersion: db
      .prepare<[], string>("INSERT INTO meta (key, value) VALUES ('vectors_version', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 RETURNING value")
      .pluck(),
    deleteFts: db.prepare<[number]>('DELETE FROM fts WHERE rowid = ?'),
    insertFts: db.prepare(
      `INSERT INTO fts (rowid, ${FTS_COLUMNS.join(', ')}) VALUES (@rowid, ${FTS_COLUMNS.map((c) => '@' + c).join(', ')})`,
    ),
    orphanAssets: db.prepare<[], { id: number }>('SELECT id FROM assets WHERE NOT EXISTS (SELECT 1 FROM files WHERE files.asset_id = assets.id)'),
    deleteAsset: db.prepare<[number]>('DELETE FROM assets WHERE id = ?'),
    readMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    writeMeta: db.prepare<[string, string]>('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    deleteMeta: db.prepare<[string]>('DELETE FROM meta WHERE key = ?'),
  };
}
