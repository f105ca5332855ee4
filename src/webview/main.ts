// The gallery webview: search box, view options, facets, virtualized grid and detail pane. Talks to
// src/vscode/gallery-panel.ts through the messages in protocol.ts; holds no file system access.
import type { ActionId } from './actions.ts';
import { actionsFor } from './actions.ts';
import { copyImageToClipboard } from './copy-image.ts';
import { ContextMenu } from './context-menu.ts';
import { focusTagField, renderDetail, renderSelection } from './detail.ts';
import { h } from './dom.ts';
import { renderFacets } from './facets.ts';
import { VirtualGrid } from './grid.ts';
import type { AssetDetail, BulkAction, ExtensionMessage, FacetCounts, GalleryItem, SavedSearch } from './protocol.ts';
import { toggleFilter } from './query-filters.ts';
import { clampThumbSize, restoreViewState, type Background, type Request, type SortKey, type ViewState } from './view-state.ts';
import { vscode } from './vscode-api.ts';

const SEARCH_DEBOUNCE_MS = 80;
const DETAIL_DEBOUNCE_MS = 100;

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const searchBox = byId<HTMLInputElement>('search');
const gridPane = byId('grid');
const summary = byId('summary');
const suggestion = byId('suggestion');
const facetsPane = byId('facets');
const detailPane = byId('detail');
const emptyState = byId('empty');
const sortSelect = byId<HTMLSelectElement>('sort');
const groupBox = byId<HTMLInputElement>('group');
const sizeSlider = byId<HTMLInputElement>('thumb-size');
const backgroundSelect = byId<HTMLSelectElement>('background');
const facetsToggle = byId<HTMLButtonElement>('toggle-facets');
const savedSelect = byId<HTMLSelectElement>('saved-searches');
const saveButton = byId<HTMLButtonElement>('save-search');
const deleteSavedButton = byId<HTMLButtonElement>('delete-search');

const view: ViewState = restoreViewState(vscode.getState());
let queryId = 0;
let keepScroll = false;
let cloudAvailable = false;
let findUsages = false;
let facets: FacetCounts | undefined;
let facetNote: string | null = null;
let detail: AssetDetail | undefined;
let savedSearches: SavedSearch[] = [];
let restoreScrollTop = view.scrollTop;
let searchTimer: ReturnType<typeof setTimeout> | undefined;
let stateTimer: ReturnType<typeof setTimeout> | undefined;
let detailTimer: ReturnType<typeof setTimeout> | undefined;
let clipboardRequestId = 0;
const clipboardRequests = new Map<number, (answer: Extract<ExtensionMessage, { type: 'clipboardImage' }>) => void>();

const menu = new ContextMenu(byId('context-menu'));
const grid = new VirtualGrid(gridPane, byId('grid-content'), {
  requestPage: (offset, limit) => vscode.postMessage({ type: 'page', queryId, offset, limit }),
  selectionChanged: (item, count) => {
    saveState();
    clearTimeout(detailTimer);
    if (count > 1) return showSelection(count);
    if (!item) return showDetail(undefined);
    detailTimer = setTimeout(() => vscode.postMessage({ type: 'detail', folder: item.folder, path: item.path }), DETAIL_DEBOUNCE_MS);
  },
  open: (item) => vscode.postMessage({ type: 'open', folder: item.folder, path: item.path }),
  contextMenu: (x, y) => openMenu(x, y),
});

function run(next: Request, keepPosition = false): void {
  view.request = next;
  keepScroll = keepPosition;
  queryId++;
  summary.textContent = 'Searching…';
  if (next.kind === 'search') vscode.postMessage({ type: 'search', queryId, query: next.query, sort: view.sort, group: view.groupByFolder });
  else vscode.postMessage({ type: 'similar', queryId, folder: next.folder, path: next.path, group: view.groupByFolder });
  sortSelect.disabled = next.kind === 'similar';
  savedSelect.value = next.kind === 'search' ? (savedSearches.find((saved) => saved.query === next.query)?.name ?? '') : '';
  deleteSavedButton.disabled = savedSelect.value === '';
  saveState();
}

function runQueryText(): void {
  clearTimeout(searchTimer);
  run({ kind: 'search', query: searchBox.value });
}

function setQuery(query: string): void {
  searchBox.value = query;
  runQueryText();
}

function findSimilar(folder: number, path: string): void {
  searchBox.value = '';
  run({ kind: 'similar', folder, path });
}

function toggleFacet(filter: string, value: string): void {
  setQuery(toggleFilter(searchBox.value, filter, value));
}

function showFacets(): void {
  if (facets) renderFacets(facetsPane, facets, searchBox.value, facetNote, toggleFacet);
}

const actionContext = (count: number) => ({ count, cloudAvailable, findUsages });

function showDetail(next: AssetDetail | undefined): void {
  detail = next;
  renderDetail(detailPane, detail, actionContext(1), {
    run: (action) => runAction(action),
    saveTags: (tags) => detail && vscode.postMessage({ type: 'setTags', folder: detail.folder, path: detail.path, tags }),
    openUsage: (usage) => detail && vscode.postMessage({ type: 'openUsage', folder: detail.folder, file: usage.file, line: usage.line, column: usage.column, length: usage.text.length }),
  });
}

function showSelection(count: number): void {
  detail = undefined;
  renderSelection(detailPane, actionContext(count), {
    run: (action) => runAction(action),
    saveTags: () => undefined,
    openUsage: () => undefined,
    editTags: (add, remove) => bulk(add.length > 0 ? 'addTags' : 'removeTags', add.length > 0 ? add : remove),
  });
}

function bulk(action: BulkAction, tags: string[] = []): void {
  vscode.postMessage({ type: 'bulk', queryId, ranges: grid.selection.ranges(), action, tags });
}

/** Runs an action on the selection: one item, or all of them where the action allows. */
function runAction(action: ActionId): void {
  const count = grid.selection.size;
  const item = grid.focusedItem;
  if (count > 1) {
    const bulkFor: Partial<Record<ActionId, BulkAction>> = { reveal: 'reveal', copyPath: 'copyPaths', insert: 'insert', retag: 'retag' };
    const mapped = bulkFor[action];
    if (mapped) return bulk(mapped);
    if (action === 'addTags' || action === 'removeTags') return focusTagField(detailPane);
    return;
  }
  if (!item) return;
  const ref = { folder: item.folder, path: item.path };
  switch (action) {
    case 'similar':
      return findSimilar(item.folder, item.path);
    case 'copyImage':
      copyImage(item);
      return;
    case 'addTags':
    case 'removeTags':
      return focusTagField(detailPane);
    default:
      vscode.postMessage({ type: action, ...ref });
  }
}

/** Asks the extension for the image at full size; the thumbnail goes to the clipboard when it cannot send one. */
function copyImage(item: GalleryItem): void {
  const requestId = ++clipboardRequestId;
  const answer = new Promise<Extract<ExtensionMessage, { type: 'clipboardImage' }> | null>((resolve) => clipboardRequests.set(requestId, resolve));
  vscode.postMessage({ type: 'copyImage', requestId, folder: item.folder, path: item.path });
  void copyImageToClipboard(answer, item.thumb).then(
    (copied) => (summary.textContent = copied.fullSize ? `Copied ${item.path} (${copied.width}×${copied.height})` : `Copied the thumbnail of ${item.path}: ${copied.reason}`),
    (error: unknown) => (summary.textContent = `Could not copy the image: ${error instanceof Error ? error.message : String(error)}`),
  );
}

function openMenu(x: number, y: number): void {
  const entries = actionsFor(actionContext(grid.selection.size)).map(({ spec, label, disabled }) => ({ label, disabled, run: () => runAction(spec.id) }));
  menu.open(x, y, entries);
}

function showResults(message: Extract<ExtensionMessage, { type: 'results' }>): void {
  const notes = [message.error, ...message.warnings].filter(Boolean).join(' · ');
  summary.textContent = notes ? `${message.title} — ${notes}` : message.title;
  summary.classList.toggle('error', message.error !== null);
  grid.reset(message.total, message.sections, keepScroll);
  if (restoreScrollTop > 0) {
    gridPane.scrollTop = restoreScrollTop;
    restoreScrollTop = 0;
  }
  showEmptyState(message);
  showSuggestion(message);
  showFacets();
}

function didYouMeanLink(suggestion: string): HTMLElement {
  const link = h('a', { href: '#', class: 'did-you-mean' }, suggestion);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    setQuery(suggestion);
  });
  return link;
}

/** A typo can still match something weakly: the suggestion shows beside the count too. */
function showSuggestion(message: Extract<ExtensionMessage, { type: 'results' }>): void {
  suggestion.hidden = !message.didYouMean || message.total === 0;
  suggestion.replaceChildren(...(message.didYouMean && message.total > 0 ? ['Did you mean ', didYouMeanLink(message.didYouMean), '?'] : []));
}

function showEmptyState(message: Extract<ExtensionMessage, { type: 'results' }>): void {
  emptyState.hidden = message.total > 0 || message.error !== null;
  if (emptyState.hidden) return;
  const query = view.request.kind === 'search' ? view.request.query.trim() : '';
  const parts: (Node | string)[] = [h('p', { class: 'empty-title' }, query ? `No images match “${query}”.` : view.request.kind === 'similar' ? 'No similar images.' : 'No images indexed yet.')];
  if (message.didYouMean) parts.push(h('p', {}, 'Did you mean ', didYouMeanLink(message.didYouMean), '?'));
  parts.push(h('p', { class: 'placeholder' }, query ? 'Try other words, or remove a filter.' : 'Images appear here as the workspace is indexed.'));
  emptyState.replaceChildren(...parts);
}

function applyView(): void {
  document.body.dataset.background = view.background;
  document.body.classList.toggle('facets-open', view.facetsOpen === true);
  document.body.classList.toggle('facets-closed', view.facetsOpen === false);
  facetsToggle.setAttribute('aria-pressed', String(facetsVisible()));
  sortSelect.value = view.sort;
  groupBox.checked = view.groupByFolder;
  sizeSlider.value = String(view.thumbSize);
  backgroundSelect.value = view.background;
  grid.setThumbSize(view.thumbSize);
}

function facetsVisible(): boolean {
  return getComputedStyle(facetsPane).display !== 'none';
}

function showSavedSearches(): void {
  const current = view.request.kind === 'search' ? view.request.query : null;
  savedSelect.replaceChildren(
    h('option', { value: '' }, savedSearches.length > 0 ? 'Saved searches…' : 'No saved searches'),
    ...savedSearches.map((saved) => h('option', { value: saved.name, title: saved.query }, saved.name)),
  );
  savedSelect.value = savedSearches.find((saved) => saved.query === current)?.name ?? '';
  savedSelect.disabled = savedSearches.length === 0;
  deleteSavedButton.disabled = savedSelect.value === '';
}

function saveState(): void {
  const focused: GalleryItem | undefined = grid.focusedItem;
  view.scrollTop = gridPane.scrollTop;
  view.selected = focused ? { folder: focused.folder, path: focused.path } : null;
  vscode.setState(view);
}

window.addEventListener('message', (event: MessageEvent<ExtensionMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      cloudAvailable = message.cloudAvailable;
      findUsages = message.findUsages;
      document.body.classList.toggle('multi-root', message.folders.length > 1);
      if (detail) showDetail(detail);
      return;
    case 'results':
      if (message.queryId === queryId) showResults(message);
      return;
    case 'page':
      if (message.queryId !== queryId) return;
      grid.addPage(message.offset, message.items);
      return;
    case 'facets':
      facets = message.facets;
      facetNote = message.note;
      showFacets();
      return;
    case 'savedSearches':
      savedSearches = message.searches;
      showSavedSearches();
      return;
    case 'detail': {
      const focused = grid.focusedItem;
      if (grid.selection.size > 1) return;
      if (!focused || (focused.folder === message.detail.folder && focused.path === message.detail.path)) showDetail(message.detail);
      return;
    }
    case 'showSimilar':
      findSimilar(message.folder, message.path);
      return;
    case 'indexChanged':
      run(view.request, true);
      return;
    case 'clipboardImage':
      clipboardRequests.get(message.requestId)?.(message);
      clipboardRequests.delete(message.requestId);
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
    setQuery('');
  }
});
document.addEventListener('keydown', (event) => {
  const typing = event.target instanceof HTMLElement && event.target.closest('input, textarea, select, vscode-textfield');
  if (event.key === '/' && !typing) {
    event.preventDefault();
    searchBox.focus();
    searchBox.select();
  } else if (event.key === 'Escape' && !typing && !menu.isOpen && grid.selection.size > 1) {
    const focused = grid.selection.focus;
    grid.click(focused);
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
sortSelect.addEventListener('change', () => {
  view.sort = sortSelect.value as SortKey;
  run(view.request);
});
groupBox.addEventListener('change', () => {
  view.groupByFolder = groupBox.checked;
  run(view.request);
});
sizeSlider.addEventListener('input', () => {
  view.thumbSize = clampThumbSize(Number(sizeSlider.value));
  grid.setThumbSize(view.thumbSize);
  saveState();
});
backgroundSelect.addEventListener('change', () => {
  view.background = backgroundSelect.value as Background;
  applyView();
  saveState();
});
facetsToggle.addEventListener('click', () => {
  view.facetsOpen = !facetsVisible();
  applyView();
  saveState();
});
new ResizeObserver(() => facetsToggle.setAttribute('aria-pressed', String(facetsVisible()))).observe(document.body);
savedSelect.addEventListener('change', () => {
  const saved = savedSearches.find((candidate) => candidate.name === savedSelect.value);
  if (saved) setQuery(saved.query);
});
saveButton.addEventListener('click', () => vscode.postMessage({ type: 'saveSearch', query: searchBox.value }));
deleteSavedButton.addEventListener('click', () => {
  if (savedSelect.value) vscode.postMessage({ type: 'deleteSearch', name: savedSelect.value });
});

applyView();
if (view.request.kind === 'search') searchBox.value = view.request.query;
if (view.selected) grid.restoreSelection(view.selected.folder, view.selected.path);
vscode.postMessage({ type: 'ready' });
run(view.request);
