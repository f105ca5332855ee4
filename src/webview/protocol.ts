// The gallery's message protocol, shared by the extension (src/vscode/gallery-panel.ts) and the
// webview (src/webview/main.ts). Messages from the webview are untrusted: parse them with
// parseWebviewMessage before acting on them.
import type { Facets } from '../core/facets.ts';
import type { Section } from './grid-layout.ts';
import { SORT_KEYS, type SortKey } from './view-state.ts';

export type { Section, SortKey };

/** One cell of the grid. */
export interface GalleryItem {
  /** Index of the workspace folder holding the asset. */
  folder: number;
  /** POSIX path relative to that folder. */
  path: string;
  /** Webview URI of the WebP thumbnail. */
  thumb: string;
  /** file: URI of the asset, offered when it is dragged into an editor. */
  file: string;
  /** Tags that matched the query. */
  tags: string[];
}

/** The engine's facet counts, as the panel posts them. */
export type FacetCounts = Facets;

/** Where an image is referenced: a text file of its workspace folder, 1-based line and column. */
export interface Usage {
  file: string;
  line: number;
  column: number;
  /** The path as written there. */
  text: string;
}

export interface AssetDetail {
  folder: number;
  path: string;
  thumb: string;
  file: string;
  width: number | null;
  height: number | null;
  format: string | null;
  /** File size for people, e.g. "12.3 KB". */
  fileSize: string | null;
  caption: string | null;
  palette: string[];
  tags: { text: string; source: string; field: string }[];
  cloud: { state: string; error: string | null };
  /** References to this path, the first MAX_USAGES of `usageCount`. */
  usages: Usage[];
  usageCount: number;
}

export interface SavedSearch {
  name: string;
  query: string;
}

/** Extension -> webview. */
export type ExtensionMessage =
  | { type: 'init'; folders: string[]; cloudAvailable: boolean; findUsages: boolean }
  /**
   * A new result set; the webview then asks for the pages it shows. Sections cover [0, total) in
   * order (folders when grouping, "less related" for weak matches).
   */
  | { type: 'results'; queryId: number; title: string; total: number; sections: Section[]; didYouMean: string | null; warnings: string[]; error: string | null }
  | { type: 'page'; queryId: number; offset: number; items: GalleryItem[] }
  /** Counts of files over the current query's hits; `note` says when copies share one content. */
  | { type: 'facets'; facets: FacetCounts; note: string | null }
  | { type: 'savedSearches'; searches: SavedSearch[] }
  | { type: 'detail'; detail: AssetDetail }
  /** Asks the webview to show the assets most like this one (explorer "Find Similar Assets"). */
  | { type: 'showSimilar'; folder: number; path: string }
  /** The indexes changed (background indexing, tagging): search again, keeping the scroll position. */
  | { type: 'indexChanged' }
  /** The answer to `copyImage`: the image at full size as PNG bytes, or null and why (the webview copies the thumbnail then). */
  | { type: 'clipboardImage'; requestId: number; png: Uint8Array | null; width: number; height: number; error: string | null };

export const ASSET_ACTIONS = ['detail', 'open', 'reveal', 'retag', 'copyPath', 'insert', 'findUsages'] as const;
export type AssetAction = (typeof ASSET_ACTIONS)[number];
/** What can be done to every selected item at once. */
export const BULK_ACTIONS = ['addTags', 'removeTags', 'insert', 'copyPaths', 'retag', 'reveal'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** Webview -> extension. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'search'; queryId: number; query: string; sort: SortKey; group: boolean }
  | { type: 'similar'; queryId: number; folder: number; path: string; group: boolean }
  | { type: 'page'; queryId: number; offset: number; limit: number }
  | { type: AssetAction; folder: number; path: string }
  | { type: 'setTags'; folder: number; path: string; tags: string[] }
  /** "Copy Image": asks for the image at full size, answered by `clipboardImage` with the same requestId. */
  | { type: 'copyImage'; requestId: number; folder: number; path: string }
  /** Items of result set `queryId`, as half-open index ranges. */
  | { type: 'bulk'; queryId: number; ranges: [number, number][]; action: BulkAction; tags: string[] }
  | { type: 'saveSearch'; query: string }
  | { type: 'deleteSearch'; name: string }
  /** Opens a text file of workspace folder `folder` at a usage of an image. */
  | { type: 'openUsage'; folder: number; file: string; line: number; column: number; length: number };

export const MAX_PAGE = 500;
/** Usages listed in the detail pane; the count says how many there are in all. */
export const MAX_USAGES = 100;
const MAX_TEXT = 4096;
const MAX_TAGS = 200;
const MAX_RANGES = 100_000;

/** The message if it is well formed, else null. Checks shapes and bounds, not whether paths are safe. */
export function parseWebviewMessage(data: unknown): WebviewMessage | null {
  if (!isRecord(data) || typeof data.type !== 'string') return null;
  switch (data.type) {
    case 'ready':
      return { type: 'ready' };
    case 'search':
      return isCount(data.queryId) && isText(data.query) && isSortKey(data.sort) && typeof data.group === 'boolean'
        ? { type: 'search', queryId: data.queryId, query: data.query, sort: data.sort, group: data.group }
        : null;
    case 'similar':
      return isCount(data.queryId) && isAssetRef(data) && typeof data.group === 'boolean'
        ? { type: 'similar', queryId: data.queryId, folder: data.folder, path: data.path, group: data.group }
        : null;
    case 'page':
      return isCount(data.queryId) && isCount(data.offset) && isCount(data.limit) && data.limit <= MAX_PAGE
        ? { type: 'page', queryId: data.queryId, offset: data.offset, limit: data.limit }
        : null;
    case 'copyImage':
      return isCount(data.requestId) && isAssetRef(data) ? { type: 'copyImage', requestId: data.requestId, folder: data.folder, path: data.path } : null;
    case 'setTags':
      return isAssetRef(data) && isTagList(data.tags) ? { type: 'setTags', folder: data.folder, path: data.path, tags: data.tags } : null;
    case 'bulk':
      return isCount(data.queryId) && isRanges(data.ranges) && (BULK_ACTIONS as readonly unknown[]).includes(data.action) && isTagList(data.tags)
        ? { type: 'bulk', queryId: data.queryId, ranges: data.ranges, action: data.action as BulkAction, tags: data.tags }
        : null;
    case 'saveSearch':
      return isText(data.query) ? { type: 'saveSearch', query: data.query } : null;
    case 'deleteSearch':
      return isText(data.name) && data.name.length > 0 ? { type: 'deleteSearch', name: data.name } : null;
    case 'openUsage':
      return isCount(data.folder) && isText(data.file) && data.file.length > 0 && isCount(data.line) && data.line > 0 && isCount(data.column) && data.column > 0 && isCount(data.length)
        ? { type: 'openUsage', folder: data.folder, file: data.file, line: data.line, column: data.column, length: data.length }
        : null;
    default:
      return (ASSET_ACTIONS as readonly string[]).includes(data.type) && isAssetRef(data) ? { type: data.type as AssetAction, folder: data.folder, path: data.path } : null;
  }
}

function isSortKey(value: unknown): value is SortKey {
  return (SORT_KEYS as readonly unknown[]).includes(value);
}

function isTagList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= MAX_TAGS && value.every(isText);
}

/** Sorted, non-overlapping, non-empty [start, end) ranges. */
function isRanges(value: unknown): value is [number, number][] {
  if (!Array.isArray(value) || value.length > MAX_RANGES) return false;
  let previousEnd = 0;
  for (const range of value) {
    if (!Array.isArray(range) || range.length !== 2 || !isCount(range[0]) || !isCount(range[1])) return false;
    if (range[0] < previousEnd || range[1] <= range[0]) return false;
    previousEnd = range[1];
  }
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT;
}

function isAssetRef(data: Record<string, unknown>): data is Record<string, unknown> & { folder: number; path: string } {
  return isCount(data.folder) && isText(data.path) && data.path.length > 0;
}
