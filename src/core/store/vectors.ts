// The vectors table: one float32 BLOB (sqlite-vec's vector format) per asset id. VectorIndex keeps the
// in-memory copy that searches scan; these are the reads and writes underneath it.
import { prepared, type Database } from './database.ts';

/** A float32 BLOB as a Float32Array (copied: SQLite's buffers are not guaranteed aligned). */
export function blobToVector(blob: Uint8Array): Float32Array {
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer);
}

export function vectorToBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

export function putVector(db: Database, assetId: number, vector: Float32Array): void {
  prepared<[number, Buffer]>(db, 'INSERT OR REPLACE INTO vectors (id, embedding) VALUES (?, ?)').run(assetId, vectorToBlob(vector));
}

/** Whether there was a vector to delete. */
export function deleteVector(db: Database, assetId: number): boolean {
  return prepared<[number]>(db, 'DELETE FROM vectors WHERE id = ?').run(assetId).changes > 0;
}

export function vectorOf(db: Database, assetId: number): Float32Array | undefined {
  const blob = prepared<[number], Buffer>(db, 'SELECT embedding FROM vectors WHERE id = ?', 'pluck').get(assetId);
  return blob ? blobToVector(blob) : undefined;
}

export function vectorCount(db: Database): number {
  return prepared<[], number>(db, 'SELECT count(*) FROM vectors', 'pluck').get() ?? 0;
}

export function maxVectorId(db: Database): number {
  return prepared<[], number | null>(db, 'SELECT max(id) FROM vectors', 'pluck').get() ?? 0;
}

/** Every [id, blob], in no particular order. */
export function allVectorBlobs(db: Database): IterableIterator<[number, Buffer]> {
  return prepared<[], [number, Buffer]>(db, 'SELECT id, embedding FROM vectors', 'raw').iterate();
}

/** Up to `limit` blobs of ids divisible by `stride`: a cheap spread-out sample. */
export function sampleVectorBlobs(db: Database, stride: number, limit: number): IterableIterator<Buffer> {
  return prepared<[number, number], Buffer>(db, 'SELECT embedding FROM vectors WHERE id % ? = 0 LIMIT ?', 'pluck').iterate(stride, limit);
}

/** The `count` of these candidates closest to `query` by sqlite-vec's exact cosine over the stored floats, as [id, score]. */
export function rerankByCosine(db: Database, query: Float32Array, candidateIds: readonly number[], count: number): [number, number][] {
  return prepared<[Float32Array, string, number], [number, number]>(
    db,
    'SELECT id, 1 - vec_distance_cosine(embedding, ?) AS score FROM vectors WHERE id IN (SELECT value FROM json_each(?)) ORDER BY score DESC, id LIMIT ?',
    'raw',
  ).all(query, JSON.stringify(candidateIds), count);
}
