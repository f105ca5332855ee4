// Search: semantic (sqlite-vec KNN over SmallBrain vectors), lexical (FTS5 BM25) and hybrid
// (reciprocal-rank fusion of both), with the query's filters applied inside SQL.
import type { Statement } from 'better-sqlite3';
import type { Embedder, SearchHit, SearchMode } from './types.ts';
import type { Store } from './store.ts';
import { compileFilters, type CompiledFilter } from './search-filters.ts';
import { hasFilters, parseQuery, type ParsedQuery } from './query.ts';
import { lexicalTerms, matchedTags, stemWord } from './search-terms.ts';

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
/** Reciprocal-rank fusion constant and the weight of each list. */
const RRF_K = 20;
const SEMANTIC_WEIGHT = 1;
const LEXICAL_WEIGHT = 1.2;
const MIN_POOL = 100;
const MAX_POOL = 2000;

interface Ranked {
  id: number;
  score: number;
}

interface HydratedRow {
  id: number;
  hash: string;
  caption: string | null;
  path: string | null;
}

export class Searcher {
  private readonly statements = new Map<string, Statement>();
  private readonly store: Store;
  private readonly embedder: Embedder;

  constructor(store: Store, embedder: Embedder) {
    this.store = store;
    this.embedder = embedder;
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.store.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const limit = Math.max(1, options.limit ?? 20);
    const offset = Math.max(0, options.offset ?? 0);
    const mode = options.mode ?? 'hybrid';
    const parsed = parseQuery(query);
    const filter = compileFilters(parsed.filters);
    const pool = Math.min(MAX_POOL, Math.max(MIN_POOL, (offset + limit) * 3));

    let ranked: Ranked[];
    if (!parsed.text) {
      ranked = this.browse(filter, offset + limit);
    } else {
      const semantic = mode === 'lexical' ? [] : await this.semantic(parsed, filter, pool);
      const lexical = mode === 'semantic' ? [] : this.lexical(parsed, filter, pool);
      ranked = mode === 'hybrid' ? fuse(semantic, lexical) : mode === 'semantic' ? semantic : lexical;
    }
    const page = ranked.slice(offset, offset + limit);
    return { hits: this.hydrate(page, parsed, filter), warnings: parsed.warnings };
  }

  /** Nearest assets to a vector (used by "find similar"), excluding `excludeId`. */
  nearestToVector(vector: Float32Array, count: number, excludeId: number): Ranked[] {
    return this.store.vectors
      .nearest(vector, count + 1)
      .filter((row) => row.id !== excludeId)
      .slice(0, count);
  }

  private browse(filter: CompiledFilter, count: number): Ranked[] {
    const sql = `SELECT a.id FROM assets a WHERE ${filter.where} ORDER BY (SELECT min(path) FROM files WHERE asset_id = a.id) LIMIT ?`;
    const rows = this.statement(sql).all(...filter.params, count) as { id: number }[];
    return rows.map((row) => ({ id: row.id, score: 1 }));
  }

  private async semantic(parsed: ParsedQuery, filter: CompiledFilter, pool: number): Promise<Ranked[]> {
    const [vector] = await this.embedder.embed([parsed.text]);
    if (!vector || !vector.some((value) => value !== 0)) return [];
    if (!hasFilters(parsed.filters)) return this.store.vectors.nearest(vector, pool);
    return this.nearestMatching(vector, filter, pool);
  }

  /**
   * The nearest assets that pass the filters. Checks the filters in SQL on growing lists of nearest
   * candidates; a filter so selective that a quarter of the collection would need checking lists its
   * matching assets once instead, and only those are scanned.
   */
  private nearestMatching(vector: Float32Array, filter: CompiledFilter, pool: number): Ranked[] {
    const index = this.store.vectors;
    const check = this.statement(`SELECT a.id FROM assets a WHERE a.id IN (SELECT value FROM json_each(?)) AND ${filter.where}`);
    for (let wanted = pool * 4; wanted <= index.size / 4; ) {
      const candidates = index.nearest(vector, wanted);
      const passing = new Set((check.all(JSON.stringify(candidates.map((c) => c.id)), ...filter.params) as { id: number }[]).map((row) => row.id));
      const kept = candidates.filter((c) => passing.has(c.id));
      if (kept.length >= pool || candidates.length < wanted) return kept.slice(0, pool);
      // Ask for enough candidates to fill the pool at the pass rate seen so far, with a margin.
      wanted = Math.ceil((pool * 1.5 * candidates.length) / Math.max(1, kept.length));
    }
    const matching = this.statement(`SELECT a.id FROM assets a WHERE ${filter.where}`).all(...filter.params) as { id: number }[];
    const allowed = new Set(matching.map((row) => row.id));
    return index.nearest(vector, pool, (id) => allowed.has(id));
  }

  private lexical(parsed: ParsedQuery, filter: CompiledFilter, pool: number): Ranked[] {
    const terms = lexicalTerms(parsed.text);
    if (terms.length === 0) return [];
    const match = terms.map((term) => `"${term}"`).join(' OR ');
    // Correlated, so SQLite checks the filters on each match; `rowid IN (…)` made it run the MATCH once per listed asset.
    const restrict = hasFilters(parsed.filters) ? ` AND EXISTS (SELECT 1 FROM assets a WHERE a.id = fts.rowid AND ${filter.where})` : '';
    const sql = `SELECT fts.rowid AS id, bm25(fts, ${COLUMN_WEIGHTS.join(', ')}) AS rank FROM fts WHERE fts MATCH ?${restrict} ORDER BY rank LIMIT ?`;
    const rows = this.statement(sql).all(match, ...filter.params, pool) as { id: number; rank: number }[];
    return rows.map((row) => ({ id: row.id, score: -row.rank }));
  }

  private hydrate(page: Ranked[], parsed: ParsedQuery, filter: CompiledFilter): SearchHit[] {
    if (page.length === 0) return [];
    const ids = JSON.stringify(page.map((r) => r.id));
    const rows = this.statement(
      `SELECT a.id, a.hash, a.caption,
         (SELECT f.path FROM files f WHERE f.asset_id = a.id AND ${filter.fileWhere} ORDER BY f.path LIMIT 1) AS path
       FROM assets a WHERE a.id IN (SELECT value FROM json_each(?))`,
    ).all(...filter.fileParams, ids) as HydratedRow[];
    const tagRows = this.statement('SELECT asset_id AS id, text FROM tags WHERE asset_id IN (SELECT value FROM json_each(?)) ORDER BY rowid').all(ids) as {
      id: number;
      text: string;
    }[];
    const tagsById = new Map<number, string[]>();
    for (const row of tagRows) {
      const list = tagsById.get(row.id) ?? [];
      if (!list.includes(row.text)) list.push(row.text);
      tagsById.set(row.id, list);
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    const queryStems = this.queryStems(parsed.text);
    const hits: SearchHit[] = [];
    for (const { id, score } of page) {
      const row = byId.get(id);
      if (!row?.path) continue;
      hits.push({ path: row.path, hash: row.hash, score, tags: matchedTags(tagsById.get(id) ?? [], queryStems), caption: row.caption });
    }
    return hits;
  }

  /** Stems of the query words and of their nearest neighbours in the embedding space. */
  private queryStems(text: string): Set<string> {
    const stems = new Set<string>();
    for (const term of lexicalTerms(text)) {
      stems.add(stemWord(term));
      for (const neighbour of this.embedder.neighbours?.(term, 5) ?? []) stems.add(stemWord(neighbour));
    }
    return stems;
  }
}

/** Reciprocal-rank fusion: each list contributes weight / (k + rank). */
export function fuse(semantic: readonly Ranked[], lexical: readonly Ranked[]): Ranked[] {
  const scores = new Map<number, number>();
  semantic.forEach((r, rank) => scores.set(r.id, (scores.get(r.id) ?? 0) + SEMANTIC_WEIGHT / (RRF_K + rank + 1)));
  lexical.forEach((r, rank) => scores.set(r.id, (scores.get(r.id) ?? 0) + LEXICAL_WEIGHT / (RRF_K + rank + 1)));
  return [...scores.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}
