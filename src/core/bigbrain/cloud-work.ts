// Which images a run would send: assets without an answer, each with one file path that no cloud
// exclude glob covers. An asset whose every path is excluded is 'skipped' and never leaves the machine.
import picomatch from 'picomatch';
import type { Store } from '../store/index.ts';
import { cloudCandidates } from '../store/cloud.ts';
import type { CloudState } from '../types.ts';
import { estimateImagesCostUsd } from './cost.ts';
import { resolveCloudOptions, type CloudOptions, type ResolvedCloudOptions } from './options.ts';

export interface CloudWorkItem {
  assetId: number;
  hash: string;
  /** POSIX path relative to the root; read locally, never sent. */
  path: string;
  /** The cloud state when the work was selected; a claim succeeds only if it is still this. */
  state: CloudState;
}

export interface CloudWork {
  items: CloudWorkItem[];
  /** Assets all of whose paths are excluded from the cloud. */
  excludedAssetIds: number[];
  /** Items left for a later run by maxImagesPerRun. */
  deferred: number;
}

export function cloudExcludeMatcher(patterns: readonly string[]): (path: string) => boolean {
  if (patterns.length === 0) return () => false;
  return picomatch([...patterns], { dot: true });
}

export function selectCloudWork(
  store: Store,
  options: ResolvedCloudOptions,
  selection: { onlyAssetIds?: readonly number[]; force?: boolean; withheldHashes?: ReadonlySet<string> } = {},
): CloudWork {
  const isExcluded = cloudExcludeMatcher(options.exclude);
  const items: CloudWorkItem[] = [];
  const excludedAssetIds: number[] = [];
  for (const candidate of cloudCandidates(store.db, selection.onlyAssetIds, selection.force)) {
    if (selection.withheldHashes?.has(candidate.hash)) continue;
    const paths = store.pathsOf(candidate.id);
    if (paths.length === 0) continue;
    const sendable = paths.find((path) => !isExcluded(path));
    if (sendable === undefined) excludedAssetIds.push(candidate.id);
    else items.push({ assetId: candidate.id, hash: candidate.hash, path: sendable, state: candidate.state });
  }
  const limit = options.maxImagesPerRun;
  return { items: items.slice(0, limit), excludedAssetIds, deferred: Math.max(0, items.length - limit) };
}

export interface CloudPlan {
  /** Images the next run would send (at most the cap). */
  images: number;
  /** Images beyond the cap, left for later runs. */
  overCap: number;
  /** For `images`, at the model's price. */
  estimatedCostUsd: number;
  /** Assets whose every path is excluded from the cloud. */
  skipped: number;
  model: string;
  maxImagesPerRun: number;
}

/** What a run would send now and what it would cost: nothing is written and nothing is sent. Import the ledger first for an exact count. */
export function planCloudRun(store: Store, options: CloudOptions, onlyAssetIds?: readonly number[]): CloudPlan {
  const resolved = resolveCloudOptions(options);
  const empty = { images: 0, overCap: 0, estimatedCostUsd: 0, skipped: 0, model: resolved.model, maxImagesPerRun: resolved.maxImagesPerRun };
  if (!resolved.enabled) return empty;
  const work = selectCloudWork(store, resolved, { onlyAssetIds });
  return {
    ...empty,
    images: work.items.length,
    overCap: work.deferred,
    estimatedCostUsd: estimateImagesCostUsd(work.items.length, resolved.model, resolved.batch ? 'batch' : 'interactive'),
    skipped: work.excludedAssetIds.length,
  };
}
