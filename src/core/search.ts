// Search: semantic (nearest SmallBrain vectors, see vector-index.ts), lexical (FTS5 BM25) and hybrid
// (reciprocal-rank fusion of both), with the query's filters applied inside SQL. Weak tail matches are
// marked less related and listed after the others.
import type { Embedder, RankedHit, SearchHit, SearchMode, SearchOptions, SearchSort } from './types.ts';
import type { Store } from './store/index.ts';
import { allAssetsPassing, assetsPassing, browseAssets, compileFilters, hitFiles, matchWords, NO_FILTER, type CompiledFilter, type HitFile } from './store/search.ts';
import { hasFilters, parseQuery, type ParsedQuery } from './query.ts';
import { lexicalTerms, matchedTags } from './search-terms.ts';
import { stem } from './words.ts';
import { dot, MIN_RERANK } from './vector-index.ts';
import { suggestQuery } from './did-you-mean.ts';
import { understandQueryText, type QueryText } from './query-text.ts';
import { assetsMatching, colorsOf, matchesMoreThan } from './store/ranking.ts';
import { NAMED_COLORS, paletteMatches } from './palette.ts';

export type { RankedHit, SearchOptions };

export interface RankedResult {
  hits: RankedHit[];
  warnings: string[];
  didYouMean: string | null;
}

export interface SearchResult {
  hits: SearchHit[];
  warnings: string[];
  /** A corrected query from the index's own words, when this one found nothing or only weak matches. */
  didYouMean: string | null;
}

/** BM25 weights of the FTS columns: title, keywords, description, path, cloud, user. */
const COLUMN_WEIGHTS = [6, 4, 1, 2, 3, 6];
/**
 * Reciprocal-rank fusion with the usual k = 60. The semantic list weighs 1.5: chosen on the tuning half
 * of the description queries (bench/relevance.ts), where it beat 1 by 0.03 P@10 on both index shapes
 * and left category queries as they were.
 */
const RRF_K = 60;
const SEMANTIC_WEIGHT = 1.5;
const LEXICAL_WEIGHT = 1;
/** Extra fused score, as much as a first place in a list: for matching every query word, for the colour a query names. */
const COMPLETE_BONUS = 1;
const COLOR_BONUS = 1;
/** Lexical matches need this share of the best BM25: a rare word in a long description is not a match. */
const LEXICAL_RELATIVE_MIN = 0.3;
/** In a list query, what the whole query's own nearest list adds to its members' (orders within a place). */
const WHOLE_QUERY_SHARE = 0.5;
/** Semantic matches need this cosine to the query, and this share of the best match's. */
const SEMANTIC_MIN_SCORE = 0.2;
const SEMANTIC_RELATIVE_MIN = 0.5;
/**
 * A hit is a strong match when its BM25 reaches this share of the best BM25, or its cosine reaches
 * both this value and this share of the best cosine; every other hit is less related. Listing the less
 * related after the rest moved the relevance set's hybrid P@10 by at most 0.01 at these values
 * (0.45 and 0.8 cost 0.03 on the description queries).
 */
const LEXICAL_STRONG_SHARE = 0.4;
const SEMANTIC_STRONG_MIN = 0.4;
const SEMANTIC_STRONG_SHARE = 0.7;
/**
 * In hybrid search, a word held by more assets than `commonWordBar` is not ranked by BM25: FTS5 scores
 * every match before it can sort (~250 ms for a word 270k of 1M assets hold), and a word in a fifth of
 * the collection says little about any one asset (its BM25 weight is under ln 4). The other query words
 * are ranked without it; when every word is that common, the nearest in meaning that hold one of them
 * make the lexical list. Every-word matches still count. With filters, each match also costs a filter
 * check (~3 µs, more than its BM25), so the bar is the lowest one.
 */
const COMMON_WORD_ASSETS = 20_000;
const COMMON_WORD_SHARE = 0.2;
const COMMON_WORD_MIN_ASSETS = 5_000;

function commonWordBar(assets: number, filtered: boolean): number {
  return filtered ? COMMON_WORD_MIN_ASSETS : Math.max(COMMON_WORD_MIN_ASSETS, Math.min(COMMON_WORD_ASSETS, Math.floor(assets * COMMON_WORD_SHARE)));
}

/** Candidates taken from each list before fusion. */
const MIN_POOL = 100;
const MAX_POOL = 2000;
/** Tags of a hit compared with the query in meaning, and how close they must be to be shown. */
const TAGS_COMPARED_PER_HIT = 12;
const TAG_MEANING_THRESHOLD = 0.5;

interface Ranked {
  id: number;
  score: number;
}

interface Candidate extends Ranked {
  lessRelated: boolean;
}

interface Candidates {
  parsed: ParsedQuery;
  filter: CompiledFilter;
  candidates: Candidate[];
  /** The query text's embedding, when it has text the model knows (kept for the page's tags). */
  queryVector: Float32Array | null;
}

export class Searcher {
  private readonly store: Store;
  private readonly embedder: Embedder;

  constructor(store: Store, embedder: Embedder) {
    this.store = store;
    this.embedder = embedder;
  }

  /** A page (`offset`, `limit`) of the query's hits: the ranked list up to the page's end, with tags for the page only. */
  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const limit = Math.max(1, options.limit ?? 20);
    const offset = Math.max(0, options.offset ?? 0);
    const ranked = await this.ranked(query, { ...options, limit: offset + limit });
    const hits = await this.withTags(query, ranked.hits.slice(offset), ranked.queryVector);
    return { hits, warnings: ranked.warnings, didYouMean: offset === 0 ? ranked.didYouMean : null };
  }

  /**
   * The query's first `limit` hits in `sort` order, without their matched tags: cheap enough to count,
   * order and group a whole result. `hydrate` adds the tags to the page on show.
   */
  async rank(query: string, options: Omit<SearchOptions, 'offset'> = {}): Promise<RankedResult> {
    const { hits, warnings, didYouMean } = await this.ranked(query, options);
    return { hits: hits.map(({ hit }) => hit), warnings, didYouMean };
  }

  /** These hits of the query (from `rank`) with the tags that match it, lexically or else nearest in meaning. */
  async hydrate(query: string, hits: readonly RankedHit[]): Promise<SearchHit[]> {
    const ids = this.store.assetIdsByHash(hits.map((hit) => hit.hash));
    return this.withTags(query, hits.map((hit) => ({ id: ids.get(hit.hash) ?? -1, hit })));
  }

  private async ranked(query: string, options: Omit<SearchOptions, 'offset'>): Promise<{ hits: { id: number; hit: RankedHit }[]; warnings: string[]; didYouMean: string | null; queryVector: Float32Array | null }> {
    const limit = Math.max(1, options.limit ?? 20);
    const sort = options.sort ?? 'relevance';
    const pool = sort === 'relevance' ? Math.min(MAX_POOL, Math.max(MIN_POOL, limit * 3)) : MAX_POOL;
    const { parsed, filter, candidates, queryVector } = await this.candidates(query, options.mode ?? 'hybrid', pool, sort, limit);
    const inOrder = sort === 'relevance' || !parsed.text;
    const head = inOrder ? candidates.slice(0, limit) : candidates;
    const files = hitFiles(this.store.db, head.map((c) => c.id), filter);
    const ordered = inOrder ? head.filter((c) => files.has(c.id)) : sortCandidates(candidates, files, sort).slice(0, limit);
    const didYouMean = parsed.text && candidates.every((c) => c.lessRelated) ? suggestQuery(this.store.db, query, parsed.text) : null;
    const hits = ordered.map((c) => ({ id: c.id, hit: toRankedHit(files.get(c.id)!, c.score, c.lessRelated) }));
    return { hits, warnings: parsed.warnings, didYouMean, queryVector };
  }

  /** `queryVector`: the query's embedding when the ranking already made it (null: the model knows none of its words). */
  private async withTags(query: string, page: readonly { id: number; hit: RankedHit }[], queryVector?: Float32Array | null): Promise<SearchHit[]> {
    if (page.length === 0) return [];
    const parsed = parseQuery(query);
    const tagsById = this.store.tagsByAsset(page.map(({ id }) => id));
    const queryStems = new Set(lexicalTerms(parsed.text).map(stem));
    const hits = page.map(({ id, hit }) => {
      const tags = [...new Set((tagsById.get(id) ?? []).map((tag) => tag.text))];
      return { hit: { ...hit, tags: matchedTags(tags, queryStems) }, tags };
    });
    if (parsed.text && hits.some(({ hit }) => hit.tags.length === 0)) {
      const vector = queryVector === undefined ? (await this.embedQueries([understandQueryText(parsed.text).text]))[0] : queryVector;
      if (vector) await this.addTagsNearestInMeaning(hits, vector);
    }
    return hits.map(({ hit }) => hit);
  }

  /**
   * The assets a query finds (up to the candidate pool for free text), best first; null for a query of
   * filters only, whose `filter` alone says which assets it finds.
   */
  async matchingAssets(query: string, mode: SearchMode = 'hybrid'): Promise<{ ids: number[] | null; filter: CompiledFilter }> {
    const parsed = parseQuery(query);
    if (!parsed.text) return { ids: null, filter: compileFilters(parsed.filters) };
    const { candidates, filter } = await this.candidates(query, mode, MAX_POOL, 'relevance', 0);
    return { ids: candidates.map((c) => c.id), filter };
  }

  /** The query's candidates, strong matches first; without free text, `browseCount` of them (-1: all) in `order`. */
  private async candidates(query: string, mode: SearchMode, pool: number, order: SearchSort, browseCount: number): Promise<Candidates> {
    const parsed = parseQuery(query);
    const filter = compileFilters(parsed.filters);
    if (!parsed.text) {
      const ids = browseAssets(this.store.db, filter, order === 'relevance' ? 'name' : order, browseCount);
      return { parsed, filter, candidates: ids.map((id) => ({ id, score: 1, lessRelated: false })), queryVector: null };
    }
    const understood = understandQueryText(parsed.text);
    const [queryVector = null, ...partVectors] = await this.embedQueries([understood.text, ...understood.parts]);
    const semantic = mode === 'lexical' ? [] : this.semantic(queryVector, partVectors, parsed, filter, pool);
    const lexical = mode === 'semantic' ? { ranked: [], complete: new Set<number>() } : this.lexical(understood, filter, pool, mode === 'hybrid' ? semantic : null);
    let ranked = mode === 'hybrid' ? fuse(semantic, lexical.ranked, lexical.complete) : mode === 'semantic' ? semantic : lexical.ranked;
    if (mode === 'hybrid' && understood.colors.length > 0) ranked = this.favourColours(ranked, understood.colors, pool);
    return { parsed, filter, candidates: setApartWeak(ranked, semantic, lexical.ranked, lexical.complete), queryVector };
  }

  /** Nearest assets to a vector (used by "find similar"), excluding `excludeId`. */
  nearestToVector(vector: Float32Array, count: number, excludeId: number): Ranked[] {
    return this.store.vectors
      .nearest(vector, count + 1)
      .filter((row) => row.id !== excludeId)
      .slice(0, count);
  }

  /** The query's embeddings (its text, then its list members) in one call; null where the model knows none of the words. */
  private async embedQueries(texts: readonly string[]): Promise<(Float32Array | null)[]> {
    const vectors = await this.embedder.embed(texts);
    return vectors.map((vector) => (vector && vector.some((value) => value !== 0) ? vector : null));
  }

  /**
   * Nearest assets to the query. A list query also asks for each member and every member's list counts
   * by its best place, so each member's first matches come before any member's second; the whole
   * query's list orders them within a place.
   */
  private semantic(vector: Float32Array | null, partVectors: readonly (Float32Array | null)[], parsed: ParsedQuery, filter: CompiledFilter, pool: number): Ranked[] {
    const nearest = (v: Float32Array) => closeEnough(hasFilters(parsed.filters) ? this.nearestMatching(v, filter, pool) : this.store.vectors.nearest(v, pool));
    const whole = vector ? nearest(vector) : [];
    const parts = partVectors.filter((v): v is Float32Array => v !== null).map(nearest);
    if (parts.length === 0) return whole;
    const place = new Map<number, number>();
    const cosine = new Map<number, number>();
    const note = (r: Ranked) => cosine.set(r.id, Math.max(cosine.get(r.id) ?? -1, r.score));
    for (const list of parts) list.forEach((r, rank) => (note(r), place.set(r.id, Math.max(place.get(r.id) ?? 0, 1 / (RRF_K + rank + 1)))));
    whole.forEach((r, rank) => (note(r), place.set(r.id, (place.get(r.id) ?? 0) + WHOLE_QUERY_SHARE / (RRF_K + rank + 1))));
    // Ordered by place; the score stays a cosine (its best over the lists), as setApartWeak reads it.
    return [...place].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => ({ id, score: cosine.get(id)! }));
  }

  /**
   * The nearest assets that pass the filters. Checks the filters in SQL on growing lists of nearest
   * candidates; a filter so selective that a quarter of the collection would need checking lists its
   * matching assets once instead, and only those are scanned. Where the exact re-rank is read from
   * SQLite (large collections), the filters are checked on the binary codes' candidates before it, so
   * only passing assets are re-ranked.
   */
  private nearestMatching(vector: Float32Array, filter: CompiledFilter, pool: number): Ranked[] {
    const index = this.store.vectors;
    const checkFirst = !index.inMemory;
    for (let wanted = checkFirst ? MIN_RERANK : pool * 4; wanted <= index.size / 4; ) {
      const nearest = checkFirst ? null : index.nearest(vector, wanted);
      const candidates = nearest ? nearest.map((c) => c.id) : index.closestByCode(vector, wanted);
      const passing = new Set(assetsPassing(this.store.db, candidates, filter));
      if (passing.size >= pool || candidates.length < wanted) {
        return nearest ? nearest.filter((c) => passing.has(c.id)).slice(0, pool) : index.rerank(vector, [...passing], pool);
      }
      // Ask for enough candidates to fill the pool at the pass rate seen so far, with a margin.
      wanted = Math.ceil((pool * 1.5 * candidates.length) / Math.max(1, passing.size));
    }
    const allowed = new Set(allAssetsPassing(this.store.db, filter));
    return index.nearest(vector, pool, (id) => allowed.has(id));
  }

  /**
   * BM25 over the query's words (any of them), with the assets that match every word (of the query, or
   * of one member of a list query) first; a compound name counts as its two words (red car → redcar).
   * In hybrid search (`semantic` given), words too common to rank by are left to the other words or,
   * when every word is, the semantic candidates holding one of them stand in for BM25's list.
   */
  private lexical(understood: QueryText, filter: CompiledFilter, pool: number, semantic: readonly Ranked[] | null): { ranked: Ranked[]; complete: Set<number> } {
    const terms = lexicalTerms(understood.text);
    if (terms.length === 0) return { ranked: [], complete: new Set() };
    const bar = commonWordBar(this.store.vectors.size, filter.where !== NO_FILTER.where);
    const common = new Set(semantic ? terms.filter((term) => matchesMoreThan(this.store.db, `"${term}"`, bar)) : []);
    const rankable = terms.filter((term) => !common.has(term));
    const any =
      rankable.length > 0
        ? matchWords(this.store.db, rankable.map((term) => `"${term}"`).join(' OR '), COLUMN_WEIGHTS, filter, pool)
        : this.holdingAnyWord(semantic ?? [], terms);
    const everyWord = completeMatchExpression(understood);
    // More than a pool of assets matching every word says little about any one of them: no reordering then.
    const found = everyWord ? assetsMatching(this.store.db, everyWord, filter, pool + 1) : [];
    const completeIds = new Set(found.length <= pool ? found : []);
    const floor = LEXICAL_RELATIVE_MIN * -(any[0]?.rank ?? 0);
    const ranked = any.map((row) => ({ id: row.id, score: -row.rank }));
    const inAny = new Set(ranked.map((r) => r.id));
    // Complete matches first (by BM25 where the any-word search ranked them, e.g. not "redcar" for "red car"), then the rest above the floor.
    const completeOnly = [...completeIds].filter((id) => !inAny.has(id)).map((id) => ({ id, score: 0 }));
    return {
      ranked: [...ranked.filter((r) => completeIds.has(r.id)), ...completeOnly, ...ranked.filter((r) => !completeIds.has(r.id) && r.score >= floor)],
      complete: completeIds,
    };
  }

  /** These candidates (in their order) whose tags hold one of the words, with BM25's sign convention (lower is better). */
  private holdingAnyWord(candidates: readonly Ranked[], terms: readonly string[]): { id: number; rank: number }[] {
    const stems = new Set(terms.map(stem));
    const tagsById = this.store.tagsByAsset(candidates.map((c) => c.id));
    return candidates
      .filter((c) => matchedTags((tagsById.get(c.id) ?? []).map((tag) => tag.text), stems, 1).length > 0)
      .map((c) => ({ id: c.id, rank: -1 }));
  }

  /** Candidates whose measured palette (or cloud colour tags) has a colour the query names move up, as if first in one more list. */
  private favourColours(ranked: readonly Ranked[], colors: readonly string[], pool: number): Ranked[] {
    const head = ranked.slice(0, pool);
    const evidence = colorsOf(this.store.db, head.map((r) => r.id));
    const bonus = COLOR_BONUS / (RRF_K + 1);
    const rescored = head.map(({ id, score }) => {
      const facts = evidence.get(id);
      const coloured = facts !== undefined && colors.some((name) => facts.colorTags.includes(name) || paletteMatches(facts.palette, NAMED_COLORS[name]!));
      return { id, score: coloured ? score + bonus : score };
    });
    return [...rescored.sort((a, b) => b.score - a.score || a.id - b.id), ...ranked.slice(pool)];
  }

  /** For hits that share no word with the query, the tags closest to it in meaning. */
  private async addTagsNearestInMeaning(hits: { hit: SearchHit; tags: string[] }[], queryVector: Float32Array): Promise<void> {
    const unmatched = hits.filter(({ hit }) => hit.tags.length === 0);
    const candidatesOf = (tags: string[]) => tags.slice(0, TAGS_COMPARED_PER_HIT);
    const texts = [...new Set(unmatched.flatMap(({ tags }) => candidatesOf(tags)))];
    if (texts.length === 0) return;
    const vectors = await this.embedder.embed(texts);
    // Unit vectors: the dot product is the cosine.
    const similarity = new Map(texts.map((text, i) => [text, dot(vectors[i]!, 0, queryVector, queryVector.length)]));
    for (const { hit, tags } of unmatched) {
      hit.tags = candidatesOf(tags)
        .filter((text) => similarity.get(text)! >= TAG_MEANING_THRESHOLD)
        .sort((a, b) => similarity.get(b)! - similarity.get(a)!)
        .slice(0, 3);
    }
  }
}

/**
 * Every vector has a nearest neighbour, however unrelated; only those reasonably close to the query
 * (and to the best match) count as semantic matches, so "a bird" lists birds, not the whole collection.
 */
export function closeEnough(nearest: readonly Ranked[]): Ranked[] {
  const best = nearest[0]?.score ?? 0;
  const floor = Math.max(SEMANTIC_MIN_SCORE, best * SEMANTIC_RELATIVE_MIN);
  return nearest.filter((r) => r.score >= floor);
}

/**
 * FTS5 expression for "every word": all words of the query, or of one list member, with each pair of
 * neighbouring words also accepted written as one (red car → redcar). Null for a single word.
 */
export function completeMatchExpression(understood: QueryText): string | null {
  const groups = (understood.parts.length > 0 ? understood.parts : [understood.text]).map(lexicalTerms).filter((terms) => terms.length > 1);
  if (groups.length === 0) return null;
  const alternatives = groups.flatMap((terms) => {
    const spellings = [terms];
    for (let i = 0; i + 1 < terms.length; i++) spellings.push([...terms.slice(0, i), terms[i]! + terms[i + 1]!, ...terms.slice(i + 2)]);
    return spellings.map((words) => `(${words.map((word) => `"${word}"`).join(' AND ')})`);
  });
  return alternatives.join(' OR ');
}

/**
 * Reciprocal-rank fusion: each list contributes weight / (k + rank); assets matching every query word
 * get as much again as a first place.
 */
export function fuse(semantic: readonly Ranked[], lexical: readonly Ranked[], complete: ReadonlySet<number> = new Set()): Ranked[] {
  const scores = new Map<number, number>();
  semantic.forEach((r, rank) => scores.set(r.id, (scores.get(r.id) ?? 0) + SEMANTIC_WEIGHT / (RRF_K + rank + 1)));
  lexical.forEach((r, rank) => scores.set(r.id, (scores.get(r.id) ?? 0) + LEXICAL_WEIGHT / (RRF_K + rank + 1)));
  for (const id of complete) scores.set(id, (scores.get(id) ?? 0) + COMPLETE_BONUS / (RRF_K + 1));
  return [...scores.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}

export function toRankedHit(file: HitFile, score: number, lessRelated: boolean): RankedHit {
  return { path: file.path, hash: file.hash, score, caption: file.caption, lessRelated, size: file.size, modified: file.mtimeMs, refs: file.refs };
}

export function toHit(file: HitFile, score: number, tags: string[], lessRelated: boolean): SearchHit {
  return { ...toRankedHit(file, score, lessRelated), tags };
}

/**
 * Marks the weak tail: a hit is strong when it matches every query word, its BM25 is near the best
 * one's or its cosine is both high and near the best one's; the rest keep their order but follow every strong hit, as less related.
 */
export function setApartWeak(ranked: readonly Ranked[], semantic: readonly Ranked[], lexical: readonly Ranked[], complete: ReadonlySet<number> = new Set()): Candidate[] {
  const lexicalScore = new Map(lexical.map((r) => [r.id, r.score]));
  const semanticScore = new Map(semantic.map((r) => [r.id, r.score]));
  const lexicalFloor = Math.max(...lexical.map((r) => r.score), 0) * LEXICAL_STRONG_SHARE;
  const semanticFloor = Math.max(SEMANTIC_STRONG_MIN, (semantic[0]?.score ?? 0) * SEMANTIC_STRONG_SHARE);
  const strong: Candidate[] = [];
  const weak: Candidate[] = [];
  for (const r of ranked) {
    const isStrong = complete.has(r.id) || (lexicalScore.get(r.id) ?? -Infinity) >= lexicalFloor || (semanticScore.get(r.id) ?? -Infinity) >= semanticFloor;
    (isStrong ? strong : weak).push({ ...r, lessRelated: !isStrong });
  }
  return [...strong, ...weak];
}

const SORT_KEYS: Record<Exclude<SearchSort, 'relevance'>, (a: HitFile, b: HitFile) => number> = {
  name: (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  modified: (a, b) => b.mtimeMs - a.mtimeMs || (a.path < b.path ? -1 : 1),
  size: (a, b) => b.size - a.size || (a.path < b.path ? -1 : 1),
};

/** Strong hits in this order, then the less related ones in this order; hits with no file to show are dropped. */
function sortCandidates(candidates: readonly Candidate[], files: ReadonlyMap<number, HitFile>, sort: Exclude<SearchSort, 'relevance'>): Candidate[] {
  const compare = SORT_KEYS[sort];
  return candidates
    .filter((c) => files.has(c.id))
    .sort((a, b) => Number(a.lessRelated) - Number(b.lessRelated) || compare(files.get(a.id)!, files.get(b.id)!));
}
