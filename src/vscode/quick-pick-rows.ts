// What the search quick pick lists in each state, as data (the vscode items are made in
// quick-pick.ts): hits with weak ones set apart, "no results", "did you mean", indexing progress,
// saved searches.
import { describeActivity, type IndexActivityState } from './activity-state.ts';

export interface SavedQuery {
  name: string;
  query: string;
}

export type PickRow<H> =
  | { kind: 'hit'; hit: H }
  | { kind: 'separator'; label: string }
  | { kind: 'message'; label: string; detail?: string }
  | { kind: 'didYouMean'; query: string }
  | { kind: 'saved'; saved: SavedQuery };

export interface PickState<H> {
  query: string;
  hits: readonly H[];
  didYouMean: string | null;
  indexing: IndexActivityState | undefined;
  saved: readonly SavedQuery[];
}

export const LESS_RELATED = 'less related';

export function pickRows<H extends { path: string; lessRelated?: boolean }>(state: PickState<H>): PickRow<H>[] {
  const rows: PickRow<H>[] = [];
  const query = state.query.trim();
  if (!query) {
    if (state.indexing) rows.push({ kind: 'message', label: `$(sync~spin) ${describeActivity(state.indexing)}`, detail: 'Type to search; results appear as images are indexed.' });
    if (state.saved.length > 0) {
      rows.push({ kind: 'separator', label: 'saved searches' });
      for (const saved of state.saved) rows.push({ kind: 'saved', saved });
    }
    return rows;
  }
  if (state.didYouMean && state.didYouMean !== query) rows.push({ kind: 'didYouMean', query: state.didYouMean });
  if (state.hits.length === 0) {
    rows.push(
      state.indexing
        ? { kind: 'message', label: `$(sync~spin) ${describeActivity(state.indexing)} — results will appear`, detail: 'The search runs again as each batch of images is indexed.' }
        : { kind: 'message', label: `No images match “${query}”`, detail: 'Try other words, fewer filters, or Asset Lens: Open Gallery to browse.' },
    );
    return rows;
  }
  let separated = false;
  for (const hit of state.hits) {
    if (hit.lessRelated && !separated) {
      rows.push({ kind: 'separator', label: LESS_RELATED });
      separated = true;
    }
    rows.push({ kind: 'hit', hit });
  }
  return rows;
}

/**
 * A hit's label: its path with a zero-width space between characters. VS Code sorts the items whose
 * labels match the typed text ahead of the rest, alphabetically ("tile" would put tile-1.png above the
 * engine's best hit, tile-2.png); turning that off (`sortByLabel`) is still a proposed API
 * (microsoft/vscode#73904). A label the text can never match keeps the engine's order.
 */
export function hitLabel(path: string): string {
  return [...path].join('\u200b');
}
