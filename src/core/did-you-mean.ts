// "Did you mean": a query's words that the index has never seen, replaced by the closest words it
// holds (edit distance over the FTS5 vocabulary), so "chrstmas tre" becomes "christmas tree".
import type { Database } from './store/database.ts';
import { ftsMatchCount, textsHoldingTerm, vocabularyTerms } from './store/vocabulary.ts';
import { isStopWord, lexicalTerms } from './search-terms.ts';
import { searchWords, stem } from './words.ts';

/** Levenshtein distance, or `max + 1` as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** Typos allowed: one in a short word, two in a middling one, three in a long one. */
export function allowedEdits(word: string): number {
  return word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
}

function sharedPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** The vocabulary term closest to an unknown word: fewest edits, then longest shared start, then most assets. */
function closestTerm(word: string, terms: readonly { term: string; assets: number }[]): string | null {
  const max = allowedEdits(word);
  const stemmed = stem(word);
  let best: { term: string; distance: number; prefix: number; assets: number } | null = null;
  for (const { term, assets } of terms) {
    if (isStopWord(term)) continue;
    const distance = Math.min(editDistance(word, term, max), editDistance(stemmed, term, max));
    if (distance > max) continue;
    const prefix = sharedPrefix(word, term);
    if (!best || distance < best.distance || (distance === best.distance && (prefix > best.prefix || (prefix === best.prefix && assets > best.assets)))) {
      best = { term, distance, prefix, assets };
    }
  }
  return best?.term ?? null;
}

/** FTS5 stores stems ("christma"); the word as the index's own texts spell it, closest to what was typed. */
function wordAsWritten(db: Database, term: string, typed: string): string {
  const start = term.slice(0, Math.max(1, term.length - 1));
  let best: { word: string; distance: number } | null = null;
  for (const text of textsHoldingTerm(db, term)) {
    for (const word of searchWords(text)) {
      if (!word.startsWith(start) || word.length > term.length + 4) continue;
      const distance = editDistance(typed, word, 99);
      if (!best || distance < best.distance || (distance === best.distance && word.length < best.word.length)) best = { word, distance };
    }
  }
  return best?.word ?? term;
}

/**
 * The query with each word the index does not hold replaced by its closest indexed word, or null
 * when no word needed (or found) a correction. Filters and known words are kept as typed.
 */
export function suggestQuery(db: Database, query: string, text: string): string | null {
  const unknown = lexicalTerms(text).filter((word) => /^\p{L}+$/u.test(word) && ftsMatchCount(db, `"${word}"`) === 0);
  if (unknown.length === 0) return null;
  const longest = Math.max(...unknown.map((word) => word.length));
  const terms = vocabularyTerms(db, 2, longest + 3);
  const corrections = new Map<string, string>();
  for (const word of unknown) {
    const term = closestTerm(word, terms);
    if (term) corrections.set(word, wordAsWritten(db, term, word));
  }
  if (corrections.size === 0) return null;
  const fix = (token: string) => (/[:<>=]/.test(token) ? token : token.replace(/[\p{L}\p{N}]+/gu, (word) => corrections.get(word.toLowerCase()) ?? word));
  return query.split(/(\s+)/).map(fix).join('');
}
