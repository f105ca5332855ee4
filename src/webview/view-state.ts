// What the gallery remembers across reloads and hiding (vscode.setState): the query or the
// "find similar" request, scroll position, selection and the view options. Anything unreadable
// falls back to the default, field by field, so a state saved by an older version still loads.

export type SortKey = 'relevance' | 'name' | 'modified' | 'size';
export type Background = 'checker' | 'light' | 'dark';
export type Request = { kind: 'search'; query: string } | { kind: 'similar'; folder: number; path: string };

export const SORT_KEYS: readonly SortKey[] = ['relevance', 'name', 'modified', 'size'];
export const BACKGROUNDS: readonly Background[] = ['checker', 'light', 'dark'];
export const THUMB_SIZES = { min: 64, max: 256, default: 116 } as const;

export interface ViewState {
  request: Request;
  scrollTop: number;
  selected: { folder: number; path: string } | null;
  sort: SortKey;
  groupByFolder: boolean;
  thumbSize: number;
  background: Background;
  /** null: shown when the panel is wide enough. */
  facetsOpen: boolean | null;
}

export const DEFAULT_VIEW_STATE: ViewState = {
  request: { kind: 'search', query: '' },
  scrollTop: 0,
  selected: null,
  sort: 'relevance',
  groupByFolder: false,
  thumbSize: THUMB_SIZES.default,
  background: 'checker',
  facetsOpen: null,
};

export function restoreViewState(saved: unknown): ViewState {
  if (typeof saved !== 'object' || saved === null) return { ...DEFAULT_VIEW_STATE };
  const s = saved as Record<string, unknown>;
  const d = DEFAULT_VIEW_STATE;
  return {
    request: readRequest(s.request) ?? (typeof s.query === 'string' ? { kind: 'search', query: s.query } : d.request),
    scrollTop: typeof s.scrollTop === 'number' && s.scrollTop >= 0 ? s.scrollTop : 0,
    selected: readRef(s.selected),
    sort: SORT_KEYS.includes(s.sort as SortKey) ? (s.sort as SortKey) : d.sort,
    groupByFolder: typeof s.groupByFolder === 'boolean' ? s.groupByFolder : d.groupByFolder,
    thumbSize: clampThumbSize(s.thumbSize),
    background: BACKGROUNDS.includes(s.background as Background) ? (s.background as Background) : d.background,
    facetsOpen: typeof s.facetsOpen === 'boolean' ? s.facetsOpen : null,
  };
}

export function clampThumbSize(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return THUMB_SIZES.default;
  return Math.round(Math.min(THUMB_SIZES.max, Math.max(THUMB_SIZES.min, value)));
}

function readRef(value: unknown): { folder: number; path: string } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { folder, path } = value as Record<string, unknown>;
  return Number.isSafeInteger(folder) && (folder as number) >= 0 && typeof path === 'string' && path ? { folder: folder as number, path } : null;
}

function readRequest(value: unknown): Request | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  if (r.kind === 'search' && typeof r.query === 'string') return { kind: 'search', query: r.query };
  const ref = r.kind === 'similar' ? readRef(r) : null;
  return ref ? { kind: 'similar', ...ref } : null;
}
