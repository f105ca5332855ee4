// The gallery webview: search box, facets, virtualized grid and detail pane. Talks to
// src/vscode/gallery-panel.ts through the messages in protocol.ts; holds no file system access.
import type { AssetDetail, ExtensionMessage, FacetCounts, GalleryItem } from './protocol.ts';
import { renderDetail } from './detail.ts';
import { renderFacets } from './facets.ts';
import { VirtualGrid } from './grid.ts';
import { toggleFilter } from './query-filters.ts';
import { vscode, type GalleryState } from './vscode-api.ts';

const SEARCH_DEBOUNCE_MS = 80;
const DETAIL_DEBOUNCE_MS = 100;

type Request = { kind: 'search'; query: string } | { kind: 'similar'; folder: number; path: string };

const searchBox = document.getElementById('search') as HTMLInputElement;
const gridPane = document.getElementById('grid')!;
const summary = document.getElementById('summary')!;
const facetsPane = document.getElementById('facets')!;
const detailPane = document.getElementById('detail')!;

const saved: GalleryState = vscode.getState() ?? { query: '', scrollTop: 0, selected: null };
let queryId = 0;
let request: Request = { kind: 'search', query: saved.query };
let keepScroll = false;
let cloudAvailable = false;
let facets: FacetCounts | undefined;
let detail: AssetDetail | undefined;
let restoreScrollTop = saved.scrollTop;
let searchTimer: ReturnType<typeof setTimeout> | undefined;
let stateTimer: ReturnType<typeof setTimeout> | undefined;
let detailTimer: ReturnType<typeof setTimeout> | undefined;

const grid = new VirtualGrid(gridPane, document.getElementById('grid-content')!, {
  requestPage: (offset, limit) => vscode.postMessage({ type: 'page', queryId, offset, limit }),
  selectionChanged: (item) => {
    saveState();
    clearTimeout(detailTimer);
    if (!item) return showDetail(undefined);
    detailTimer = setTimeout(() => vscode.postMessage({ type: 'detail', folder: item.folder, path: item.path }), DETAIL_DEBOUNCE_MS);
  },
  open: (item) => vscode.postMessage({ type: 'open', folder: item.folder, path: item.path }),
});

function run(next: Request, keepPosition = false): void {
  request = next;
  keepScroll = keepPosition;
  queryId++;
  summary.textContent = 'Searching…';
  if (next.kind === 'search') vscode.postMessage({ type: 'search', queryId, query: next.query });
  else vscode.postMessage({ type: 'similar', queryId, folder: next.folder, path: next.path });
  saveState();
}

function runQueryText(): void {
  clearTimeout(searchTimer);
  run({ kind: 'search', query: searchBox.value });
  if (facets) renderFacets(facetsPane, facets, searchBox.value, toggleFacet);
}

function toggleFacet(filter: string, value: string): void {
  searchBox.value = toggleFilter(searchBox.value, filter, value);
  runQueryText();
}

function showDetail(next: AssetDetail | undefined): void {
  detail = next;
  renderDetail(detailPane, detail, cloudAvailable, {
    open: () => detail && vscode.postMessage({ type: 'open', folder: detail.folder, path: detail.path }),
    reveal: () => detail && vscode.postMessage({ type: 'reveal', folder: detail.folder, path: detail.path }),
    similar: () => {
      if (!detail) return;
      searchBox.value = '';
      run({ kind: 'similar', folder: detail.folder, path: detail.path });
    },
    retag: () => detail && vscode.postMessage({ type: 'retag', folder: detail.folder, path: detail.path }),
    saveTags: (tags) => detail && vscode.postMessage({ type: 'setTags', folder: detail.folder, path: detail.path, tags }),
  });
}

function saveState(): void {
  const selected: GalleryItem | undefined = grid.selectedItem;
  vscode.setState({
    query: request.kind === 'search' ? request.query : searchBox.value,
    scrollTop: gridPane.scrollTop,
    selected: selected ? { folder: selected.folder, path: selected.path } : null,
  });
}

window.addEventListener('message', (event: MessageEvent<ExtensionMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      cloudAvailable = message.cloudAvailable;
      document.body.classList.toggle('multi-root', message.folders.length > 1);
      if (detail) showDetail(detail);
      return;
    case 'results': {
      if (message.queryId !== queryId) return;
      const notes = [message.error, ...message.warnings].filter(Boolean).join(' · ');
      summary.textContent = notes ? `${message.title} — ${notes}` : message.title;
      summary.classList.toggle('error', message.error !== null);
      grid.reset(message.total, keepScroll);
      if (restoreScrollTop > 0) {
        gridPane.scrollTop = restoreScrollTop;
        restoreScrollTop = 0;
      }
      return;
    }
    case 'page':
      if (message.queryId !== queryId) return;
      grid.addPage(message.offset, message.items);
      return;
    case 'facets':
      facets = message.facets;
      renderFacets(facetsPane, facets, searchBox.value, toggleFacet);
      return;
    case 'detail':
      if (!grid.selectedItem || (grid.selectedItem.folder === message.detail.folder && grid.selectedItem.path === message.detail.path)) showDetail(message.detail);
      return;
    case 'showSimilar':
      searchBox.value = '';
      run({ kind: 'similar', folder: message.folder, path: message.path });
      return;
    case 'indexChanged':
      run(request, true);
      return;
  }
});

searchBox.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(runQueryText, SEARCH_DEBOUNCE_MS);
});
searchBox.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') runQueryText();
  else if (event.key === 'ArrowDown') {
    event.preventDefault();
    grid.focus();
  } else if (event.key === 'Escape' && searchBox.value) {
    searchBox.value = '';
    runQueryText();
  }
});
document.addEventListener('keydown', (event) => {
  const typing = event.target instanceof HTMLElement && event.target.closest('input, textarea, vscode-textfield');
  if (event.key === '/' && !typing) {
    event.preventDefault();
    searchBox.focus();
    searchBox.select();
  }
});
gridPane.addEventListener(
  'scroll',
  () => {
    clearTimeout(stateTimer);
    stateTimer = setTimeout(saveState, 200);
  },
  { passive: true },
);

searchBox.value = saved.query;
if (saved.selected) grid.restoreSelection(saved.selected.folder, saved.selected.path);
vscode.postMessage({ type: 'ready' });
run({ kind: 'search', query: saved.query });
