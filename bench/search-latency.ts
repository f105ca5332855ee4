// Search latency on a synthetic collection: the engine end to end, its vector index alone, a bare
// sqlite-vec KNN and an exact brute-force scan over the same vectors, and the index's recall@10.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AssetLens } from '../src/core/engine.ts';
import { loadNatives } from '../src/core/natives.ts';
import { parseQuery } from '../src/core/query.ts';
import { blobToVector, vectorToBlob } from '../src/core/store/vectors.ts';
import type { Embedder } from '../src/core/types.ts';
import { CATEGORY_QUERIES } from './relevance-queries.ts';
import type { BuiltCollection } from './synthetic.ts';
import { percentiles, round, timeEach, type Percentiles } from './stats.ts';

/** What a search with the default page (20 hits) asks of the vector side: the fusion pool. */
export const POOL = 100;

export const PLAIN_QUERIES = [
  ...Object.keys(CATEGORY_QUERIES),
  'red sports car',
  'christmas tree',
  'coffee cup',
  'happy cartoon cat',
  'computer mouse',
  'world map',
  'skull and crossbones',
  'sailing ship on the sea',
  'pizza slice',
  'light bulb idea',
  'guitar',
  'santa claus',
  'rocket launch',
  'recycle symbol',
  'teddy bear',
  'old telephone',
];

export const FILTERED_QUERIES = [
  'bird orientation:landscape',
  'car color:red',
  'flower ext:svg',
  'house in:buildings',
  'dog w>500',
  'tree tag:plant',
  'fruit color:green ext:png',
  'boat in:transportation/boating',
  'clock orientation:square',
  'musical instrument h<100',
  'arrow color:blue',
  'smiley face ext:webp',
];

export interface SearchBench {
  size: number;
  vectorsInMemory: boolean;
  coldLoadMs: number;
  endToEnd: Percentiles;
  endToEndPlain: Percentiles;
  endToEndFiltered: Percentiles;
  vectorIndex: Percentiles;
  sqliteVec: Percentiles;
  bruteForce: Percentiles;
  recallAt10: number;
  recallQueries: number;
  dbBytesPerAsset: number;
}

function loadAllVectors(lens: AssetLens, dimensions: number): { ids: Float64Array; floats: Float32Array } {
  const rows = lens.store.db.prepare('SELECT id, embedding FROM vectors ORDER BY id').raw().iterate() as Iterable<[number, Buffer]>;
  const count = lens.store.db.prepare('SELECT count(*) FROM vectors').pluck().get() as number;
  const ids = new Float64Array(count);
  const floats = new Float32Array(count * dimensions);
  let i = 0;
  for (const [id, blob] of rows) {
    ids[i] = id;
    floats.set(blobToVector(blob), i * dimensions);
    i++;
  }
  return { ids, floats };
}

/** Exact top-k by dot product, the plainest way: score everything, keep a sorted list of the k best. */
function bruteForce(all: { ids: Float64Array; floats: Float32Array }, query: Float32Array, k: number): { id: number; score: number }[] {
  const dimensions = query.length;
  const best: { id: number; score: number }[] = [];
  const n = all.ids.length;
  for (let i = 0; i < n; i++) {
    let score = 0;
    const offset = i * dimensions;
    for (let d = 0; d < dimensions; d++) score += all.floats[offset + d]! * query[d]!;
    if (best.length === k && score <= best[k - 1]!.score) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.score < score) at--;
    best.splice(at, 0, { id: all.ids[i]!, score });
    if (best.length > k) best.pop();
  }
  return best;
}

/** A sqlite-vec vec0 table holding the same vectors, in its own file next to the collection (built once). */
function sqliteVecBaseline(collection: BuiltCollection, lens: AssetLens, dimensions: number) {
  const { Database, sqliteVec } = loadNatives();
  const path = join(collection.indexDir, 'sqlite-vec-baseline.db');
  const fresh = !existsSync(path);
  const db = new Database(path);
  sqliteVec.load(db);
  if (fresh) {
    db.exec(`CREATE VIRTUAL TABLE knn USING vec0(embedding float[${dimensions}] distance_metric=cosine)`);
    const insert = db.prepare('INSERT INTO knn (rowid, embedding) VALUES (?, ?)');
    const rows = lens.store.db.prepare('SELECT id, embedding FROM vectors').raw().iterate() as Iterable<[number, Buffer]>;
    db.transaction(() => {
      for (const [id, blob] of rows) insert.run(BigInt(id), blob);
    })();
  }
  const knn = db.prepare('SELECT rowid AS id, distance FROM knn WHERE embedding MATCH ? AND k = ?');
  return { db, search: (query: Float32Array, k: number) => knn.all(vectorToBlob(query), k) };
}

export async function benchSearch(collection: BuiltCollection, embedder: Embedder, rounds: number, log: (line: string) => void): Promise<SearchBench> {
  const lens = await AssetLens.open({ root: collection.indexDir, indexDir: collection.indexDir, embedder });
  try {
    const coldStarted = performance.now();
    await lens.search(PLAIN_QUERIES[0]!);
    const coldLoadMs = performance.now() - coldStarted;
    const repeat = <T>(items: readonly T[]) => Array.from({ length: rounds }, () => items).flat();
    // Warm every code path once, then measure.
    for (const q of [...PLAIN_QUERIES, ...FILTERED_QUERIES]) await lens.search(q);
    const plain = await timeEach(repeat(PLAIN_QUERIES), (q) => lens.search(q));
    const filtered = await timeEach(repeat(FILTERED_QUERIES), (q) => lens.search(q));
    log(`  ${collection.size}: end to end p95 ${percentiles([...plain, ...filtered]).p95} ms`);

    const texts = PLAIN_QUERIES.map((q) => parseQuery(q).text);
    const queryVectors = (await embedder.embed(texts)).filter((v) => v.some((x) => x !== 0));
    const dimensions = embedder.dimensions;
    const vectorIndex = await timeEach(repeat(queryVectors), (v) => lens.store.vectors.nearest(v, POOL));

    const baseline = sqliteVecBaseline(collection, lens, dimensions);
    let sqliteVec: number[];
    try {
      baseline.search(queryVectors[0]!, POOL);
      sqliteVec = await timeEach(repeat(queryVectors), (v) => baseline.search(v, POOL));
    } finally {
      baseline.db.close();
    }

    const all = loadAllVectors(lens, dimensions);
    const brute = await timeEach(queryVectors, (v) => bruteForce(all, v, POOL));

    // Recall@10 of the engine's index against exact search: the text queries plus stored vectors used as
    // queries (what "find similar" does). A hit counts when it scores at least the exact 10th (ties).
    const recallQueries = [...queryVectors];
    for (let i = 0; i < 200; i++) {
      const slot = Math.floor(((i * 2654435761) % 4294967296) / 4294967296 * all.ids.length);
      recallQueries.push(all.floats.slice(slot * dimensions, (slot + 1) * dimensions));
    }
    let found = 0;
    for (const query of recallQueries) {
      const exact = bruteForce(all, query, 10);
      const tenth = exact.at(-1)!.score - 1e-6;
      found += lens.store.vectors.nearest(query, 10).filter((hit) => hit.score >= tenth).length;
    }
    return {
      size: collection.size,
      vectorsInMemory: lens.store.vectors.inMemory,
      coldLoadMs: round(coldLoadMs),
      endToEnd: percentiles([...plain, ...filtered]),
      endToEndPlain: percentiles(plain),
      endToEndFiltered: percentiles(filtered),
      vectorIndex: percentiles(vectorIndex),
      sqliteVec: percentiles(sqliteVec),
      bruteForce: percentiles(brute),
      recallAt10: round(found / (recallQueries.length * 10), 4),
      recallQueries: recallQueries.length,
      dbBytesPerAsset: Math.round(collection.dbBytes / collection.size),
    };
  } finally {
    lens.close();
  }
}
