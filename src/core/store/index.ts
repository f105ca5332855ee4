// The index: one SQLite file holding files, assets (one per content hash), tags, vectors and words
// (FTS5). Every statement lives in this folder, one file per table group; `Store` opens the file,
// upgrades it, and wraps the writes that must stay consistent with the in-memory vector index.
import { lstatSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageFacts, Tag } from '../types.ts';
import { VectorIndex, type VectorIndexOptions } from '../vector-index.ts';
import { limitTags } from '../tag-limits.ts';
import { checkStateFile, createStateFileOnce, writeStateFileAtomic } from '../safe-fs.ts';
import { openDatabase, type Database } from './database.ts';
import { bumpVectorsVersion, readMeta, upgradeIndex, writeMeta, type FtsColumn } from './schema.ts';
import * as assets from './assets.ts';
import * as tags from './tags.ts';
import { deleteVector, putVector } from './vectors.ts';

export type { Database } from './database.ts';
export { openDatabase } from './database.ts';
export { SCHEMA_VERSION, FTS_COLUMNS, type FtsColumn } from './schema.ts';
export type { AssetRow, FileRow } from './assets.ts';

export interface OpenStoreOptions {
  indexDir: string;
  /** Vector width of the embedder; the vector table is (re)built to match. */
  dimensions: number;
  modelName: string;
  /** How the vector index searches (defaults suit every size; tests set them to reach a path on a small index). */
  vectorIndex?: VectorIndexOptions;
}

/**
 * Ignores everything, itself included, but the team files (the ledger and saved searches): the folder
 * stays invisible to git until there is something to commit.
 */
export const INDEX_GITIGNORE = '*\n!tags.jsonl\n!searches.json\n';
/** What older versions wrote; replaced, since it made the folder show up as untracked. */
const OLD_INDEX_GITIGNORE = '*\n!.gitignore\n!tags.jsonl\n';

function writeIndexGitignore(indexDir: string): void {
  const file = join(indexDir, '.gitignore');
  // Created only where nothing (not even a dangling link) has the name; the old default is replaced.
  if (createStateFileOnce(file, INDEX_GITIGNORE)) return;
  const info = lstatSync(file, { throwIfNoEntry: false });
  if (info?.isFile() && info.size === OLD_INDEX_GITIGNORE.length && readFileSync(file, 'utf8') === OLD_INDEX_GITIGNORE) writeStateFileAtomic(file, INDEX_GITIGNORE);
}

/** SQLite follows links for the database and its side files: each must be missing or a plain file of its own. */
function checkDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) checkStateFile(path + suffix);
}

export class Store {
  readonly db: Database;
  readonly path: string;
  /** Nearest-neighbour search over the vectors table, kept current by this store's writes. */
  readonly vectors: VectorIndex;

  private constructor(db: Database, path: string, dimensions: number, vectorIndex?: VectorIndexOptions) {
    this.db = db;
    this.path = path;
    this.vectors = new VectorIndex(db, dimensions, vectorIndex);
  }

  static open(options: OpenStoreOptions): Store {
    mkdirSync(options.indexDir, { recursive: true });
    writeIndexGitignore(options.indexDir);
    const path = Store.databasePath(options.indexDir);
    checkDatabaseFiles(path);
    const db = openDatabase(path);
    try {
      upgradeIndex(db, options);
    } catch (error) {
      db.close();
      throw error;
    }
    return new Store(db, path, options.dimensions, options.vectorIndex);
  }

  static databasePath(indexDir: string): string {
    return join(indexDir, 'index.db');
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

  allFiles(): assets.FileRow[] {
    return assets.allFiles(this.db);
  }

  fileByPath(path: string): assets.FileRow | undefined {
    return assets.fileByPath(this.db, path);
  }

  assetByHash(hash: string): assets.AssetRow | undefined {
    return assets.assetByHash(this.db, hash);
  }

  assetIdsByHash(hashes: readonly string[]): Map<string, number> {
    return assets.assetIdsByHash(this.db, hashes);
  }

  assetById(id: number): assets.AssetRow | undefined {
    return assets.assetById(this.db, id);
  }

  /** Inserts a new asset with its local facts, or returns the id of the existing one. */
  addAsset(hash: string, bytes: number, facts: ImageFacts): number {
    return assets.assetByHash(this.db, hash)?.id ?? assets.insertAsset(this.db, hash, bytes, facts);
  }

  putFile(row: assets.FileRow): void {
    assets.putFile(this.db, row);
  }

  removeFile(path: string): void {
    assets.removeFile(this.db, path);
  }

  /** Replaces the tags of one source on an asset and marks it for re-embedding. */
  replaceTags(assetId: number, source: Tag['source'], list: readonly Tag[]): void {
    tags.deleteTagsBySource(this.db, assetId, source);
    for (const tag of limitTags(list)) tags.insertTag(this.db, assetId, tag);
    assets.markDirty(this.db, assetId);
  }

  tagsOf(assetId: number): Tag[] {
    return this.tagsByAsset([assetId]).get(assetId) ?? [];
  }

  /** Tags of these assets (every asset when none are named), grouped by asset, in the order they were written. */
  tagsByAsset(assetIds?: readonly number[]): Map<number, Tag[]> {
    return tags.tagsByAsset(this.db, assetIds);
  }

  pathsOf(assetId: number): string[] {
    return assets.pathsOf(this.db, assetId);
  }

  dirtyAssetIds(limit: number): number[] {
    return assets.dirtyAssetIds(this.db, limit);
  }

  /** Writes an asset's vector and its words, and clears its dirty mark. */
  writeIndexEntry(assetId: number, vector: Float32Array | null, columns: Record<FtsColumn, string>): void {
    if (vector) putVector(this.db, assetId, vector);
    else deleteVector(this.db, assetId);
    this.vectors.noteWrite(assetId, vector, bumpVectorsVersion(this.db));
    tags.deleteWords(this.db, assetId);
    tags.insertWords(this.db, assetId, columns);
    assets.clearDirty(this.db, assetId);
  }

  /** Deletes assets that no file points to any more, with their tags, vectors and words; returns their hashes. */
  removeOrphanAssets(): string[] {
    const orphans = assets.orphanAssets(this.db);
    for (const { id } of orphans) {
      if (deleteVector(this.db, id)) this.vectors.noteWrite(id, null, bumpVectorsVersion(this.db));
      tags.deleteWords(this.db, id);
      tags.deleteTags(this.db, id);
      assets.deleteAsset(this.db, id);
    }
    return orphans.map((orphan) => orphan.hash);
  }

  readMeta(key: string): string | undefined {
    return readMeta(this.db, key);
  }

  /** Sets a meta value; null deletes it. */
  writeMeta(key: string, value: string | null): void {
    writeMeta(this.db, key, value);
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
