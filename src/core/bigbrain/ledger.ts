// The committable ledger (.vscode/asset-lens/tags.jsonl): one JSON line per content hash with the
// model, the date and the tags, sorted by hash so diffs stay small and merges easy. Read before any
// cloud call, so a team pays for each image once and a clone without a key still gets full search.
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Store } from '../store/index.ts';
import { cloudAnswerDate } from '../store/cloud.ts';
import type { CloudTags } from '../types.ts';
import { recordTagged, storedAnswers, type StoredAnswer } from './cloud-records.ts';
import { coerceCloudTags } from './prompt-and-schema.ts';

export const LEDGER_FILE_NAME = 'tags.jsonl';

export type LedgerEntry = StoredAnswer;

const HASH_PATTERN = /^[0-9a-f]{16,128}$/;

export function formatLedgerLine(entry: LedgerEntry): string {
  const { caption, tags, objects, style, mood, colors, text, altText }: CloudTags = entry.tags;
  return JSON.stringify({ hash: entry.hash, model: entry.model, date: entry.date, caption, tags, objects, style, mood, colors, text, altText });
}

function parseLedgerLine(line: string): LedgerEntry {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error('not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  const record = value as Record<string, unknown>;
  if (typeof record.hash !== 'string' || !HASH_PATTERN.test(record.hash)) throw new Error('no valid "hash"');
  return {
    hash: record.hash,
    model: typeof record.model === 'string' ? record.model : '',
    date: typeof record.date === 'string' ? record.date : '',
    tags: coerceCloudTags(record),
  };
}

function isNewer(candidate: LedgerEntry, current: LedgerEntry | undefined): boolean {
  return !current || candidate.date >= current.date;
}

export interface LedgerContents {
  entries: Map<string, LedgerEntry>;
  /** One line per unreadable line: "<file>:<line>: <reason>". */
  problems: string[];
}

/** Reads the ledger; a hash listed twice (e.g. after a merge) keeps its newest answer. */
export function readLedger(ledgerPath: string): LedgerContents {
  const entries = new Map<string, LedgerEntry>();
  const problems: string[] = [];
  if (!existsSync(ledgerPath)) return { entries, problems };
  const lines = readFileSync(ledgerPath, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    try {
      const entry = parseLedgerLine(line);
      if (isNewer(entry, entries.get(entry.hash))) entries.set(entry.hash, entry);
    } catch (error) {
      problems.push(`${ledgerPath}:${index + 1}: ${(error as Error).message}`);
    }
  });
  return { entries, problems };
}

/**
 * Applies ledger answers to assets with the same content hash that have no answer yet (or an older
 * one). Returns how many were applied. Unreadable lines are reported through `onProblem` and skipped.
 */
export function importLedger(store: Store, ledgerPath: string, onProblem?: (problem: string) => void): number {
  const { entries, problems } = readLedger(ledgerPath);
  problems.forEach((problem) => onProblem?.(problem));
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
  });
  return applied;
}

/** Appends one fresh answer; written as it arrives so a crash cannot lose a paid answer. */
export function appendLedgerEntry(ledgerPath: string, entry: LedgerEntry): void {
  mkdirSync(dirname(ledgerPath), { recursive: true });
  let prefix = '';
  if (existsSync(ledgerPath)) {
    const content = readFileSync(ledgerPath);
    if (content.length > 0 && content[content.length - 1] !== 0x0a) prefix = '\n';
  }
  appendFileSync(ledgerPath, `${prefix}${formatLedgerLine(entry)}\n`);
}

/**
 * Rewrites the ledger cleanly: every readable entry it had (hashes not in this index are kept, they
 * may be a teammate's) merged with every answer in the index, one line per hash, sorted by hash.
 * Returns the number of lines written.
 */
export function exportLedger(store: Store, ledgerPath: string): number {
  const { entries } = readLedger(ledgerPath);
  for (const answer of storedAnswers(store)) {
    if (isNewer(answer, entries.get(answer.hash))) entries.set(answer.hash, answer);
  }
  const lines = [...entries.values()].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0)).map(formatLedgerLine);
  mkdirSync(dirname(ledgerPath), { recursive: true });
  const temporary = `${ledgerPath}.${process.pid}.tmp`;
  writeFileSync(temporary, lines.length ? `${lines.join('\n')}\n` : '');
  renameSync(temporary, ledgerPath);
  return lines.length;
}
