// What the free text of a query asks for, before it is matched: words that name any asset ("icon",
// "clipart") say nothing about which one; "a, b or c" asks for each of a, b and c; colour words ask
// about the pixels as much as the tags.
import { NAMED_COLORS } from './palette.ts';
import { searchWords } from './words.ts';
import { isStopWord } from './search-terms.ts';

/**
 * Words that fit every asset in a library of pictures. Soft stop-words: dropped when the query says
 * anything else ("weather icons" → "weather"), kept when they are all it says ("icon").
 */
const GENERIC_ASSET_WORDS = new Set([
  'icon', 'icons', 'image', 'images', 'picture', 'pictures', 'pic', 'pics', 'illustration', 'illustrations',
  'clipart', 'cliparts', 'vector', 'vectors', 'graphic', 'graphics', 'drawing', 'drawings', 'artwork', 'artworks',
]);

/** Separators of a list of examples: commas, slashes, "or", "and". */
const LIST_SEPARATOR = /\s*(?:[,;/|]|\bor\b|\band\b|&)\s*/i;
const MAX_LIST_PARTS = 4;

export interface QueryText {
  /** The text to match, without generic asset words when anything else is left. */
  text: string;
  /** The members of a list query ("lion, tiger or bear" → three), else empty. */
  parts: string[];
  /** Colour names the text uses ("red car" → red). */
  colors: string[];
}

/** The text without generic asset words (separators kept, for the list split), or '' when only stop words would be left. */
function withoutGenericWords(text: string): string {
  const kept = text.replace(/[\p{L}\p{N}]+/gu, (word) => (GENERIC_ASSET_WORDS.has(word.toLowerCase()) ? '' : word));
  return searchWords(kept).some((word) => !isStopWord(word)) ? kept.replace(/\s+/g, ' ').trim() : '';
}

export function understandQueryText(raw: string): QueryText {
  const text = withoutGenericWords(raw) || raw.trim();
  const parts = text
    .split(LIST_SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => searchWords(part).length > 0);
  const colors = [...new Set(searchWords(text).filter((word) => word in NAMED_COLORS).map((word) => (word === 'grey' ? 'gray' : word)))];
  return { text, parts: parts.length > 1 ? parts.slice(0, MAX_LIST_PARTS) : [], colors };
}
