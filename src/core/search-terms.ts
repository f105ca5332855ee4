// Words of a query as FTS5 sees them, and which of an asset's tags a query matched.
import { searchWords, stem } from './words.ts';

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'with', 'in', 'on', 'for', 'to', 'at', 'by', 'from', 'is', 'some', 'image', 'picture', 'photo', 'icon', 'of']);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Lower-case words of the free text, without stop words, safe to quote in an FTS5 MATCH. */
export function lexicalTerms(text: string): string[] {
  const words = searchWords(text).filter((word) => word.length > 1 && !STOP_WORDS.has(word));
  return [...new Set(words)];
}

/** Tags sharing a stem with the query (`queryStems`: `stem` of each lexical term), as BM25 matched them. */
export function matchedTags(tags: readonly string[], queryStems: ReadonlySet<string>, max = 6): string[] {
  const matched: string[] = [];
  for (const tag of tags) {
    if (searchWords(tag).some((word) => queryStems.has(stem(word)))) matched.push(tag);
    if (matched.length >= max) break;
  }
  return matched;
}
