// "Find similar": near-duplicates by perceptual hash first, then neighbours in meaning.
import type { SearchHit } from './types.ts';
import type { Store } from './store/index.ts';
import { dhashesExcept } from './store/assets.ts';
import { hitFiles } from './store/search.ts';
import { vectorOf } from './store/vectors.ts';
import { toHit, type Searcher } from './search.ts';

/** dHashes this many bits apart or fewer are treated as the same picture (resized, re-encoded, tweaked). */
export const NEAR_DUPLICATE_BITS = 10;

export function hammingDistance(a: string, b: string): number {
  let x = BigInt('0x' + a) ^ BigInt('0x' + b);
  let bits = 0;
  while (x) {
    x &= x - 1n;
    bits++;
  }
  return bits;
}

export async function findSimilar(store: Store, searcher: Searcher, relativePath: string, limit: number): Promise<SearchHit[]> {
  const file = store.fileByPath(relativePath);
  if (!file?.assetId) throw new Error(`${relativePath}: not in the index`);
  const asset = store.assetById(file.assetId)!;
  const scored = new Map<number, number>();
  if (asset.dhash) {
    for (const row of dhashesExcept(store.db, asset.id)) {
      const distance = hammingDistance(asset.dhash, row.dhash);
      if (distance <= NEAR_DUPLICATE_BITS) scored.set(row.id, 2 - distance / 64);
    }
  }
  const vector = vectorOf(store.db, asset.id);
  if (vector) {
    for (const { id, score } of searcher.nearestToVector(vector, limit, asset.id)) if (!scored.has(id)) scored.set(id, score);
  }
  const ranked = [...scored.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit);
  const files = hitFiles(store.db, ranked.map(([id]) => id));
  return ranked.flatMap(([id, score]) => {
    const file = files.get(id);
    return file ? [toHit(file, score, [], false)] : [];
  });
}
