// Brings the index up to date with the files on disk: sorts scanned files into unchanged / to compute /
// removed (keyed by content hash), computes facts, thumbnails and local tags for new content only, and
// commits each batch in one transaction so an interrupted run loses at most the batch in flight.
import type { FailedFile, Progress, Tag } from './types.ts';
import type { FileRow, Store } from './store/index.ts';
import { DEFAULT_MAX_FILE_BYTES, type ScannedFile } from './scan.ts';
import { MemoryBudget, overBudgetReason, workingSetEstimate } from './memory-budget.ts';
import { isUnsafePathError, readUntrustedBytes } from './safe-fs.ts';
import { contentHash } from './hash.ts';
import { decodeImage, ImageError, isSvgPath } from './decode.ts';
import { updateAssetFacts } from './store/assets.ts';
import { imageFacts } from './facts.ts';
import { removeThumbnails, writeThumbnail } from './thumbnail.ts';
import { embeddedTags } from './embedded-metadata.ts';
import { pathTags } from './path-tags.ts';

const BATCH_SIZE = 32;
/** Bump when decoding or local tagging changes, so that files which failed before are tried again. */
export const PIPELINE_VERSION = '4';
/** SVGs indexed before this pipeline were measured at 72 dpi and rendered cropped: measured again. */
const SVG_SIZES_SINCE = 4;

export interface IndexPlan {
  toCompute: ScannedFile[];
  unchanged: number;
  removed: string[];
  /** Unchanged files whose facts and thumbnail are computed again (an older pipeline got them wrong). */
  remeasure: Set<string>;
  /** The whole tree was planned (not just some paths): only then is the pipeline version recorded. */
  complete: boolean;
}

export interface ApplyResult {
  new: number;
  changed: number;
  failed: FailedFile[];
  removed: number;
}

interface Computed {
  file: ScannedFile;
  /** Facts recomputed for content already in the index. */
  remeasured?: boolean;
  hash?: string;
  facts?: Awaited<ReturnType<typeof imageFacts>>;
  tags?: Tag[];
  error?: string;
}

/**
 * Compares a scan with the catalogue: same size and mtime means the bytes were already read. Files that
 * failed under an older pipeline are read again, and so are SVGs measured by one that got their size wrong.
 */
export function planIndex(store: Store, scanned: readonly ScannedFile[], scope?: ReadonlySet<string>): IndexPlan {
  const stored = store.readMeta('pipeline_version');
  const retryFailed = stored !== PIPELINE_VERSION;
  const remeasureSvgs = retryFailed && !(Number(stored) >= SVG_SIZES_SINCE);
  const remeasure = new Set<string>();
  const known = new Map<string, FileRow>();
  for (const row of store.allFiles()) if (!scope || scope.has(row.path)) known.set(row.path, row);
  const toCompute: ScannedFile[] = [];
  let unchanged = 0;
  for (const file of scanned) {
    const row = known.get(file.path);
    known.delete(file.path);
    if (row && row.size === file.size && row.mtimeMs === file.mtimeMs && !(retryFailed && row.error)) {
      if (remeasureSvgs && row.assetId !== null && isSvgPath(file.path)) {
        remeasure.add(file.path);
        toCompute.push(file);
      } else unchanged++;
    } else toCompute.push(file);
  }
  return { toCompute, unchanged, removed: [...known.keys()], remeasure, complete: scope === undefined };
}

function describe(error: unknown): string {
  if (error instanceof ImageError) return error.message;
  if (isUnsafePathError(error)) return error.reason;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'file disappeared while indexing';
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

async function compute(store: Store, indexDir: string, file: ScannedFile, remeasure: boolean, budget: MemoryBudget): Promise<Computed> {
  const refused = overBudgetReason(file.path, file.size, budget.limit);
  if (refused) return { file, error: refused };
  const release = await budget.reserve(workingSetEstimate(file.path, file.size));
  try {
    // The same checks as the scan, again at open: a link or FIFO swapped in since is refused, not followed.
    const bytes = await readUntrustedBytes(file.absolutePath, Math.max(file.size, DEFAULT_MAX_FILE_BYTES), 'the image');
    if (!bytes) throw Object.assign(new Error('gone'), { code: 'ENOENT' });
    const hash = contentHash(bytes);
    if (store.assetByHash(hash)) {
      if (!remeasure) return { file, hash };
      const image = await decodeImage(file.path, bytes);
      const [facts] = await Promise.all([imageFacts(image), writeThumbnail(indexDir, hash, image, { replace: true })]);
      return { file, hash, facts, remeasured: true };
    }
    const image = await decodeImage(file.path, bytes);
    const [facts, tags] = await Promise.all([imageFacts(image), embeddedTags(file.path, bytes, image.metadata), writeThumbnail(indexDir, hash, image)]);
    return { file, hash, facts, tags };
  } catch (error) {
    return { file, error: describe(error) };
  } finally {
    release();
  }
}

function refreshPathTags(store: Store, assetIds: Iterable<number>): void {
  for (const id of assetIds) store.replaceTags(id, 'path', pathTags(store.pathsOf(id)));
}

export async function applyPlan(
  store: Store,
  indexDir: string,
  plan: IndexPlan,
  options: { onProgress?: (p: Progress) => void; signal?: AbortSignal } = {},
): Promise<ApplyResult> {
  const result: ApplyResult = { new: 0, changed: 0, failed: [], removed: 0 };
  const total = plan.toCompute.length;
  const budget = new MemoryBudget();
  for (let start = 0; start < total; start += BATCH_SIZE) {
    options.signal?.throwIfAborted();
    const batch = plan.toCompute.slice(start, start + BATCH_SIZE);
    const computed = await Promise.all(batch.map((file) => compute(store, indexDir, file, plan.remeasure.has(file.path), budget)));
    store.transaction(() => {
      const touched = new Set<number>();
      for (const item of computed) {
        const previous = store.fileByPath(item.file.path);
        if (previous?.assetId) touched.add(previous.assetId);
        if (item.error || !item.hash) {
          store.putFile({ path: item.file.path, assetId: null, size: item.file.size, mtimeMs: item.file.mtimeMs, error: item.error ?? 'unknown error' });
          result.failed.push({ path: item.file.path, reason: item.error ?? 'unknown error' });
          continue;
        }
        // Copies of the same bytes in one batch all computed facts; the first to get here makes the asset.
        let assetId = store.assetByHash(item.hash)?.id;
        if (assetId !== undefined && item.remeasured && item.facts) updateAssetFacts(store.db, assetId, item.facts);
        if (assetId === undefined && item.facts) {
          assetId = store.addAsset(item.hash, item.file.size, item.facts);
          store.replaceTags(assetId, 'embedded', item.tags ?? []);
        }
        if (assetId === undefined) continue; // Known when computed, removed since: the next run reads it again.
        store.putFile({ path: item.file.path, assetId, size: item.file.size, mtimeMs: item.file.mtimeMs, error: null });
        touched.add(assetId);
        if (previous) result.changed++;
        else result.new++;
      }
      refreshPathTags(store, [...touched].filter((id) => store.assetById(id)));
    });
    options.onProgress?.({ stage: 'index', done: Math.min(start + BATCH_SIZE, total), total, path: batch.at(-1)?.path });
  }
  // A run over a few paths (a file watcher, a pull) has not re-read what an older pipeline got wrong elsewhere.
  if (plan.complete) store.writeMeta('pipeline_version', PIPELINE_VERSION);
  store.transaction(() => {
    const touched = new Set<number>();
    for (const path of plan.removed) {
      const row = store.fileByPath(path);
      if (row?.assetId) touched.add(row.assetId);
      store.removeFile(path);
    }
    refreshPathTags(store, [...touched].filter((id) => store.pathsOf(id).length > 0));
  });
  result.removed = plan.removed.length;
  // Also the old contents of changed files, once nothing points to them.
  removeOrphans(store, indexDir);
  return result;
}

/**
 * Deletes the assets no file points to any more, then their thumbnails: rows first, so a crash in between
 * leaves at worst a stray thumbnail, never an asset without one. Returns how many went.
 */
export function removeOrphans(store: Store, indexDir: string): number {
  const hashes = store.transaction(() => store.removeOrphanAssets());
  removeThumbnails(indexDir, hashes);
  return hashes.length;
}
