// The committable ledger (.vscode/asset-lens/tags.jsonl): one JSON line per content hash with the
// model, the date and the tags, sorted by hash so diffs stay small and merges easy. Read before any
// cloud call, so a team pays for each image once and a clone without a key still gets full search.
// It arrives with the repository, so it is untrusted input: a regular file only (never a link, a
// FIFO or a device), at most LEDGER_MAX_BYTES, read as a stream with a cap on each line, bad lines
// skipped and counted. A ledger that cannot be used is reported and ignored; local indexing goes on.
// Hand-written tags travel in it too: a line with `"source":"user"` holds a hash's whole set of hand
// tags as of its date (an empty set removes them); the newest line per hash wins.
import type { FileHandle } from 'node:fs/promises';
import type { Store } from '../store/index.ts';
import { cloudAnswerDate } from '../store/cloud.ts';
import { userTagsByHash } from '../store/tags.ts';
import type { CloudTags, Tag } from '../types.ts';
import { appendStateFile, checkStateFile, openUntrustedFile, writeStateFileAtomic } from '../safe-fs.ts';
import { recordTagged, storedAnswers, type StoredAnswer } from './cloud-records.ts';
import { coerceCloudTags } from './prompt-and-schema.ts';

export const LEDGER_FILE_NAME = 'tags.jsonl';
export const LEDGER_MAX_BYTES = 64 * 1024 * 1024;
/** A real line is a few KB; anything longer is skipped without being held in memory. */
export const LEDGER_MAX_LINE_BYTES = 256 * 1024;
/** Problem lines kept word for word; the rest are only counted. */
const MAX_REPORTED_PROBLEMS = 20;

export type LedgerEntry = StoredAnswer;

/** A hash's hand-written tags as of `date`. */
export interface UserTagsEntry {
  hash: string;
  date: string;
  tags: string[];
}

/** Limits on one hand tag and on a hash's set, so a hostile ledger line cannot bloat the index. */
const MAX_USER_TAG_LENGTH = 200;
const MAX_USER_TAGS = 200;

/** Trimmed, non-empty, distinct, within the limits. */
export function cleanUserTags(texts: readonly unknown[]): string[] {
  const clean = texts.filter((t): t is string => typeof t === 'string').map((t) => t.trim().slice(0, MAX_USER_TAG_LENGTH)).filter(Boolean);
  return [...new Set(clean)].slice(0, MAX_USER_TAGS);
}

export function formatUserTagsLine(entry: UserTagsEntry): string {
  return JSON.stringify({ hash: entry.hash, source: 'user', date: entry.date, tags: entry.tags });
}

const HASH_PATTERN = /^[0-9a-f]{16,128}$/;

export function formatLedgerLine(entry: LedgerEntry): string {
  const { caption, tags, objects, style, mood, colors, text, altText }: CloudTags = entry.tags;
  return JSON.stringify({ hash: entry.hash, model: entry.model, date: entry.date, caption, tags, objects, style, mood, colors, text, altText });
}

type ParsedLine = { kind: 'cloud'; entry: LedgerEntry } | { kind: 'user'; entry: UserTagsEntry };

function parseLedgerLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error('not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  const record = value as Record<string, unknown>;
  if (typeof record.hash !== 'string' || !HASH_PATTERN.test(record.hash)) throw new Error('no valid "hash"');
  const date = typeof record.date === 'string' ? record.date.slice(0, 40) : '';
  if (record.source === 'user') {
    if (!Array.isArray(record.tags)) throw new Error('a "user" line without a "tags" list');
    return { kind: 'user', entry: { hash: record.hash, date, tags: cleanUserTags(record.tags) } };
  }
  return { kind: 'cloud', entry: { hash: record.hash, model: typeof record.model === 'string' ? record.model.slice(0, 100) : '', date, tags: coerceCloudTags(record) } };
}

function isNewer(candidate: { date: string }, current: { date: string } | undefined): boolean {
  return !current || candidate.date >= current.date;
}

export interface LedgerContents {
  entries: Map<string, LedgerEntry>;
  /** Hand-written tags by hash, newest line kept. */
  userTags: Map<string, UserTagsEntry>;
  /** The first unreadable lines: "<file>:<line>: <reason>". */
  problems: string[];
  /** Every unreadable line, reported or not. */
  badLines: number;
  /** Why the whole file was ignored (a link, a FIFO, over the size cap...), or null. */
  refused: string | null;
}

/** The lines of an open file, streamed; a line over the cap comes back as null and is never held whole. */
async function* linesOf(handle: FileHandle, size: number): AsyncGenerator<string | null> {
  const chunk = Buffer.alloc(64 * 1024);
  let parts: Buffer[] = [];
  let partBytes = 0;
  let overlong = false;
  let position = 0;
  const take = (): string | null => {
    const line = overlong ? null : Buffer.concat(parts, partBytes).toString('utf8');
    parts = [];
    partBytes = 0;
    overlong = false;
    return line;
  };
  while (position < size) {
    const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, size - position), position);
    if (bytesRead === 0) break;
    position += bytesRead;
    const data = chunk.subarray(0, bytesRead);
    let start = 0;
    while (start < data.length) {
      const newline = data.indexOf(0x0a, start);
      const end = newline === -1 ? data.length : newline;
      if (!overlong && partBytes + (end - start) > LEDGER_MAX_LINE_BYTES) {
        overlong = true;
        parts = [];
        partBytes = 0;
      }
      if (!overlong && end > start) {
        parts.push(Buffer.from(data.subarray(start, end)));
        partBytes += end - start;
      }
      if (newline === -1) break;
      yield take();
      start = newline + 1;
    }
  }
  if (partBytes > 0 || overlong) yield take();
}

/**
 * Reads the ledger; a hash listed twice (e.g. after a merge) keeps its newest answer. `keep` limits
 * which hashes are held in memory (an import needs only those in the index). Never throws for a bad
 * file: `refused` says why it was ignored.
 */
export async function readLedger(ledgerPath: string, keep: (hash: string) => boolean = () => true): Promise<LedgerContents> {
  const contents: LedgerContents = { entries: new Map(), userTags: new Map(), problems: [], badLines: 0, refused: null };
  const problem = (text: string) => {
    contents.badLines++;
    if (contents.problems.length < MAX_REPORTED_PROBLEMS) contents.problems.push(text);
  };
  let opened: Awaited<ReturnType<typeof openUntrustedFile>>;
  try {
    opened = await openUntrustedFile(ledgerPath, LEDGER_MAX_BYTES, 'the tag ledger');
  } catch (error) {
    contents.refused = `${(error as Error).message.split('\n')[0]}; ignored`;
    return contents;
  }
  if (!opened) return contents;
  try {
    let number = 0;
    for await (const line of linesOf(opened.handle, opened.size)) {
      number++;
      if (line === null) {
        problem(`${ledgerPath}:${number}: line longer than ${LEDGER_MAX_LINE_BYTES / 1024} KB`);
        continue;
      }
      if (!line.trim()) continue;
      try {
        const { kind, entry } = parseLedgerLine(line);
        const held: Map<string, { date: string }> = kind === 'user' ? contents.userTags : contents.entries;
        if (keep(entry.hash) && isNewer(entry, held.get(entry.hash))) held.set(entry.hash, entry);
      } catch (error) {
        problem(`${ledgerPath}:${number}: ${(error as Error).message}`);
      }
    }
  } catch (error) {
    contents.refused = `${ledgerPath}: cannot read the tag ledger (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); ignored`;
  } finally {
    await opened.handle.close();
  }
  return contents;
}

export interface LedgerReport {
  /** Answers taken from the ledger this time. */
  applied: number;
  badLines: number;
  problems: string[];
  refused: string | null;
}

/**
 * Applies ledger answers to assets with the same content hash that have no answer yet (or an older
 * one). Only hashes in the index are held in memory. A bad ledger is reported, never thrown.
 */
export async function importLedger(store: Store, ledgerPath: string): Promise<LedgerReport> {
  const { entries, userTags, problems, badLines, refused } = await readLedger(ledgerPath, (hash) => store.assetByHash(hash) !== undefined);
  let applied = 0;
  store.transaction(() => {
    for (const entry of entries.values()) {
      const asset = store.assetByHash(entry.hash);
      if (!asset) continue;
      const cloudAt = cloudAnswerDate(store.db, asset.id);
      if (asset.cloud_state === 'done' && (cloudAt ?? '') >= entry.date) continue;
      recordTagged(store, asset.id, { tags: entry.tags, model: entry.model, date: entry.date, usage: { promptTokens: 0, outputTokens: 0 }, requests: 0 });
      applied++;
    }
    importUserTags(store, userTags);
  });
  return { applied, badLines, problems, refused };
}

/** The ledger's hand tags replace the index's where they differ: every local edit is appended there first. */
function importUserTags(store: Store, userTags: ReadonlyMap<string, UserTagsEntry>): void {
  if (userTags.size === 0) return;
  const current = userTagsByHash(store.db, [...userTags.keys()]);
  for (const entry of userTags.values()) {
    const asset = store.assetByHash(entry.hash);
    if (!asset || sameTags(current.get(entry.hash) ?? [], entry.tags)) continue;
    store.replaceTags(asset.id, 'user', entry.tags.map((text): Tag => ({ text, source: 'user', field: 'keyword' })));
  }
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}

/**
 * Appends one fresh answer; written as it arrives so a crash cannot lose a paid answer. Reads only
 * the file's last byte. Throws UnsafePathError when the ledger is a link, hard-linked or too big: the
 * answer is then kept in the index only.
 */
export function appendLedgerEntry(ledgerPath: string, entry: LedgerEntry): void {
  appendStateFile(ledgerPath, `${formatLedgerLine(entry)}\n`, LEDGER_MAX_BYTES);
}

/** Appends a hash's new set of hand tags (empty: they were all removed), with the same care. */
export function appendUserTags(ledgerPath: string, entry: UserTagsEntry): void {
  appendStateFile(ledgerPath, `${formatUserTagsLine(entry)}\n`, LEDGER_MAX_BYTES);
}

/**
 * Rewrites the ledger cleanly: every readable entry it had (hashes not in this index are kept, they
 * may be a teammate's) merged with every answer in the index, one line per hash, sorted by hash; each
 * hash's hand tags on the line after its answer: the ledger's own (every edit was appended there),
 * plus hand tags of this index that never reached it. Returns the number of lines written. A ledger that cannot be used safely is left as it is (and the
 * reason thrown), so a planted link is never replaced by a file without trace.
 */
export async function exportLedger(store: Store, ledgerPath: string): Promise<number> {
  checkStateFile(ledgerPath);
  const { entries, userTags, refused } = await readLedger(ledgerPath);
  if (refused) throw new Error(refused.replace(/; ignored$/, '; not rewritten'));
  for (const answer of storedAnswers(store)) {
    if (isNewer(answer, entries.get(answer.hash))) entries.set(answer.hash, answer);
  }
  const date = new Date().toISOString();
  for (const [hash, tags] of userTagsByHash(store.db)) if (!userTags.has(hash)) userTags.set(hash, { hash, date, tags });
  const keyed = [
    ...[...entries.values()].map((entry) => ({ key: `${entry.hash} 0`, line: formatLedgerLine(entry) })),
    ...[...userTags.values()].map((entry) => ({ key: `${entry.hash} 1`, line: formatUserTagsLine(entry) })),
  ];
  const lines = keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((k) => k.line);
  writeStateFileAtomic(ledgerPath, lines.length ? `${lines.join('\n')}\n` : '');
  return lines.length;
}

/** One line for a summary: why the ledger was ignored, or how many of its lines were skipped; null when all was well. */
export function describeLedgerReport(report: LedgerReport | null): string | null {
  if (!report) return null;
  if (report.refused) return report.refused;
  if (report.badLines > 0) return `${report.badLines} unreadable line${report.badLines === 1 ? '' : 's'} of the tag ledger skipped (first: ${report.problems[0]})`;
  return null;
}
