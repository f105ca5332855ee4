// Saved searches (.vscode/asset-lens/searches.json), committed so a team shares them: a JSON array,
// one search a line, sorted by name, so diffs stay one line per change. Each line is read on its own,
// so a merge that kept both sides' lines (or left conflict markers) loses nothing readable.
import { readUntrustedBytes, writeStateFileAtomic, checkStateFile } from './safe-fs.ts';

export const SEARCHES_FILE_NAME = 'searches.json';
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_NAME_LENGTH = 100;
const MAX_QUERY_LENGTH = 1000;

export interface SavedSearch {
  name: string;
  query: string;
}

export interface SavedSearches {
  searches: SavedSearch[];
  /** "<file>:<line>: <reason>" for each line that could not be read. */
  problems: string[];
}

function checked(name: unknown, query: unknown): SavedSearch {
  if (typeof name !== 'string' || !name.trim()) throw new Error('a saved search needs a name');
  if (typeof query !== 'string') throw new Error(`saved search "${name}" has no query`);
  if (name.trim().length > MAX_NAME_LENGTH) throw new Error(`saved search name is longer than ${MAX_NAME_LENGTH} characters`);
  if (query.length > MAX_QUERY_LENGTH) throw new Error(`saved search "${name}": the query is longer than ${MAX_QUERY_LENGTH} characters`);
  return { name: name.trim(), query: query.trim() };
}

const byName = (a: SavedSearch, b: SavedSearch) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Reads what it can; throws only when the file cannot be used at all (a link, a FIFO, over 1 MB). */
export async function readSavedSearches(path: string): Promise<SavedSearches> {
  const text = (await readUntrustedBytes(path, MAX_FILE_BYTES, 'the saved searches file'))?.toString('utf8');
  const found = new Map<string, SavedSearch>();
  const problems: string[] = [];
  (text ?? '').split('\n').forEach((raw, index) => {
    const line = raw.trim().replace(/,$/, '');
    if (!line.startsWith('{')) return;
    try {
      const value = JSON.parse(line) as { name?: unknown; query?: unknown };
      const search = checked(value.name, value.query);
      found.set(search.name, search);
    } catch (error) {
      problems.push(`${path}:${index + 1}: ${error instanceof SyntaxError ? 'not valid JSON' : (error as Error).message}`);
    }
  });
  return { searches: [...found.values()].sort(byName), problems };
}

export function formatSavedSearches(searches: readonly SavedSearch[]): string {
  if (searches.length === 0) return '[]\n';
  const lines = [...searches].sort(byName).map((s) => `  ${JSON.stringify({ name: s.name, query: s.query })}`);
  return `[\n${lines.join(',\n')}\n]\n`;
}

/** Adds or replaces the search with this name; returns the list as saved. */
export async function saveSearch(path: string, name: string, query: string): Promise<SavedSearch[]> {
  const search = checked(name, query);
  const searches = (await readSavedSearches(path)).searches.filter((s) => s.name !== search.name);
  searches.push(search);
  writeSavedSearches(path, searches);
  return searches.sort(byName);
}

/** Whether a search with this name was there to delete. */
export async function deleteSearch(path: string, name: string): Promise<boolean> {
  const { searches } = await readSavedSearches(path);
  const kept = searches.filter((s) => s.name !== name.trim());
  if (kept.length === searches.length) return false;
  writeSavedSearches(path, kept);
  return true;
}

/** Replaced whole through an exclusive temporary file; a planted link or hard link is refused, never written through. */
function writeSavedSearches(path: string, searches: readonly SavedSearch[]): void {
  checkStateFile(path);
  writeStateFileAtomic(path, formatSavedSearches(searches));
}
