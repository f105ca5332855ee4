// The facet sidebar: counts per folder, type, colour, orientation, usage in code and tag source. Clicking a value
// toggles the matching filter in the query text.
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import type { FacetCounts } from './protocol.ts';
import { hasFilter } from './query-filters.ts';
import { h } from './dom.ts';

interface FacetSpec {
  heading: string;
  /** The query filter a value turns into; null when the query language has none. */
  filter: string | null;
  label?: (value: string) => string;
}

const FACETS: Record<keyof FacetCounts, FacetSpec> = {
  folders: { heading: 'Folder', filter: 'in', label: (value) => (value === '.' ? '(top level)' : `${value.slice(value.lastIndexOf('/') + 1)}/`) },
  formats: { heading: 'Type', filter: 'ext' },
  colors: { heading: 'Colour', filter: 'color' },
  orientations: { heading: 'Orientation', filter: 'orientation' },
  usage: { heading: 'Usage in code', filter: 'used', label: (value) => (value === 'no' ? 'Unused' : 'Used') },
  sources: {
    heading: 'Tag source',
    filter: null,
    label: (value) => ({ embedded: 'file metadata', path: 'file path', cloud: 'Gemini', user: 'hand-written' })[value] ?? value,
  },
};
const MAX_VALUES = 40;
const MAX_FOLDERS = 150;

/** Folders in tree order (a parent, then its subfolders), other facets by count. */
export function facetEntries(key: keyof FacetCounts, counts: Record<string, number>): [string, number][] {
  const entries = Object.entries(counts).filter(([value, count]) => value && value !== 'null' && count > 0);
  if (key !== 'folders') return entries.sort((a, b) => b[1] - a[1]).slice(0, MAX_VALUES);
  return entries.sort(([a], [b]) => (a === '.' ? -1 : b === '.' ? 1 : a.localeCompare(b))).slice(0, MAX_FOLDERS);
}

export function renderFacets(
  container: HTMLElement,
  facets: FacetCounts,
  query: string,
  note: string | null,
  onToggle: (filter: string, value: string) => void,
): void {
  const open = new Set([...container.querySelectorAll<HTMLElement & { open: boolean }>('vscode-collapsible')].filter((c) => c.open).map((c) => c.dataset.facet));
  const firstRender = container.childElementCount === 0;
  container.replaceChildren();
  if (note) container.append(h('p', { class: 'facet-note' }, note));
  for (const [key, spec] of Object.entries(FACETS) as [keyof FacetCounts, FacetSpec][]) {
    const entries = facetEntries(key, facets[key] ?? {});
    if (entries.length === 0) continue;
    const list = h('ul', { class: 'facet-values', role: 'list' });
    for (const [value, count] of entries) {
      const label = spec.label?.(value) ?? value;
      // The top-level pseudo-folder has no `in:` filter.
      const clickable = spec.filter !== null && !(key === 'folders' && value === '.');
      const active = clickable && hasFilter(query, spec.filter!, value);
      const swatch = key === 'colors' ? h('span', { class: 'swatch', 'aria-hidden': 'true' }) : null;
      if (swatch) swatch.style.backgroundColor = value;
      const content = [swatch, h('span', { class: 'facet-label' }, label), h('vscode-badge', { variant: 'counter' }, String(count))];
      const row = clickable
        ? h('button', { class: 'facet', type: 'button', 'aria-pressed': String(active), title: `Filter by ${spec.filter}:${value}` }, ...content)
        : h('span', { class: 'facet static' }, ...content);
      if (clickable) row.addEventListener('click', () => onToggle(spec.filter!, value));
      // Subfolders are indented under their parent.
      if (key === 'folders') row.style.paddingLeft = `${12 + 12 * (value === '.' ? 0 : value.split('/').length - 1)}px`;
      list.append(h('li', {}, row));
    }
    const section = h('vscode-collapsible', { heading: spec.heading, description: 'files', 'data-facet': key }, list) as HTMLElement & { open: boolean };
    section.open = firstRender || open.has(key);
    container.append(section);
  }
}
