import type { RankedHit, SearchHit, SearchSort } from '../core/types.ts';

/** A hit without its matched tags (as ranked, before its page is shown) and the workspace folder it came from. */
export type FolderRankedHit = RankedHit & { folder: number };

/** A hit tagged with the index of the workspace folder it came from. */
export interface FolderHit extends SearchHit {
  folder: number;
}

const ORDER: Record<SearchSort, (a: RankedHit, b: RankedHit) => number> = {
  relevance: (a, b) => b.score - a.score,
  name: (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  modified: (a, b) => b.modified - a.modified,
  size: (a, b) => b.size - a.size,
};

/**
 * Merges per-folder result lists (each already in `sort` order, weak matches last, as the engine
 * returns them) into one list in the same order.
 */
export function mergeHits<H extends RankedHit>(perFolder: readonly (readonly H[])[], limit = Infinity, sort: SearchSort = 'relevance'): (H & { folder: number })[] {
  const merged = perFolder.flatMap((hits, folder) => hits.map((hit) => ({ ...hit, folder })));
  const order = ORDER[sort];
  // Stable sort keeps each folder's own order among equals.
  merged.sort((a, b) => Number(a.lessRelated) - Number(b.lessRelated) || order(a, b));
  return merged.slice(0, limit);
}
