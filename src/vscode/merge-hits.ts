import type { SearchHit, SearchSort } from '../core/types.ts';

/** A hit tagged with the index of the workspace folder it came from. */
export interface FolderHit extends SearchHit {
  folder: number;
}

const ORDER: Record<SearchSort, (a: SearchHit, b: SearchHit) => number> = {
  relevance: (a, b) => b.score - a.score,
  name: (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  modified: (a, b) => b.modified - a.modified,
  size: (a, b) => b.size - a.size,
};

/**
 * Merges per-folder result lists (each already in `sort` order, weak matches last, as the engine
 * returns them) into one list in the same order.
 */
export function mergeHits(perFolder: readonly (readonly SearchHit[])[], limit = Infinity, sort: SearchSort = 'relevance'): FolderHit[] {
  const merged = perFolder.flatMap((hits, folder) => hits.map((hit) => ({ ...hit, folder })));
  const order = ORDER[sort];
  // Stable sort keeps each folder's own order among equals.
  merged.sort((a, b) => Number(a.lessRelated) - Number(b.lessRelated) || order(a, b));
  return merged.slice(0, limit);
}
