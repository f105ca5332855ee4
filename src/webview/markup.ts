// The gallery's page body, shared by the panel (src/vscode/gallery-panel.ts) and the scroll bench.
import { BACKGROUNDS, SORT_KEYS, THUMB_SIZES } from './view-state.ts';

const SORT_LABELS = { relevance: 'Relevance', name: 'Name', modified: 'Date modified', size: 'File size' };
const BACKGROUND_LABELS = { checker: 'Checkerboard', light: 'Light', dark: 'Dark' };

export function galleryBody(): string {
  const options = (values: readonly string[], labels: Record<string, string>) => values.map((value) => `<option value="${value}">${labels[value]}</option>`).join('');
  return `<header class="toolbar">
    <input id="search" type="search" placeholder="Search images: red logo ext:svg in:icons/ orientation:landscape" aria-label="Search assets" spellcheck="false" autocomplete="off">
    <span id="suggestion" hidden></span>
    <span id="summary" role="status" aria-live="polite"></span>
  </header>
  <div class="viewbar" role="toolbar" aria-label="View options">
    <button id="toggle-facets" class="tool" type="button" aria-controls="facets" aria-pressed="false" title="Show or hide the filters">Filters</button>
    <label class="control">Sort <select id="sort" aria-label="Sort by">${options(SORT_KEYS, SORT_LABELS)}</select></label>
    <label class="control"><input id="group" type="checkbox"> Group by folder</label>
    <label class="control">Size <input id="thumb-size" type="range" min="${THUMB_SIZES.min}" max="${THUMB_SIZES.max}" step="4" aria-label="Thumbnail size"></label>
    <label class="control">Background <select id="background" aria-label="Thumbnail background">${options(BACKGROUNDS, BACKGROUND_LABELS)}</select></label>
    <span class="spacer"></span>
    <select id="saved-searches" aria-label="Saved searches"></select>
    <button id="delete-search" class="tool" type="button" title="Delete this saved search" aria-label="Delete saved search">✕</button>
    <button id="save-search" class="tool" type="button" title="Save the current search under a name">Save search…</button>
  </div>
  <main class="layout">
    <nav id="facets" aria-label="Filters"></nav>
    <section id="grid" tabindex="0" role="grid" aria-label="Assets" aria-multiselectable="true"><div id="grid-content"></div><div id="empty" hidden></div></section>
    <aside id="detail" aria-label="Asset details"><p class="placeholder">Select an image to see its tags.</p></aside>
  </main>
  <div id="context-menu" class="context-menu" hidden></div>`;
}
