// Search: semantic (nearest SmallBrain vectors, see vector-index.ts), lexical (FTS5 BM25) and hybrid
// (reciprocal-rank fusion of both), with the query's filters applied inside SQL.
import type { Embedder, SearchHit, SearchMode } from './types.ts';
import type { Store } from './store/index.ts';
import { allAssetsPassing, assetsPassing, browseAssets, compileFilters, hitRows, matchWords, type CompiledFilter } from './store/search.ts';
import { hasFilters, parseQuery, type ParsedQuery } from './query.ts';
import { lexicalTerms, matchedTags, stemWord } from './search-terms.ts';
import { dot } from './vector-index.ts';

export interface SearchOptions {
  limit?: number;
  offset?: number;
  mode?: SearchMode;
}

export interface SearchResult {
  hits: SearchHit[];
  warnings: string[];
}

/** BM25 weights of the FTS columns: title, keywords, description, path, cloud, user. */
const COLUMN_WEIGHTS = [6, 4, 1, 2, 3, 6];
/**
 * Reciprocal-rank fusion: the usual k = 60, both lists weighted alike. On the relevance set other k
 * (10–60) and lexical weights (0.7–1.5) moved hybrid P@10 by 0.01 at most, so the standard stays.
 */
const RRF_K = 60;
const SEMANTIC_WEIGHT = 1;
const LEXICAL_WEIGHT = 1;
/** Semantic matches need this cosine to the query, and this share of the best match's. */
const SEMANTIC_MIN_SCORE = 0.2;
const SEMANTIC_RELATIVE_MIN = 0.5;
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

export class Searcher {
  private readonly store: Store;
  private readonly embedder: Embedder;

  constructor(store: Store, embedder: Embedder) {
    this.store = store;
    this.embedder = embedder;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const limit = Math.max(1, options.limit ?? 20);
    const offset = Math.max(0, options.offset ?? 0);
    const mode = options.mode ?? 'hybrid';
    const parsed = parseQuery(query);
    const filter = compileFilters(parsed.filters);
    const pool = Math.min(MAX_POOL, Math.max(MIN_POOL, (offset + limit) * 3));

    let ranked: Ranked[];
    let queryVector: Float32Array | null = null;
    if (!parsed.text) {
      ranked = this.browse(filter, offset + limit);
    } else {
      queryVector = await this.embedQuery(parsed.text);
      const semantic = mode === 'lexical' || !queryVector ? [] : this.semantic(queryVector, parsed, filter, pool);
      const lexical = mode === 'semantic' ? [] : this.lexical(parsed, filter, pool);
      ranked = mode === 'hybrid' ? fuse(semantic, lexical) : mode === 'semantic' ? semantic : lexical;
    }
    const page = ranked.slice(offset, offset + limit);
    return { hits: await this.hydrate(page, parsed, filter, queryVector), warnings: parsed.warnings };
  }

  /** Nearest assets to a vector (used by "find similar"), excluding `excludeId`. */
  nearestToVector(vector: Float32Array, count: number, excludeId: number): Ranked[] {
    return this.store.vectors
      .nearest(vector, count + 1)
      .filter((row) => row.id !== excludeId)
      .slice(0, count);
  }

  private browse(filter: CompiledFilter, count: number): Ranked[] {
    return browseAssets(this.store.db, filter, count).map((id) => ({ id, score: 1 }));
  }

  /** The query's one embedding per search; null when the model knows none of its words. */
  private async embedQuery(text: string): Promise<Float32Array | null> {
    const [vector] = await this.embedder.embed([text]);
    return vector && vector.some((value) => value !== 0) ? vector : null;
  }

  private semantic(vector: Float32Array, parsed: ParsedQuery, filter: CompiledFilter, pool: number): Ranked[] {
    const nearest = hasFilters(parsed.filters) ? this.nearestMatching(vector, filter, pool) : this.store.vectors.nearest(vector, pool);
    return closeEnough(nearest);
  }

  /**
   * The nearest assets that pass the filters. Checks the filters in SQL on growing lists of nearest
   * candidates; a filter so selective that a quarter of the collection would need checking lists its
   * matching assets once instead, and only those are scanned.
   */
  private nearestMatching(vector: Float32Array, filter: CompiledFilter, pool: number): Ranked[] {
    const index = this.store.vectors;
    for (let wanted = pool * 4; wanted <= index.size / 4; ) {
      const candidates = index.nearest(vector, wanted);
      const passing = new Set(assetsPassing(this.store.db, candidates.map((c) => c.id), filter));
      const kept = candidates.filter((c) => passing.has(c.id));
      if (kept.length >= pool || candidates.length < wanted) return kept.slice(0, pool);
      // Ask for enough candidates to fill the pool at the pass rate seen so far, with a margin.
      wanted = Math.ceil((pool * 1.5 * candidates.length) / Math.max(1, kept.length));
    }
    const allowed = new Set(allAssetsPassing(this.store.db, filter));
    return index.nearest(vector, pool, (id) => allowed.has(id));
  }

  private lexical(parsed: ParsedQuery, filter: CompiledFilter, pool: number): Ranked[] {
    const terms = lexicalTerms(parsed.text);
    if (terms.length === 0) return [];
    const match = terms.map((term) => `"${term}"`).join(' OR ');
    return matchWords(this.store.db, match, COLUMN_WEIGHTS, filter, pool).map((row) => ({ id: row.id, score: -row.rank }));
  }

  private async hydrate(page: Ranked[], parsed: ParsedQuery, filter: CompiledFilter, queryVector: Float32Array | null): Promise<SearchHit[]> {
    if (page.length === 0) return [];
    const rows = hitRows(this.store.db, page.map((r) => r.id), filter);
    const tagsById = this.store.tagsByAsset(page.map((r) => r.id));
    const byId = new Map(rows.map((row) => [row.id, row]));
    const queryStems = new Set(lexicalTerms(parsed.text).map(stemWord));
    const hits: { hit: SearchHit; tags: string[] }[] = [];
    for (const { id, score } of page) {
      const row = byId.get(id);
      if (!row?.path) continue;
      const tags = [...new Set((tagsById.get(id) ?? []).map((tag) => tag.text))];
      hits.push({ hit: { path: row.path, hash: row.hash, score, tags: matchedTags(tags, queryStems), caption: row.caption }, tags });
    }
    if (queryVector) await this.addTagsNearestInMeaning(hits, queryVector);
    return hits.map(({ hit }) => hit);
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

/** Reciprocal-rank fusion: each list contributes weight / (k + rank). */
export function fuse(semantic: readonly Ranked[], lexical: readonly Ranked[]): Ranked[] {
  const scores = new Map<number, number>();
  semantic.forEach((r, rank) => scores.set(r.id, (scores.get(r.id) ?? 0) + SEMANTIC_WEIGHT / (RRF_K + rank + 1)));
  lexical.forEach((r, rank) => scores.set(r.id, (scores.get(r.id) ?? 0) + LEXICAL_WEIGHT / (RRF_K + rank + 1)));
  return [...scores.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}
