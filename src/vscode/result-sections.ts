// How the gallery arranges a result list: grouped by folder (a heading per folder, folders in name
// order, the engine's order kept inside each), or with weak matches moved under "less related"; and
// the note that says when the facets (files) and the grid (distinct contents) count differently.
import type { Section } from '../webview/grid-layout.ts';

export const LESS_RELATED = 'Less related';
export const TOP_LEVEL = '(top level)';

interface Arrangeable {
  path: string;
  folder: number;
  lessRelated?: boolean;
}

export interface ArrangeOptions {
  groupByFolder: boolean;
  /** Set weak matches apart (relevance order only: sorted by name they are not "at the end"). */
  splitWeak: boolean;
  /** Workspace folder names; with more than one, headings name the folder too. */
  folderNames: readonly string[];
}

export function arrangeHits<H extends Arrangeable>(hits: readonly H[], options: ArrangeOptions): { hits: H[]; sections: Section[] } {
  if (options.groupByFolder) {
    const multiRoot = options.folderNames.length > 1;
    const groups = new Map<string, H[]>();
    for (const hit of hits) {
      const slash = hit.path.lastIndexOf('/');
      const dir = slash < 0 ? TOP_LEVEL : `${hit.path.slice(0, slash)}/`;
      const label = multiRoot ? `${options.folderNames[hit.folder] ?? hit.folder} › ${dir}` : dir;
      const group = groups.get(label) ?? [];
      group.push(hit);
      groups.set(label, group);
    }
    const ordered: H[] = [];
    const sections: Section[] = [];
    for (const label of [...groups.keys()].sort((a, b) => (a === TOP_LEVEL ? -1 : b === TOP_LEVEL ? 1 : a.localeCompare(b)))) {
      const group = groups.get(label)!;
      sections.push({ label, start: ordered.length, count: group.length });
      ordered.push(...group);
    }
    return { hits: ordered, sections };
  }
  const strong = options.splitWeak ? hits.filter((hit) => !hit.lessRelated) : [...hits];
  const weak = options.splitWeak ? hits.filter((hit) => hit.lessRelated) : [];
  const sections: Section[] = [{ label: null, start: 0, count: strong.length }];
  if (weak.length > 0) sections.push({ label: LESS_RELATED, start: strong.length, count: weak.length });
  return { hits: [...strong, ...weak], sections };
}

/** Files are what facets count; the grid lists each content once, so say when the two differ. */
export function copiesNote(files: number, assets: number): string | null {
  if (files <= assets) return null;
  const copies = files - assets;
  return `${files.toLocaleString('en-US')} files, ${assets.toLocaleString('en-US')} distinct images: ${copies.toLocaleString('en-US')} ${copies === 1 ? 'is a copy' : 'are copies'} of another file and show${copies === 1 ? 's' : ''} once in the grid.`;
}
