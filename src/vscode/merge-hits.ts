import type { SearchHit } from '../core/types.ts';

/** A hit tagged with the index of the workspace folder it came from. */
export interface FolderHit extends SearchHit {
  folder: number;
}

/** Merges per-folder result lists (each already best-first) into one list ordered by score. */
export function mergeByScore(perFolder: readonly (readonly SearchHit[])[], limit = Infinity): FolderHit[] {
  const merged = perFolder.flatMap((hits, folder) => hits.map((hit) => ({ ...hit, folder })));
  // Stable sort keeps each folder's own order among equal scores.
  merged.sort((a, b) => b.score - a.score);
  return merged.slice(0, limit);
}
