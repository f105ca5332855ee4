// Facet counts for the gallery: files (not distinct contents) per folder at every depth, type, colour,
// orientation, tag source and usage in code, so each facet sums to what the status bar counts.
import { colorNamesOf } from './palette.ts';
import type { FacetFile } from './store/search.ts';

export interface Facets {
  /** Folder paths without a trailing slash, every level (`icons`, `icons/social`); `.` is the top level. */
  folders: Record<string, number>;
  formats: Record<string, number>;
  orientations: Record<string, number>;
  sources: Record<string, number>;
  colors: Record<string, number>;
  /** Files referenced from the repository's text files (`yes`) or not (`no`): the values of `used:`. */
  usage: Record<string, number>;
}

function bump(counts: Record<string, number>, key: string | null): void {
  if (key) counts[key] = (counts[key] ?? 0) + 1;
}

function byCount(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

/** Every folder a path is in, outermost first: `a/b/c.png` → `a`, `a/b`; a top-level file → `.`. */
export function foldersOf(path: string): string[] {
  const parts = path.split('/').slice(0, -1);
  if (parts.length === 0) return ['.'];
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

export function countFacets(files: readonly FacetFile[], sourcesByAsset: ReadonlyMap<number, readonly string[]>): Facets {
  const facets: Facets = { folders: {}, formats: {}, orientations: {}, sources: {}, colors: {}, usage: {} };
  const colorsByAsset = new Map<number, string[]>();
  for (const file of files) {
    for (const folder of foldersOf(file.path)) bump(facets.folders, folder);
    bump(facets.formats, file.format);
    bump(facets.orientations, file.orientation);
    bump(facets.usage, file.used ? 'yes' : 'no');
    for (const source of sourcesByAsset.get(file.assetId) ?? []) bump(facets.sources, source);
    let colors = colorsByAsset.get(file.assetId);
    if (!colors) colorsByAsset.set(file.assetId, (colors = colorNamesOf(JSON.parse(file.palette) as string[])));
    for (const name of colors) bump(facets.colors, name);
  }
  return { folders: byCount(facets.folders), formats: byCount(facets.formats), orientations: byCount(facets.orientations), sources: byCount(facets.sources), colors: byCount(facets.colors), usage: facets.usage };
}
