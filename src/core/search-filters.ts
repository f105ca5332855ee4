// Query filters compiled to SQL over `assets a`, so filtering happens inside SQLite, not after fetching.
import type { Database } from './store.ts';
import { colorDistance, NAMED_COLORS, parseHex, type Rgb } from './palette.ts';
import type { QueryFilters } from './query.ts';

/** How close (redmean distance) a palette colour must be to count as a `color:` match. */
export const COLOR_MATCH_DISTANCE = 150;

export function paletteMatches(palette: readonly string[], target: Rgb): boolean {
  return palette.some((hex) => {
    const color = parseHex(hex);
    return color !== null && colorDistance(color, target) <= COLOR_MATCH_DISTANCE;
  });
}

/** The colour names whose `color:` filter this palette passes (grey is spelt gray). */
export function colorNamesOf(palette: readonly string[]): string[] {
  return Object.entries(NAMED_COLORS)
    .filter(([name, rgb]) => name !== 'grey' && paletteMatches(palette, rgb))
    .map(([name]) => name);
}

export function registerSqlFunctions(db: Database): void {
  db.function('al_color_near', { deterministic: true }, (palette: unknown, r: unknown, g: unknown, b: unknown) =>
    paletteMatches(JSON.parse(String(palette)) as string[], [Number(r), Number(g), Number(b)]) ? 1 : 0,
  );
}

export interface CompiledFilter {
  /** Boolean SQL over `a` (assets); 1 when there are no filters. */
  where: string;
  /** Boolean SQL over `f` (files) choosing which of an asset's paths to show. */
  fileWhere: string;
  params: unknown[];
  fileParams: unknown[];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}

export function compileFilters(filters: QueryFilters): CompiledFilter {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const fileClauses: string[] = [];
  const fileParams: unknown[] = [];
  if (filters.extensions.length > 0) {
    fileClauses.push(`(${filters.extensions.map(() => "lower(f.path) LIKE ? ESCAPE '\\'").join(' OR ')})`);
    fileParams.push(...filters.extensions.map((ext) => `%.${escapeLike(ext)}`));
  }
  for (const folder of filters.folders) {
    fileClauses.push("(f.path LIKE ? ESCAPE '\\')");
    fileParams.push(folder ? `${escapeLike(folder)}/%` : '%');
  }
  if (fileClauses.length > 0) {
    clauses.push(`EXISTS (SELECT 1 FROM files f WHERE f.asset_id = a.id AND ${fileClauses.join(' AND ')})`);
    params.push(...fileParams);
  }
  for (const [r, g, b] of filters.colors) {
    clauses.push('al_color_near(a.palette, ?, ?, ?) = 1');
    params.push(r, g, b);
  }
  if (filters.orientation) {
    clauses.push('a.orientation = ?');
    params.push(filters.orientation);
  }
  for (const { op, value } of filters.width) {
    clauses.push(`a.width ${op} ?`);
    params.push(value);
  }
  for (const { op, value } of filters.height) {
    clauses.push(`a.height ${op} ?`);
    params.push(value);
  }
  for (const tag of filters.tags) {
    clauses.push("EXISTS (SELECT 1 FROM tags t WHERE t.asset_id = a.id AND (lower(t.text) = ? OR lower(t.text) LIKE ? ESCAPE '\\' OR lower(t.text) LIKE ? ESCAPE '\\'))");
    params.push(tag, `${escapeLike(tag)} %`, `% ${escapeLike(tag)}`);
  }
  return {
    where: clauses.length > 0 ? clauses.join(' AND ') : '1',
    fileWhere: fileClauses.length > 0 ? fileClauses.join(' AND ') : '1',
    params,
    fileParams,
  };
}
