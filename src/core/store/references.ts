// Image references found in the repository's text files: the text-file catalogue (for incremental
// scans), each reference with its candidate targets, and the resolved target (the first candidate that
// is an indexed image file).
import { prepared, type Database } from './database.ts';

export const REFERENCES_SCHEMA = `
  CREATE TABLE text_files (path TEXT PRIMARY KEY, hash TEXT NOT NULL, size INTEGER NOT NULL, mtime_ms REAL NOT NULL);
  CREATE TABLE refs (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    line INTEGER NOT NULL,
    col INTEGER NOT NULL,
    text TEXT NOT NULL,
    target TEXT
  );
  CREATE INDEX refs_file ON refs(file);
  CREATE INDEX refs_target ON refs(target);
  CREATE TABLE ref_candidates (ref_id INTEGER NOT NULL, rank INTEGER NOT NULL, path TEXT NOT NULL, PRIMARY KEY (ref_id, rank)) WITHOUT ROWID;
`;

/**
 * v5: a reference's candidates are a JSON array on its row (one insert per reference, not one per
 * candidate: the first scan of a big repository is mostly inserts). Everything is re-read once.
 */
export const REFERENCES_CANDIDATES_INLINE = `
  DROP TABLE ref_candidates;
  DELETE FROM refs;
  DELETE FROM text_files;
  ALTER TABLE refs ADD COLUMN candidates TEXT NOT NULL DEFAULT '[]';
`;

/** Boolean SQL over `f` (files): the file is the target of at least one reference (the `used:` filter). */
export const FILE_IS_REFERENCED_SQL = 'EXISTS (SELECT 1 FROM refs r WHERE r.target = f.path)';
/** How many references name the file `f`. */
export const REFERENCE_COUNT_SQL = '(SELECT count(*) FROM refs r WHERE r.target = f.path)';

export interface TextFileRow {
  path: string;
  hash: string;
  size: number;
  mtimeMs: number;
}

export interface NewReference {
  line: number;
  column: number;
  text: string;
  candidates: readonly string[];
}

export interface ReferenceRow {
  file: string;
  line: number;
  column: number;
  text: string;
}

export interface UnresolvedReferenceRow extends ReferenceRow {
  candidates: string[];
}

export function textFileCatalogue(db: Database): Map<string, TextFileRow> {
  const rows = prepared<[], TextFileRow>(db, 'SELECT path, hash, size, mtime_ms AS mtimeMs FROM text_files').all();
  return new Map(rows.map((row) => [row.path, row]));
}

/** Records a text file as read; its references are kept (same bytes, or only touched). */
export function touchTextFile(db: Database, row: TextFileRow): void {
  prepared<[string, string, number, number]>(
    db,
    'INSERT INTO text_files (path, hash, size, mtime_ms) VALUES (?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET hash = excluded.hash, size = excluded.size, mtime_ms = excluded.mtime_ms',
  ).run(row.path, row.hash, row.size, row.mtimeMs);
}

function deleteReferencesOf(db: Database, path: string): void {
  prepared<[string]>(db, 'DELETE FROM refs WHERE file = ?').run(path);
}

/** Replaces everything known about one text file's references (`isNew`: there is nothing to delete). */
export function replaceFileReferences(db: Database, row: TextFileRow, references: readonly NewReference[], isNew = false): void {
  if (!isNew) deleteReferencesOf(db, row.path);
  touchTextFile(db, row);
  const insert = prepared<[string, number, number, string, string]>(db, 'INSERT INTO refs (file, line, col, text, candidates) VALUES (?, ?, ?, ?, ?)');
  for (const reference of references) insert.run(row.path, reference.line, reference.column, reference.text, JSON.stringify(reference.candidates));
}

export function removeTextFile(db: Database, path: string): void {
  deleteReferencesOf(db, path);
  prepared<[string]>(db, 'DELETE FROM text_files WHERE path = ?').run(path);
}

/** Forgets every text file and reference, so the next scan reads all again (the resolver's settings changed). */
export function clearReferences(db: Database): void {
  db.exec('DELETE FROM refs; DELETE FROM text_files;');
}

/**
 * A candidate `**\/img/a.png` stands for any indexed image whose path is `img/a.png` or ends with
 * `/img/a.png`; of several, the one sharing the most leading folders with the referring file, then the
 * first by path.
 */
export const ANY_FOLDER = '**/';

/** Points every reference at the first of its candidates that is an indexed image file (or none). */
export function resolveReferenceTargets(db: Database): void {
  prepared(db, 'UPDATE refs SET target = (SELECT c.value FROM json_each(refs.candidates) c JOIN files f ON f.path = c.value ORDER BY c.key LIMIT 1)').run();
  resolveAnyFolderCandidates(db);
}

/** The references still without a target whose candidates end with an ANY_FOLDER one. */
function resolveAnyFolderCandidates(db: Database): void {
  // ANY_FOLDER holds no LIKE wildcard (`%`, `_`).
  const rows = prepared<[string], { id: number; file: string; candidates: string }>(db, 'SELECT id, file, candidates FROM refs WHERE target IS NULL AND candidates LIKE ?').all(`%"${ANY_FOLDER}%`);
  if (rows.length === 0) return;
  const byName = new Map<string, string[]>();
  for (const path of prepared<[], string>(db, 'SELECT path FROM files ORDER BY path', 'pluck').all()) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const paths = byName.get(name);
    if (paths) paths.push(path);
    else byName.set(name, [path]);
  }
  const setTarget = prepared<[string, number]>(db, 'UPDATE refs SET target = ? WHERE id = ?');
  for (const row of rows) {
    const tail = (JSON.parse(row.candidates) as string[]).find((c) => c.startsWith(ANY_FOLDER))?.slice(ANY_FOLDER.length);
    if (!tail) continue;
    const matches = (byName.get(tail.slice(tail.lastIndexOf('/') + 1)) ?? []).filter((path) => path === tail || path.endsWith('/' + tail));
    const best = matches.reduce<{ path: string; shared: number } | null>((kept, path) => {
      const shared = sharedFolders(path, row.file);
      return !kept || shared > kept.shared ? { path, shared } : kept;
    }, null);
    if (best) setTarget.run(best.path, row.id);
  }
}

function sharedFolders(a: string, b: string): number {
  const [x, y] = [a.split('/').slice(0, -1), b.split('/').slice(0, -1)];
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

export function referencesTo(db: Database, imagePath: string): ReferenceRow[] {
  return prepared<[string], ReferenceRow>(db, 'SELECT file, line, col AS column, text FROM refs WHERE target = ? ORDER BY file, line, col').all(imagePath);
}

export function unreferencedImagePaths(db: Database): string[] {
  return prepared<[], string>(db, `SELECT path FROM files f WHERE NOT ${FILE_IS_REFERENCED_SQL} ORDER BY path`, 'pluck').all();
}

export function unreferencedAssetFileCount(db: Database): number {
  return prepared<[], number>(db, `SELECT count(*) FROM files f WHERE f.asset_id IS NOT NULL AND NOT ${FILE_IS_REFERENCED_SQL}`, 'pluck').get()!;
}

/** References whose candidates are none of the indexed image files; in one text file when named. */
export function unresolvedReferences(db: Database, file?: string): UnresolvedReferenceRow[] {
  const sql = `SELECT file, line, col AS column, text, candidates FROM refs WHERE target IS NULL AND (@file IS NULL OR file = @file) ORDER BY file, line, col`;
  const rows = prepared<[{ file: string | null }], ReferenceRow & { candidates: string }>(db, sql).all({ file: file ?? null });
  return rows.map((row) => ({ ...row, candidates: JSON.parse(row.candidates) as string[] }));
}

/** Script files, by name: where a relative image reference is (almost always) an import. */
const SCRIPT_FILE_SQL = "(file LIKE '%.js' OR file LIKE '%.jsx' OR file LIKE '%.ts' OR file LIKE '%.tsx' OR file LIKE '%.mjs' OR file LIKE '%.mts')";

/** Whether scripts reference images by relative or aliased paths (imports) rather than root-relative URLs. */
export function scriptsImportImages(db: Database): boolean {
  const sql = `SELECT EXISTS (SELECT 1 FROM refs WHERE target IS NOT NULL AND substr(text, 1, 1) != '/' AND ${SCRIPT_FILE_SQL})`;
  return prepared<[], number>(db, sql, 'pluck').get() === 1;
}

/** References to images under `folder` (e.g. `public/`): how many, and how many are written root-relative (`/…`). */
export function rootRelativeShare(db: Database, folder: string): { total: number; rootRelative: number } {
  const sql = "SELECT count(*) AS total, coalesce(sum(substr(text, 1, 1) = '/'), 0) AS rootRelative FROM refs WHERE target LIKE ? ESCAPE '\\'";
  return prepared<[string], { total: number; rootRelative: number }>(db, sql).get(folder.replace(/[\\%_]/g, (c) => '\\' + c) + '%')!;
}
