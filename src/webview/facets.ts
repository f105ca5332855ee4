// The facet sidebar: counts per folder, type, colour, orientation and tag source. Clicking a value
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
  folders: { heading: 'Folder', filter: 'in', label: (value) => (value === '.' ? '(top level)' : `${value}/`) },
  formats: { heading: 'Type', filter: 'ext' },
  colors: { heading: 'Colour', filter: 'color' },
  orientations: { heading: 'Orientation', filter: 'orientation' },
  sources: {
    heading: 'Tag source',
    filter: null,
    label: (value) => ({ embedded: 'file metadata', path: 'file path', cloud: 'Gemini', user: 'hand-written' })[value] ?? value,
  },
};
const MAX_VALUES = 40;

export function renderFacets(
  container: HTMLElement,
  facets: FacetCounts,
  query: string,
  onToggle: (filter: string, value: string) => void,
): void {
  const open = new Set([...container.querySelectorAll<HTMLElement & { open: boolean }>('vscode-collapsible')].filter((c) => c.open).map((c) => c.dataset.facet));
  const firstRender = container.childElementCount === 0;
  container.replaceChildren();
  for (const [key, spec] of Object.entries(FACETS) as [keyof FacetCounts, FacetSpec][]) {
    const entries = Object.entries(facets[key] ?? {})
      .filter(([value]) => value && value !== 'null')
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_VALUES);
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
      list.append(h('li', {}, row));
    }
    const section = h('vscode-collapsible', { heading: spec.heading, 'data-facet': key }, list) as HTMLElement & { open: boolean };
    section.open = firstRender || open.has(key);
    container.append(section);
  }
}
