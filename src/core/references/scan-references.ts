// The reference stage: walks the text files (same .gitignore and exclude rules as the image scan),
// re-reads only files whose size or mtime changed, re-extracts only those whose bytes changed (content
// hash), and stores each reference with its candidate targets. Binary and oversized files are skipped.
import type { Store } from '../store/index.ts';
import type { ReferenceScanSummary } from '../types.ts';
import { scanPaths, scanTree, type ScanKind, type ScannedFile, type ScanOptions, type ScanResult } from '../scan.ts';
import { contentHash } from '../hash.ts';
import { isReferenceSourcePath } from './languages.ts';
import { EXTRACTOR_VERSION, extractReferences, positions } from './extract.ts';
import { candidatesFor } from './resolve.ts';
import { readUntrustedBytesSync } from '../safe-fs.ts';
import { loadResolverConfig, type ResolverConfig } from './resolver-config.ts';
import {
  clearReferences,
  removeTextFile,
  replaceFileReferences,
  resolveReferenceTargets,
  textFileCatalogue,
  touchTextFile,
  type NewReference,
} from '../store/references.ts';

/** Text files larger than this are generated or data, not hand-written code: skipped. */
export const MAX_TEXT_FILE_BYTES = 2 * 1024 * 1024;
const BATCH_SIZE = 128;
const CONFIG_META_KEY = 'references_config';

/** The text files the reference scan lists: its part of a walk shared with the image scan. */
export const TEXT_FILES: ScanKind = { accept: isReferenceSourcePath, maxFileBytes: MAX_TEXT_FILE_BYTES };

export interface ReferenceScanOptions extends Pick<ScanOptions, 'root' | 'skipDirectories' | 'exclude'> {
  publicRoots?: readonly string[];
  /** Warnings that do not stop the scan (an unreadable tsconfig.json). */
  onWarning?: (message: string) => void;
}

interface Read {
  file: ScannedFile;
  hash: string;
  text: string | null;
}

/** A NUL byte in the first 8 KB means binary, as git decides it. */
function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

export function referencesIn(path: string, text: string, config: ResolverConfig): NewReference[] {
  const found = extractReferences(path, text);
  const at = positions(
    text,
    found.map((f) => f.offset),
  );
  const references: NewReference[] = [];
  found.forEach((reference, i) => {
    const candidates = candidatesFor(reference.text, reference.context, path, config);
    if (candidates) references.push({ ...at[i]!, text: reference.text, candidates });
  });
  return references;
}

/**
 * Brings the references up to date: every text file under the root (listed by `walked`, the TEXT_FILES
 * part of a walk already made, else by a walk of its own), or just `absolutePaths` (a watcher event).
 * Targets are resolved against the image files in the index afterwards, so run it after them.
 */
export async function scanReferences(store: Store, options: ReferenceScanOptions, absolutePaths?: readonly string[], walked?: ScanResult): Promise<ReferenceScanSummary> {
  const db = store.db;
  const started = performance.now();
  const config = loadResolverConfig(options.root, options.publicRoots, options.onWarning);
  const fingerprint = JSON.stringify({ extractor: EXTRACTOR_VERSION, ...config });
  let catalogue = textFileCatalogue(db);
  if (store.readMeta(CONFIG_META_KEY) !== fingerprint) {
    // Aliases, public roots or what the extractors find changed: every file is read again.
    store.transaction(() => {
      clearReferences(db);
      store.writeMeta(CONFIG_META_KEY, fingerprint);
    });
    catalogue = new Map();
    absolutePaths = undefined;
  }
  const scanOptions: ScanOptions = { ...options, ...TEXT_FILES };
  const scan = absolutePaths ? await scanPaths(scanOptions, absolutePaths) : { ...(walked ?? (await scanTree(scanOptions))), missing: [] };
  const scope = absolutePaths ? new Set([...scan.files.map((f) => f.path), ...scan.refused.map((r) => r.path), ...scan.missing]) : null;
  const stale = new Set([...catalogue.keys()].filter((path) => !scope || scope.has(path)));
  const toRead: ScannedFile[] = [];
  for (const file of scan.files) {
    stale.delete(file.path);
    const known = catalogue.get(file.path);
    if (!known || known.size !== file.size || known.mtimeMs !== file.mtimeMs) toRead.push(file);
  }
  const summary: ReferenceScanSummary = { textFiles: scan.files.length + scan.refused.length, read: toRead.length, extracted: 0, removed: stale.size, skipped: scan.refused.length, seconds: 0 };

  for (let start = 0; start < toRead.length; start += BATCH_SIZE) {
    const batch = toRead.slice(start, start + BATCH_SIZE);
    await new Promise((resolve) => setImmediate(resolve));
    const reads = batch.map((file) => readTextFile(file, options.onWarning));
    store.transaction(() => {
      for (const read of reads) {
        if (!read) continue;
        const row = { path: read.file.path, hash: read.hash, size: read.file.size, mtimeMs: read.file.mtimeMs };
        const known = catalogue.get(read.file.path);
        if (known?.hash === read.hash) {
          touchTextFile(db, row);
          continue;
        }
        if (read.text === null) summary.skipped++;
        else summary.extracted++;
        replaceFileReferences(db, row, read.text === null ? [] : referencesIn(read.file.path, read.text, config), !known);
      }
    });
  }
  store.transaction(() => {
    for (const path of stale) removeTextFile(db, path);
    resolveReferenceTargets(db);
  });
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** Synchronous: small files read faster so than through the thread pool; batches keep the event loop turning. */
function readTextFile(file: ScannedFile, onWarning?: (message: string) => void): Read | null {
  try {
    const bytes = readUntrustedBytesSync(file.absolutePath, MAX_TEXT_FILE_BYTES, 'the file');
    if (!bytes) throw Object.assign(new Error('gone'), { code: 'ENOENT' });
    const hash = contentHash(bytes);
    return { file, hash, text: isBinary(bytes) ? null : bytes.toString('utf8') };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message?.split('\n')[0] ?? String(error);
    onWarning?.(`${file.path}: cannot read (${reason}); its references are kept as they were`);
    return null;
  }
}
