// One way to split and stem words, shared by path tags, SmallBrain's tokenizer, search terms and the
// tags a hit shows as matched. Two splits, for two kinds of text:
// - `nameWords` reads names as people write them (camelCase, digits, separators: "redSportsCar_02" →
//   red sports car 02): file and folder names, and the text the embedder sees;
// - `searchWords` splits as FTS5's unicode61 tokenizer does (runs of letters and digits, lower case):
//   what BM25 matches.
// `stem` is the Porter stemmer FTS5's `porter` tokenizer applies, so a tag shown as matched is one BM25 matched.
import { stemmer } from 'stemmer';

/** "redSportsCar_02.png" → ["red", "sports", "car", "02", "png"]; "HTMLParser" → ["html", "parser"]. */
export function nameWords(text: string): string[] {
  const words = text.normalize('NFC').match(/\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})|\p{Lo}+|\p{N}+/gu) ?? [];
  return words.map((word) => word.toLowerCase());
}

/** Lower-case runs of letters and digits, as FTS5 indexes them. */
export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Stems already computed: a search stems the words of every tag it shows, and tags repeat. */
const stems = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/** The Porter stem of a word as FTS5 stores it: lower case, accents removed ("Cafés" → "cafe"). */
export function stem(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
    const folded = word.toLowerCase();
    stemmed = stemmer(/[^\x00-\x7f]/.test(folded) ? folded.normalize('NFD').replace(/\p{M}/gu, '') : folded);
    stems.set(word, stemmed);
  }
  return stemmed;
}
