// The search query language: free text plus filters. Pure (no Node imports): the gallery webview
// bundles it too, so the search box and the engine read a query the same way.
//   ext:svg  in:icons/  color:#3366ff|red  orientation:landscape|portrait|square  w>512  h<100  tag:logo  used:yes|no
import { parseColor, type Rgb } from './palette.ts';

export type Comparison = '>' | '<' | '>=' | '<=' | '=';

export interface QueryFilters {
  extensions: string[];
  folders: string[];
  colors: Rgb[];
  orientation: 'landscape' | 'portrait' | 'square' | null;
  width: { op: Comparison; value: number }[];
  height: { op: Comparison; value: number }[];
  tags: string[];
  /** Referenced from the repository's text files (yes), or not (no); null: either. */
  used: boolean | null;
}

export interface ParsedQuery {
  text: string;
  filters: QueryFilters;
  /** Filter-looking tokens that could not be read, with why (shown to the user, never fatal). */
  warnings: string[];
}

const EXTENSION_ALIASES: Record<string, string[]> = { jpg: ['jpg', 'jpeg'], jpeg: ['jpg', 'jpeg'], tif: ['tif', 'tiff'], tiff: ['tif', 'tiff'] };
const ORIENTATIONS = new Set(['landscape', 'portrait', 'square']);
const SIZE_FILTER = /^(w|h|width|height)(>=|<=|>|<|=|:)(\d+)$/i;
const KEYED_FILTER = /^(ext|in|color|colour|orientation|tag|used):(.+)$/i;
const USED_VALUES: Record<string, boolean> = { yes: true, true: true, no: false, false: false };

/** Splits a query into tokens, keeping quoted phrases and values (`in:"my folder/"`) whole. */
export function queryTokens(query: string): string[] {
  return query.match(/\S+?:"[^"]*"|"[^"]*"|\S+/g) ?? [];
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

export function emptyFilters(): QueryFilters {
  return { extensions: [], folders: [], colors: [], orientation: null, width: [], height: [], tags: [], used: null };
}

export function hasFilters(filters: QueryFilters): boolean {
  return (
    filters.extensions.length > 0 ||
    filters.folders.length > 0 ||
    filters.colors.length > 0 ||
    filters.orientation !== null ||
    filters.width.length > 0 ||
    filters.height.length > 0 ||
    filters.tags.length > 0 ||
    filters.used !== null
  );
}

export function parseQuery(query: string): ParsedQuery {
  const filters = emptyFilters();
  const words: string[] = [];
  const warnings: string[] = [];
  for (const token of queryTokens(query)) {
    const size = SIZE_FILTER.exec(token);
    if (size) {
      const op = (size[2] === ':' ? '=' : size[2]) as Comparison;
      const target = size[1]!.toLowerCase().startsWith('w') ? filters.width : filters.height;
      target.push({ op, value: Number(size[3]) });
      continue;
    }
    const keyed = KEYED_FILTER.exec(token);
    if (!keyed) {
      words.push(unquote(token));
      continue;
    }
    const key = keyed[1]!.toLowerCase();
    const value = unquote(keyed[2]!);
    switch (key) {
      case 'ext':
        for (const ext of value.toLowerCase().split(',')) {
          const clean = ext.replace(/^\./, '');
          if (clean) filters.extensions.push(...(EXTENSION_ALIASES[clean] ?? [clean]));
        }
        break;
      case 'in':
        filters.folders.push(value.replace(/^\.?\/+/, '').replace(/\/+$/, ''));
        break;
      case 'color':
      case 'colour': {
        const color = parseColor(value);
        if (color) filters.colors.push(color);
        else warnings.push(`unknown colour "${value}" (use #rrggbb or a name like red, blue, green)`);
        break;
      }
      case 'orientation':
        if (ORIENTATIONS.has(value.toLowerCase())) filters.orientation = value.toLowerCase() as QueryFilters['orientation'];
        else warnings.push(`unknown orientation "${value}" (use landscape, portrait or square)`);
        break;
      case 'tag':
        filters.tags.push(value.toLowerCase());
        break;
      case 'used': {
        const used = USED_VALUES[value.toLowerCase()];
        if (used === undefined) warnings.push(`unknown used: value "${value}" (use yes or no)`);
        else filters.used = used;
        break;
      }
    }
  }
  filters.extensions = [...new Set(filters.extensions)];
  return { text: words.join(' ').trim(), filters, warnings };
}
