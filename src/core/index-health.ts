// A damaged index heals itself: when SQLite says the file is not a database or is corrupt — at open or
// at any later statement — the file is moved aside (index.db.corrupt-<time>) and a fresh one is built
// from the files and the ledger. Nothing paid for is lost: every cloud answer is in the ledger.
import { renameSync } from 'node:fs';
import { Store, type OpenStoreOptions } from './store/index.ts';

const CORRUPTION_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX']);

export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CORRUPTION_CODES.has(code)) return true;
  return error instanceof Error && /file is not a database|database disk image is malformed/i.test(error.message);
}

/** Moves a damaged database (and its WAL and shared-memory files) aside; returns where it went. */
export function moveDamagedAside(databasePath: string, now = new Date()): string {
  const aside = `${databasePath}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(databasePath, aside);
  for (const suffix of ['-wal', '-shm']) {
    try {
      renameSync(databasePath + suffix, aside + suffix);
    } catch {
      // Not there: the database was closed cleanly or never in WAL mode.
    }
  }
  return aside;
}

export function healedMessage(databasePath: string, aside: string): string {
  return `the index at ${databasePath} was damaged; moved it aside to ${aside} and rebuilding it from the files and the tag ledger`;
}

/** Opens the store; a damaged file is moved aside once and a fresh one made, and `onHealed` told. */
export function openStoreHealing(options: OpenStoreOptions, onHealed: (aside: string) => void): Store {
  try {
    return Store.open(options);
  } catch (error) {
    if (!isCorruptionError(error)) throw error;
    const aside = moveDamagedAside(Store.databasePath(options.indexDir));
    onHealed(aside);
    return Store.open(options);
  }
}
