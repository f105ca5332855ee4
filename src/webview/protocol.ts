// The gallery's message protocol, shared by the extension (src/vscode/gallery-panel.ts) and the
// webview (src/webview/main.ts). Messages from the webview are untrusted: parse them with
// parseWebviewMessage before acting on them.

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

export interface FacetCounts {
  folders: Record<string, number>;
  formats: Record<string, number>;
  orientations: Record<string, number>;
  sources: Record<string, number>;
  colors: Record<string, number>;
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
}

/** Extension -> webview. */
export type ExtensionMessage =
  | { type: 'init'; folders: string[]; cloudAvailable: boolean }
  /** A new result set; the webview then asks for the pages it shows. */
  | { type: 'results'; queryId: number; title: string; total: number; warnings: string[]; error: string | null }
  | { type: 'page'; queryId: number; offset: number; items: GalleryItem[] }
  | { type: 'facets'; facets: FacetCounts }
  | { type: 'detail'; detail: AssetDetail }
  /** Asks the webview to show the assets most like this one (explorer "Find Similar Assets"). */
  | { type: 'showSimilar'; folder: number; path: string }
  /** The indexes changed (background indexing, tagging): search again, keeping the scroll position. */
  | { type: 'indexChanged' };

export type AssetAction = 'detail' | 'open' | 'reveal' | 'retag';

/** Webview -> extension. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'search'; queryId: number; query: string }
  | { type: 'similar'; queryId: number; folder: number; path: string }
  | { type: 'page'; queryId: number; offset: number; limit: number }
  | { type: AssetAction; folder: number; path: string }
  | { type: 'setTags'; folder: number; path: string; tags: string[] };

export const MAX_PAGE = 500;
const MAX_TEXT = 4096;
const MAX_TAGS = 200;

/** The message if it is well formed, else null. Checks shapes and bounds, not whether paths are safe. */
export function parseWebviewMessage(data: unknown): WebviewMessage | null {
  if (!isRecord(data) || typeof data.type !== 'string') return null;
  switch (data.type) {
    case 'ready':
      return { type: 'ready' };
    case 'search':
      return isCount(data.queryId) && isText(data.query) ? { type: 'search', queryId: data.queryId, query: data.query } : null;
    case 'similar':
      return isCount(data.queryId) && isAssetRef(data)
        ? { type: 'similar', queryId: data.queryId, folder: data.folder, path: data.path }
        : null;
    case 'page':
      return isCount(data.queryId) && isCount(data.offset) && isCount(data.limit) && data.limit <= MAX_PAGE
        ? { type: 'page', queryId: data.queryId, offset: data.offset, limit: data.limit }
        : null;
    case 'detail':
    case 'open':
    case 'reveal':
    case 'retag':
      return isAssetRef(data) ? { type: data.type, folder: data.folder, path: data.path } : null;
    case 'setTags':
      return isAssetRef(data) && Array.isArray(data.tags) && data.tags.length <= MAX_TAGS && data.tags.every(isText)
        ? { type: 'setTags', folder: data.folder, path: data.path, tags: data.tags }
        : null;
    default:
      return null;
  }
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
