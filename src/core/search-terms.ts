// Words of a query as FTS5 sees them, and which of an asset's tags a query matched.

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'with', 'in', 'on', 'for', 'to', 'at', 'by', 'from', 'is', 'some', 'image', 'picture', 'photo', 'icon', 'of']);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Lower-case words of the free text, without stop words, safe to quote in an FTS5 MATCH. */
export function lexicalTerms(text: string): string[] {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word));
  return [...new Set(words)];
}

/** A light English stemmer, enough to see that "cats" matched the tag "cat". */
export function stemWord(word: string): string {
  const w = word.toLowerCase();
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && /(ss|x|z|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

export function matchedTags(tags: readonly string[], queryStems: ReadonlySet<string>, max = 6): string[] {
  const matched: string[] = [];
  for (const tag of tags) {
    const words = tag.toLowerCase().split(/[^\p{L}\p{N}]+/u);
    if (words.some((word) => word && queryStems.has(stemWord(word)))) matched.push(tag);
    if (matched.length >= max) break;
  }
  return matched;
}
