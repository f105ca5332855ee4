// The SQLite connection and a per-connection cache of prepared statements, so every named query in
// this folder is prepared once per database however often it runs.
import type BetterSqlite3 from 'better-sqlite3';
import { loadNatives } from '../natives.ts';

export type Database = BetterSqlite3.Database;
export type Statement<P extends unknown[] = unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

type Mode = 'rows' | 'pluck' | 'raw';

const statements = new WeakMap<Database, Map<string, Statement>>();

/** The prepared statement for `sql` on `db`, prepared on first use; `pluck` and `raw` as in better-sqlite3. */
export function prepared<P extends unknown[] = unknown[], R = unknown>(db: Database, sql: string, mode: Mode = 'rows'): Statement<P, R> {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  const key = mode === 'rows' ? sql : `${mode}\0${sql}`;
  let statement = cache.get(key);
  if (!statement) {
    statement = db.prepare(sql);
    if (mode === 'pluck') statement.pluck();
    if (mode === 'raw') statement.raw();
    cache.set(key, statement);
  }
  return statement as unknown as Statement<P, R>;
}

export function openDatabase(path: string): Database {
  const { Database: SqliteDatabase, sqliteVec } = loadNatives();
  const db = new SqliteDatabase(path);
  try {
    // The file may come with the repository: its schema (triggers, views) is never trusted to call functions.
    db.pragma('trusted_schema = OFF');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    sqliteVec.load(db);
  } catch (error) {
    // A file that is not a database fails here: close it so it can be moved aside.
    db.close();
    throw error;
  }
  return db;
}
