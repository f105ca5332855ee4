// The schema and its one upgrade path, `upgradeIndex`: the numbered migrations recorded in
// PRAGMA user_version, then the vector table matched to the embedder (recorded in the `meta` rows
// `model` and `dimensions`). Also the `meta` key/value accessors.
import { prepared, type Database } from './database.ts';
import { REFERENCES_CANDIDATES_INLINE, REFERENCES_SCHEMA } from './references.ts';

export const SCHEMA_VERSION = 5;

/** FTS5 columns, in order; each tag field is filed under one of them (field weighting in search). */
export const FTS_COLUMNS = ['title', 'keywords', 'description', 'path', 'cloud', 'user'] as const;
export type FtsColumn = (typeof FTS_COLUMNS)[number];

/**
 * Migration i takes an index from version i to i + 1. Adding one: append it, bump SCHEMA_VERSION, and save
 * an index of the version before it under test/fixtures/old-indexes/ (its README says how).
 */
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
  (db) => {
    // Where images are used: references found in the repository's text files (references.ts).
    db.exec(REFERENCES_SCHEMA);
  },
  (db) => db.exec(REFERENCES_CANDIDATES_INLINE),
];

function migrateSchema(db: Database): void {
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

export interface EmbedderIdentity {
  dimensions: number;
  modelName: string;
}

/** Brings an index written by any earlier version up to this one; refuses one written by a newer version. */
export function upgradeIndex(db: Database, embedder: EmbedderIdentity): void {
  migrateSchema(db);
  matchVectorsToEmbedder(db, embedder.dimensions, embedder.modelName);
}

/**
 * Vectors are float32 BLOBs in a plain rowid table (sqlite-vec's vector format), searched by VectorIndex:
 * measured faster than a sqlite-vec vec0 table at every size, and 8× faster to load and to read by id
 * (`npm run bench`); sqlite-vec's scalar functions re-rank candidates over this table.
 */
const VECTOR_TABLE_SQL = 'CREATE TABLE vectors (id INTEGER PRIMARY KEY, embedding BLOB NOT NULL)';

/**
 * Vectors belong to the model that made them: a different model or width drops them and marks every asset
 * for re-embedding (tags, words and cloud answers stay). A sqlite-vec `vec0` table from the first
 * releases is copied into the plain table, keeping its vectors.
 */
function matchVectorsToEmbedder(db: Database, dimensions: number, modelName: string): void {
  const model = readMeta(db, 'model');
  const dims = Number(readMeta(db, 'dimensions') ?? 0);
  const tableSql = db.prepare<[], string>("SELECT sql FROM sqlite_master WHERE name = 'vectors'").pluck().get();
  if (tableSql !== undefined && model === modelName && dims === dimensions) {
    if (/vec0/i.test(tableSql)) {
      // An index from before the plain table: keep its vectors.
      db.transaction(() => {
        db.exec(VECTOR_TABLE_SQL.replace('vectors', 'vectors_plain'));
        db.exec('INSERT INTO vectors_plain (id, embedding) SELECT rowid, embedding FROM vectors');
        db.exec('DROP TABLE vectors');
        db.exec('ALTER TABLE vectors_plain RENAME TO vectors');
        writeMeta(db, 'vectors_version', String(Date.now()));
      })();
    }
    return;
  }
  db.transaction(() => {
    db.exec('DROP TABLE IF EXISTS vectors');
    db.exec(VECTOR_TABLE_SQL);
    db.exec('UPDATE assets SET embed_dirty = 1');
    writeMeta(db, 'model', modelName);
    writeMeta(db, 'dimensions', String(dimensions));
    writeMeta(db, 'vectors_version', String(Date.now()));
  })();
}

export function readMeta(db: Database, key: string): string | undefined {
  return prepared<[string], string>(db, 'SELECT value FROM meta WHERE key = ?', 'pluck').get(key);
}

/** Sets a meta value; null deletes it. */
export function writeMeta(db: Database, key: string, value: string | null): void {
  if (value === null) prepared<[string]>(db, 'DELETE FROM meta WHERE key = ?').run(key);
  else prepared<[string, string]>(db, 'INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
}

/** Counts every write to the vectors table, so an in-memory copy knows whether it is current. */
export function bumpVectorsVersion(db: Database): string {
  return prepared<[], string>(
    db,
    "INSERT INTO meta (key, value) VALUES ('vectors_version', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 RETURNING value",
    'pluck',
  ).get()!;
}

export function vectorsVersion(db: Database): string {
  return readMeta(db, 'vectors_version') ?? '0';
}

/** Changes whenever anything is written to the index, by this connection or another process. */
export function changeStamp(db: Database): string {
  return `${db.pragma('data_version', { simple: true }) as number}:${prepared<[], number>(db, 'SELECT total_changes()', 'pluck').get()}`;
}
