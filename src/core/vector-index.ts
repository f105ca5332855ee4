// Nearest-neighbour search over the SmallBrain vectors kept in the `vectors` table. SQLite stores them;
// this keeps a scan-friendly copy in memory, loaded on first use and kept current by the store's writes.
// Every vector has a 1-bit-per-dimension code of its mean-centred self (16 bytes for 100 dimensions); a
// search ranks every code by Hamming distance (~0.5 ms at 50k) and re-ranks the closest few thousand by
// exact cosine. Up to IN_MEMORY_LIMIT vectors the floats stay in memory and the re-rank is done there
// (and a search that would re-rank a large share of them scans every float instead); above it only the
// codes do, and the re-rank is sqlite-vec's vec_distance_cosine inside SQLite. Recall@10 is reported by
// `npm run bench`.
import type { Database } from './store/database.ts';
import { vectorsVersion } from './store/schema.ts';
import { allVectorBlobs, blobToVector, maxVectorId, rerankByCosine, sampleVectorBlobs, vectorCount } from './store/vectors.ts';

export interface Neighbour {
  id: number;
  /** Cosine similarity (the vectors are unit length, so a dot product). */
  score: number;
}

/** Collections up to this size keep all floats in memory (4 bytes × dimensions each) and re-rank there. */
export const IN_MEMORY_LIMIT = 150_000;
/**
 * A search re-ranks the MIN_RERANK Hamming-closest candidates (or RERANK_PER_RESULT per wanted neighbour
 * when more are wanted; in memory, at least RERANK_SHARE of the collection, as that is cheap there).
 * Recall@10 against exact search at each size is in bench/README.md.
 */
export const MIN_RERANK = 2000;
const RERANK_PER_RESULT = 3;
const RERANK_SHARE = 0.05;
/** In memory, a search that would re-rank this share of the collection scans every float instead. */
const FULL_SCAN_SHARE = 0.25;
/** Hamming distance recorded for vectors the accept filter refused: more than any real one (≤ 65,504 dimensions). */
const REFUSED = 0xffff;
/** Vectors read to estimate the mean that codes are centred on. */
const MEAN_SAMPLE = 20_000;

type Accept = (id: number) => boolean;

export interface VectorIndexOptions {
  /** Above this many vectors, only codes stay in memory and the re-rank reads floats from SQLite. */
  inMemoryLimit?: number;
  /** The fewest Hamming-closest candidates a search re-ranks. */
  minRerank?: number;
}

/** Keeps the `capacity` best (highest score, then lowest id) of what it is offered. */
class TopK {
  private readonly scores: Float64Array;
  private readonly ids: Float64Array;
  private count = 0;
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = Math.max(1, capacity);
    this.scores = new Float64Array(this.capacity);
    this.ids = new Float64Array(this.capacity);
  }

  /** Whether `score` could enter (cheap test before computing anything else). */
  admits(score: number): boolean {
    return this.count < this.capacity || score >= this.scores[0]!;
  }

  private worse(i: number, j: number): boolean {
    const a = this.scores[i]!;
    const b = this.scores[j]!;
    return a < b || (a === b && this.ids[i]! > this.ids[j]!);
  }

  private swap(i: number, j: number): void {
    const s = this.scores[i]!;
    this.scores[i] = this.scores[j]!;
    this.scores[j] = s;
    const d = this.ids[i]!;
    this.ids[i] = this.ids[j]!;
    this.ids[j] = d;
  }

  offer(id: number, score: number): void {
    if (this.count < this.capacity) {
      let i = this.count++;
      this.scores[i] = score;
      this.ids[i] = id;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    if (score < this.scores[0]! || (score === this.scores[0]! && id > this.ids[0]!)) return;
    this.scores[0] = score;
    this.ids[0] = id;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.count && this.worse(left, smallest)) smallest = left;
      if (right < this.count && this.worse(right, smallest)) smallest = right;
      if (smallest === i) break;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  sorted(): Neighbour[] {
    const result: Neighbour[] = [];
    for (let i = 0; i < this.count; i++) result.push({ id: this.ids[i]!, score: this.scores[i]! });
    return result.sort((a, b) => b.score - a.score || a.id - b.id);
  }
}

/** Dot product of `b` with the `dimensions` floats of `a` from `aOffset`. */
export function dot(a: Float32Array, aOffset: number, b: Float32Array, dimensions: number): number {
  let sum = 0;
  for (let d = 0; d < dimensions; d++) sum += a[aOffset + d]! * b[d]!;
  return sum;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

interface Snapshot {
  version: string;
  /** Floats in memory (re-rank there) or only codes (re-rank in SQLite). */
  inMemory: boolean;
  size: number;
  ids: Float64Array;
  slotOf: Map<number, number>;
  /** In memory: size × dimensions floats. */
  floats: Float32Array;
  /** size × words sign bits of (vector − mean). */
  codes: Uint32Array;
  mean: Float32Array;
}

export class VectorIndex {
  private readonly db: Database;
  private readonly dimensions: number;
  private readonly words: number;
  private readonly inMemoryLimit: number;
  private readonly minRerank: number;
  private snapshot: Snapshot | undefined;

  constructor(db: Database, dimensions: number, options: VectorIndexOptions = {}) {
    this.db = db;
    this.dimensions = dimensions;
    this.words = Math.ceil(dimensions / 32);
    this.inMemoryLimit = options.inMemoryLimit ?? IN_MEMORY_LIMIT;
    this.minRerank = options.minRerank ?? MIN_RERANK;
  }

  /** Vectors currently indexed. */
  get size(): number {
    return this.current().size;
  }

  /** Whether the floats are in memory (true) or read from SQLite to re-rank (false). */
  get inMemory(): boolean {
    return this.current().inMemory;
  }

  /** The `count` nearest vectors to `query` (unit length) whose id `accept`s, best first. */
  nearest(query: Float32Array, count: number, accept?: Accept): Neighbour[] {
    const snapshot = this.current();
    if (count <= 0 || snapshot.size === 0) return [];
    const wanted = Math.max(this.minRerank, count * RERANK_PER_RESULT, snapshot.inMemory ? Math.ceil(snapshot.size * RERANK_SHARE) : 0);
    if (snapshot.inMemory && wanted >= snapshot.size * FULL_SCAN_SHARE) return this.scanFloats(snapshot, query, count, accept);
    const slots = this.hammingClosest(snapshot, query, wanted, accept);
    return snapshot.inMemory ? this.rerankSlots(snapshot, query, slots, count) : this.rerankInSqlite(query, Array.from(slots, (slot) => snapshot.ids[slot]!), count);
  }

  /**
   * The ids of the `wanted` codes closest to the query's, not re-ranked: candidates to filter before
   * `rerank` when the re-rank is the costly part (in SQLite).
   */
  closestByCode(query: Float32Array, wanted: number): number[] {
    const snapshot = this.current();
    return Array.from(this.hammingClosest(snapshot, query, wanted), (slot) => snapshot.ids[slot]!);
  }

  /** The `count` of these ids nearest to `query`, by exact cosine. */
  rerank(query: Float32Array, ids: readonly number[], count: number): Neighbour[] {
    const snapshot = this.current();
    if (!snapshot.inMemory) return this.rerankInSqlite(query, ids, count);
    const slots = Uint32Array.from(ids.filter((id) => snapshot.slotOf.has(id)), (id) => snapshot.slotOf.get(id)!);
    return this.rerankSlots(snapshot, query, slots, count);
  }

  /** sqlite-vec's cosine over the stored floats. */
  private rerankInSqlite(query: Float32Array, ids: readonly number[], count: number): Neighbour[] {
    return rerankByCosine(this.db, query, ids, count).map(([id, score]) => ({ id, score }));
  }

  /** Called by the store after it wrote (`vector`) or deleted (null) an asset's vector and bumped the version. */
  noteWrite(id: number, vector: Float32Array | null, version: string | number): void {
    const snapshot = this.snapshot;
    if (!snapshot) return;
    if (Number(snapshot.version) + 1 !== Number(version)) {
      this.snapshot = undefined;
      return;
    }
    snapshot.version = String(version);
    if (vector) this.put(snapshot, id, vector);
    else this.remove(snapshot, id);
  }

  /** Forget the in-memory copy (e.g. after a rolled-back transaction); the next search reloads it. */
  invalidate(): void {
    this.snapshot = undefined;
  }

  private current(): Snapshot {
    const version = vectorsVersion(this.db);
    if (!this.snapshot || this.snapshot.version !== version) this.snapshot = this.load(version);
    return this.snapshot;
  }

  private load(version: string): Snapshot {
    const count = vectorCount(this.db);
    const inMemory = count <= this.inMemoryLimit;
    const capacity = Math.max(16, count);
    const snapshot: Snapshot = {
      version,
      inMemory,
      size: 0,
      ids: new Float64Array(capacity),
      slotOf: new Map(),
      floats: new Float32Array(inMemory ? capacity * this.dimensions : 0),
      codes: new Uint32Array(capacity * this.words),
      // In memory, the mean of every vector, once they are loaded (codes are written then).
      mean: inMemory ? new Float32Array(this.dimensions) : this.sampleMean(),
    };
    const bytes = this.dimensions * 4;
    const scratch = new Float32Array(this.dimensions);
    const scratchBytes = new Uint8Array(scratch.buffer);
    for (const [id, blob] of allVectorBlobs(this.db)) {
      if (blob.byteLength !== bytes) continue;
      scratchBytes.set(blob);
      // In memory the codes wait for the mean of all the floats (encodeAll); in SQLite mode it is known now.
      this.put(snapshot, id, scratch, !inMemory);
    }
    if (inMemory) this.encodeAll(snapshot);
    return snapshot;
  }

  private sampleMean(): Float32Array {
    const maxId = maxVectorId(this.db);
    const stride = Math.max(1, Math.floor(maxId / MEAN_SAMPLE));
    const mean = new Float32Array(this.dimensions);
    let n = 0;
    for (const blob of sampleVectorBlobs(this.db, stride, MEAN_SAMPLE)) {
      if (blob.byteLength !== this.dimensions * 4) continue;
      const vector = blobToVector(blob);
      for (let d = 0; d < this.dimensions; d++) mean[d]! += vector[d]!;
      n++;
    }
    if (n > 0) for (let d = 0; d < this.dimensions; d++) mean[d]! /= n;
    return mean;
  }

  /** In memory: centres the codes on the mean of the loaded floats and writes every code. */
  private encodeAll(snapshot: Snapshot): void {
    const { floats, size, mean } = snapshot;
    const dimensions = this.dimensions;
    for (let slot = 0; slot < size; slot++) for (let d = 0; d < dimensions; d++) mean[d]! += floats[slot * dimensions + d]!;
    if (size > 0) for (let d = 0; d < dimensions; d++) mean[d]! /= size;
    for (let slot = 0; slot < size; slot++) this.encode(snapshot, floats.subarray(slot * dimensions, (slot + 1) * dimensions), snapshot.codes, slot * this.words);
  }

  private encode(snapshot: Snapshot, vector: Float32Array, target: Uint32Array, offset: number): void {
    for (let w = 0; w < this.words; w++) target[offset + w] = 0;
    for (let d = 0; d < this.dimensions; d++) {
      if (vector[d]! > snapshot.mean[d]!) target[offset + (d >>> 5)]! |= 1 << (d & 31);
    }
  }

  private grow(snapshot: Snapshot): void {
    const capacity = snapshot.ids.length * 2;
    const ids = new Float64Array(capacity);
    ids.set(snapshot.ids);
    snapshot.ids = ids;
    const codes = new Uint32Array(capacity * this.words);
    codes.set(snapshot.codes);
    snapshot.codes = codes;
    if (snapshot.inMemory) {
      const floats = new Float32Array(capacity * this.dimensions);
      floats.set(snapshot.floats);
      snapshot.floats = floats;
    }
  }

  private put(snapshot: Snapshot, id: number, vector: Float32Array, withCode = true): void {
    let slot = snapshot.slotOf.get(id);
    if (slot === undefined) {
      if (snapshot.size === snapshot.ids.length) this.grow(snapshot);
      slot = snapshot.size++;
      snapshot.slotOf.set(id, slot);
      snapshot.ids[slot] = id;
    }
    if (snapshot.inMemory) snapshot.floats.set(vector.subarray(0, this.dimensions), slot * this.dimensions);
    if (withCode) this.encode(snapshot, vector, snapshot.codes, slot * this.words);
  }

  private remove(snapshot: Snapshot, id: number): void {
    const slot = snapshot.slotOf.get(id);
    if (slot === undefined) return;
    const last = --snapshot.size;
    snapshot.slotOf.delete(id);
    if (slot === last) return;
    const movedId = snapshot.ids[last]!;
    snapshot.ids[slot] = movedId;
    snapshot.slotOf.set(movedId, slot);
    snapshot.codes.copyWithin(slot * this.words, last * this.words, (last + 1) * this.words);
    if (snapshot.inMemory) snapshot.floats.copyWithin(slot * this.dimensions, last * this.dimensions, (last + 1) * this.dimensions);
  }

  private scanFloats(snapshot: Snapshot, query: Float32Array, count: number, accept?: Accept): Neighbour[] {
    const best = new TopK(count);
    const { floats, ids, size } = snapshot;
    const dimensions = this.dimensions;
    for (let slot = 0; slot < size; slot++) {
      const score = dot(floats, slot * dimensions, query, dimensions);
      if (!best.admits(score)) continue;
      const id = ids[slot]!;
      if (accept && !accept(id)) continue;
      best.offer(id, score);
    }
    return best.sorted();
  }

  private rerankSlots(snapshot: Snapshot, query: Float32Array, slots: Uint32Array, count: number): Neighbour[] {
    const best = new TopK(count);
    const { floats, ids } = snapshot;
    const dimensions = this.dimensions;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const score = dot(floats, slot * dimensions, query, dimensions);
      if (best.admits(score)) best.offer(ids[slot]!, score);
    }
    return best.sorted();
  }

  /** The slots of the `wanted` codes closest to the query's (ties at the edge broken by slot), refused ids left out. */
  private hammingClosest(snapshot: Snapshot, query: Float32Array, wanted: number, accept?: Accept): Uint32Array {
    const words = this.words;
    const queryCode = new Uint32Array(words);
    this.encode(snapshot, query, queryCode, 0);
    const { codes, ids, size } = snapshot;
    // Up to words × 32 bits apart: 16 bits hold any model's distance (an 8-bit array wrapped past 255
    // dimensions), and REFUSED lies beyond every real one.
    const distances = new Uint16Array(size);
    const histogram = new Uint32Array(words * 32 + 1);
    for (let slot = 0; slot < size; slot++) {
      if (accept && !accept(ids[slot]!)) {
        distances[slot] = REFUSED;
        continue;
      }
      let distance = 0;
      const offset = slot * words;
      for (let w = 0; w < words; w++) distance += popcount(codes[offset + w]! ^ queryCode[w]!);
      distances[slot] = distance;
      histogram[distance]!++;
    }
    // The Hamming distance below which (plus some ties at it) the `wanted` closest codes lie.
    let threshold = 0;
    let below = 0;
    while (threshold < histogram.length && below + histogram[threshold]! < wanted) below += histogram[threshold++]!;
    let tiesLeft = wanted - below;
    const slots = new Uint32Array(Math.min(wanted, size));
    let found = 0;
    for (let slot = 0; slot < size && found < slots.length; slot++) {
      const distance = distances[slot]!;
      if (distance < threshold) slots[found++] = slot;
      else if (distance === threshold && tiesLeft > 0) {
        slots[found++] = slot;
        tiesLeft--;
      }
    }
    return slots.subarray(0, found);
  }
}
