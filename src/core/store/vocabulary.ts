// The index's own words, for "did you mean": the FTS5 vocabulary (stemmed terms with how many assets
// hold each) read through a per-connection fts5vocab table, and the words as written for a term.
import { prepared, type Database } from './database.ts';
import { FTS_COLUMNS } from './schema.ts';

const withVocabulary = new WeakSet<Database>();

function ensureVocabularyTable(db: Database): void {
  if (withVocabulary.has(db)) return;
  // In the temp schema: nothing is written to the index file and no migration is needed.
  db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_vocabulary USING fts5vocab(main, fts, row)');
  withVocabulary.add(db);
}

export interface VocabularyTerm {
  term: string;
  /** Assets whose words hold this term. */
  assets: number;
}

/** Terms between these lengths (FTS5 stores them stemmed, e.g. "christma" for "christmas"). */
export function vocabularyTerms(db: Database, minLength: number, maxLength: number): VocabularyTerm[] {
  ensureVocabularyTable(db);
  return prepared<[number, number], VocabularyTerm>(db, 'SELECT term, doc AS assets FROM temp.fts_vocabulary WHERE length(term) BETWEEN ? AND ?').all(minLength, maxLength);
}

/** How many assets an FTS5 query string matches. */
export function ftsMatchCount(db: Database, match: string): number {
  return prepared<[string], number>(db, 'SELECT count(*) FROM fts WHERE fts MATCH ?', 'pluck').get(match) ?? 0;
}

/** The indexed texts of a few assets holding this term, to find the word as written. */
export function textsHoldingTerm(db: Database, term: string, limit = 20): string[] {
  const sql = `SELECT ${FTS_COLUMNS.map((c) => `coalesce(${c}, '')`).join(" || ' ' || ")} FROM fts WHERE fts MATCH ? LIMIT ?`;
  return prepared<[string, number], string>(db, sql, 'pluck').all(`"${term}"`, limit);
}
