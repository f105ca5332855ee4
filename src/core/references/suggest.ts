// A suggested target for a broken reference: the image now holding the bytes the named file held when
// git last saw it (a rename or move), else the image whose name is closest, else none.
import { posix } from 'node:path';
import type { GitHistory } from './git-history.ts';

/** Names further apart than this share of the longer one are not suggested. */
const MAX_NAME_DISTANCE = 0.5;

export interface SuggestionSources {
  history: GitHistory;
  /** Image paths holding these bytes (SHA-256), best first. */
  pathsWithHash(hash: string): string[];
  imagePaths: readonly string[];
}

export async function suggestTarget(candidates: readonly string[], sources: SuggestionSources): Promise<string | null> {
  for (const candidate of candidates) {
    const hash = await sources.history.lastContentHash(candidate);
    const now = hash ? sources.pathsWithHash(hash) : [];
    if (now.length > 0) return now[0]!;
  }
  return closestName(candidates[0] ?? '', sources.imagePaths);
}

/** A file name without its extension, lower case: a shared `.png` must not make two names look alike. */
function nameStem(path: string): string {
  const base = posix.basename(path).toLowerCase();
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

export function closestName(wanted: string, imagePaths: readonly string[]): string | null {
  const name = nameStem(wanted);
  let best: { path: string; distance: number; pathDistance: number } | null = null;
  for (const path of imagePaths) {
    const distance = editDistance(name, nameStem(path));
    if (best && distance > best.distance) continue;
    const pathDistance = editDistance(wanted, path);
    if (!best || distance < best.distance || pathDistance < best.pathDistance) best = { path, distance, pathDistance };
  }
  if (!best || best.distance > MAX_NAME_DISTANCE * Math.max(name.length, nameStem(best.path).length)) return null;
  return best.path;
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
