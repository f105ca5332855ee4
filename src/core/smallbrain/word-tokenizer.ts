// Text -> vocabulary ids for the word-sif model: words from camelCase, digits and separators; OOV words
// fall back to a base form (cats -> cat, boxes -> box, running -> run) when that one is known.
import { nameWords } from '../words.ts';

const VOWEL = /[aeiouy]/;

/** Candidate base forms of an inflected English word, most likely first. */
export function baseFormCandidates(word: string): string[] {
  const candidates: string[] = [];
  const add = (stem: string): void => {
    if (stem.length >= 2 && VOWEL.test(stem) && !candidates.includes(stem)) candidates.push(stem);
  };
  const addVerbStem = (stem: string): void => {
    // running -> run, stopped -> stop; making -> make, coded -> code (consonant-vowel-consonant end); jumping -> jump
    const last = stem.at(-1);
    if (stem.length >= 3 && last === stem.at(-2) && last !== undefined && !'lsz'.includes(last)) add(stem.slice(0, -1));
    if (/[^aeiou][aeiou][^aeiouwxy]$/.test(stem)) add(`${stem}e`);
    add(stem);
    add(`${stem}e`);
  };
  if (word.endsWith('ies')) add(`${word.slice(0, -3)}y`);
  if (/(?:s|x|z|ch|sh|o)es$/.test(word)) add(word.slice(0, -2));
  if (word.endsWith('ves')) {
    add(`${word.slice(0, -3)}f`);
    add(`${word.slice(0, -3)}fe`);
  }
  if (word.endsWith('s') && !word.endsWith('ss')) add(word.slice(0, -1));
  if (word.endsWith('ied')) add(`${word.slice(0, -3)}y`);
  if (word.endsWith('ing')) addVerbStem(word.slice(0, -3));
  if (word.endsWith('ed')) addVerbStem(word.slice(0, -2));
  if (word.endsWith('ily')) add(`${word.slice(0, -3)}y`);
  if (word.endsWith('ly')) add(word.slice(0, -2));
  if (word.endsWith('est')) addVerbStem(word.slice(0, -3));
  if (word.endsWith('er')) addVerbStem(word.slice(0, -2));
  return candidates;
}

/** Part of the embedder's name: changing how text becomes ids changes every vector, so indexes re-embed. */
export const TOKENIZER_REVISION = 'tok2';

/** Compound splitting only joins common words ("musicstuff" → music + stuff), not rare names. */
const COMPOUND_PART_MAX_RANK = 20_000;
const COMPOUND_PART_MIN_LENGTH = 3;

export class WordTokenizer {
  readonly #ids: Map<string, number>;

  /** `vocabulary[i]` gets id i + 1; id 0 is padding. */
  constructor(vocabulary: readonly string[]) {
    this.#ids = new Map(vocabulary.map((word, index) => [word, index + 1]));
  }

  get size(): number {
    return this.#ids.size;
  }

  /** The id of a lowercase word or of its first known base form. */
  wordId(word: string): number | undefined {
    const id = this.#ids.get(word);
    if (id !== undefined) return id;
    for (const candidate of baseFormCandidates(word)) {
      const baseId = this.#ids.get(candidate);
      if (baseId !== undefined) return baseId;
    }
    return undefined;
  }

  /** An unknown word written as two common words run together, split where both halves are most common. */
  compoundIds(word: string): [number, number] | undefined {
    let best: [number, number] | undefined;
    for (let cut = COMPOUND_PART_MIN_LENGTH; cut <= word.length - COMPOUND_PART_MIN_LENGTH; cut++) {
      const left = this.#ids.get(word.slice(0, cut));
      const right = this.#ids.get(word.slice(cut));
      if (left === undefined || right === undefined || left > COMPOUND_PART_MAX_RANK || right > COMPOUND_PART_MAX_RANK) continue;
      if (!best || Math.max(left, right) < Math.max(best[0], best[1])) best = [left, right];
    }
    return best;
  }

  /** Ids of the known words of `text`, in order; unknown words are split if compound, else dropped. */
  encode(text: string): number[] {
    const ids: number[] = [];
    for (const word of nameWords(text)) {
      const id = this.wordId(word);
      if (id !== undefined) ids.push(id);
      else ids.push(...(this.compoundIds(word) ?? []));
    }
    return ids;
  }
}
