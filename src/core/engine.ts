// The engine's one entry point, shared by the CLI and the VS Code extension.
// Data flows one way: scan → facts → tags → embed → index → search.
import { join, resolve } from 'node:path';
import type { AssetRecord, CloudState, Embedder, IndexStatus, IndexSummary, Progress, SearchHit, SearchMode, Tag } from './types.ts';
import { Store } from './store/index.ts';
import { allRecords, catalogueCounts, folderCounts, formatCounts, orientationCounts, palettes, recordByPath, type RecordRow } from './store/assets.ts';
import { cloudTotals } from './store/cloud.ts';
import { registerSqlFunctions } from './store/search.ts';
import { tagSourceCounts } from './store/tags.ts';
import { scanPaths, scanTree, type ScanResult } from './scan.ts';
import { applyPlan, planIndex } from './indexer.ts';
import { embedDirtyAssets } from './embed.ts';
import { Searcher, type SearchResult } from './search.ts';
import { colorNamesOf } from './palette.ts';
import { findSimilar } from './similar.ts';
import { thumbnailPath } from './thumbnail.ts';
import { loadEmbedder } from './smallbrain/load-embedder.ts';
import {
  exportLedger,
  importLedger,
  LEDGER_FILE_NAME,
  planCloudRun,
  runCloudTagging,
  DEFAULT_CLOUD_MODEL,
  type CloudOptions,
  type CloudRunSummary,
} from './bigbrain/index.ts';

export type { CloudOptions, CloudRunSummary };

export interface OpenOptions {
  root: string;
  indexDir?: string;
  exclude?: string[];
  modelDir?: string;
  /** An embedder to use instead of loading one from modelDir (tests, hosts that share one). */
  embedder?: Embedder;
  /** BigBrain; omitted or `enabled: false` means no cloud call at all. */
  cloud?: CloudOptions;
}

export interface IndexOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** false: local work only this run (the ledger is still read: it costs nothing). */
  cloud?: boolean;
}

export const DEFAULT_INDEX_FOLDER = join('.vscode', 'asset-lens');

export function defaultIndexDir(root: string): string {
  return join(root, DEFAULT_INDEX_FOLDER);
}

export class AssetLens {
  readonly root: string;
  readonly indexDir: string;
  readonly store: Store;
  readonly embedder: Embedder;
  private readonly exclude: string[];
  private readonly searcher: Searcher;
  private readonly ownsEmbedder: boolean;
  private readonly cloud: CloudOptions;

  private constructor(root: string, indexDir: string, store: Store, embedder: Embedder, exclude: string[], ownsEmbedder: boolean, cloud: CloudOptions) {
    this.ownsEmbedder = ownsEmbedder;
    this.cloud = cloud;
    this.root = root;
    this.indexDir = indexDir;
    this.store = store;
    this.embedder = embedder;
    this.exclude = exclude;
    this.searcher = new Searcher(store, embedder);
  }

  static async open(options: OpenOptions): Promise<AssetLens> {
    const root = resolve(options.root);
    const indexDir = resolve(options.indexDir ?? defaultIndexDir(root));
    const embedder = options.embedder ?? (await loadEmbedder(options.modelDir));
    const store = Store.open({ indexDir, dimensions: embedder.dimensions, modelName: embedder.name });
    registerSqlFunctions(store.db);
    return new AssetLens(root, indexDir, store, embedder, options.exclude ?? [], !options.embedder, options.cloud ?? { enabled: false });
  }

  private scanOptions() {
    return { root: this.root, skipDirectories: [this.indexDir], exclude: this.exclude };
  }

  /** Indexes the whole tree incrementally: only new and changed bytes are read and computed. */
  async index(options: IndexOptions = {}): Promise<IndexSummary> {
    const started = performance.now();
    options.onProgress?.({ stage: 'scan', done: 0, total: 0 });
    const scan = await scanTree(this.scanOptions());
    const plan = planIndex(this.store, scan.files);
    const refusedPaths = new Set(scan.refused.map((r) => r.path));
    plan.removed = plan.removed.filter((path) => !refusedPaths.has(path));
    return this.finish(scan, plan, started, options);
  }

  /** Indexes just these files (new, changed or deleted), e.g. after a file watcher event or a git pull. */
  async indexPaths(absolutePaths: readonly string[], options: IndexOptions = {}): Promise<IndexSummary> {
    const started = performance.now();
    const scan = await scanPaths(this.scanOptions(), absolutePaths);
    const scope = new Set([...scan.files.map((f) => f.path), ...scan.missing]);
    const plan = planIndex(this.store, scan.files, scope);
    return this.finish(scan, plan, started, options);
  }

  private async finish(scan: ScanResult, plan: ReturnType<typeof planIndex>, started: number, options: IndexOptions): Promise<IndexSummary> {
    for (const refused of scan.refused) this.recordRefused(refused.path, refused.reason);
    const applied = await applyPlan(this.store, this.indexDir, plan, options);
    let embedded = await embedDirtyAssets(this.store, this.embedder, options);
    const cloud = await this.runCloud(options);
    embedded += await embedDirtyAssets(this.store, this.embedder, options);
    return {
      files: scan.files.length + scan.refused.length,
      new: applied.new,
      changed: applied.changed,
      unchanged: plan.unchanged,
      removed: applied.removed,
      failed: [...scan.refused, ...applied.failed],
      embedded,
      cloud,
      seconds: (performance.now() - started) / 1000,
    };
  }

  get ledgerPath(): string {
    return join(this.indexDir, LEDGER_FILE_NAME);
  }

  /** Ledger answers first (free, offline), then Gemini for what has none, when the cloud is on and allowed. */
  private async runCloud(options: IndexOptions & { onlyAssetIds?: number[]; force?: boolean }): Promise<CloudRunSummary | null> {
    if (options.cloud === false || !this.cloud.enabled) {
      this.store.transaction(() => importLedger(this.store, this.ledgerPath));
      return null;
    }
    return runCloudTagging({
      store: this.store,
      root: this.root,
      options: this.cloud,
      ledgerPath: this.ledgerPath,
      onProgress: options.onProgress,
      signal: options.signal,
      onlyAssetIds: options.onlyAssetIds,
      force: options.force,
    });
  }

  /** (Re-)tags these images with Gemini now, and makes the answers searchable at once. */
  async tagWithCloud(relativePaths: readonly string[], options: { force?: boolean; signal?: AbortSignal; onProgress?: (p: Progress) => void } = {}): Promise<CloudRunSummary | null> {
    const onlyAssetIds = relativePaths.map((path) => {
      const file = this.store.fileByPath(path);
      if (!file?.assetId) throw new Error(`${path}: not in the index`);
      return file.assetId;
    });
    const summary = await this.runCloud({ ...options, onlyAssetIds, cloud: true });
    await this.reembed(options);
    return summary;
  }

  /** What a cloud run would send now, and what it would cost; sends nothing. */
  planCloud(): { images: number; estimatedCostUsd: number; skipped: number; model: string } {
    return { ...planCloudRun(this.store, this.cloud), model: this.cloud.model ?? DEFAULT_CLOUD_MODEL };
  }

  /** Rewrites the team ledger from the index, sorted by hash. */
  exportTags(): number {
    return exportLedger(this.store, this.ledgerPath);
  }

  private recordRefused(path: string, reason: string): void {
    const previous = this.store.fileByPath(path);
    this.store.transaction(() => {
      this.store.putFile({ path, assetId: null, size: previous?.size ?? 0, mtimeMs: previous?.mtimeMs ?? 0, error: reason });
      if (previous?.assetId) this.store.removeOrphanAssets();
    });
  }

  /** Re-embeds assets whose tags changed outside an index run (cloud answers, hand edits). */
  async reembed(options: IndexOptions = {}): Promise<number> {
    return embedDirtyAssets(this.store, this.embedder, options);
  }

  async search(query: string, options: { limit?: number; mode?: SearchMode; offset?: number } = {}): Promise<SearchHit[]> {
    return (await this.searchWithWarnings(query, options)).hits;
  }

  async searchWithWarnings(query: string, options: { limit?: number; mode?: SearchMode; offset?: number } = {}): Promise<SearchResult> {
    return this.searcher.search(query, options);
  }

  async similar(relativePath: string, options: { limit?: number } = {}): Promise<SearchHit[]> {
    return findSimilar(this.store, this.searcher, relativePath, options.limit ?? 20);
  }

  list(): AssetRecord[] {
    return toRecords(allRecords(this.store.db), this.store.tagsByAsset());
  }

  get(relativePath: string): AssetRecord | null {
    const row = recordByPath(this.store.db, relativePath);
    if (!row) return null;
    return toRecords([row], this.store.tagsByAsset(row.id ? [row.id] : []))[0]!;
  }

  /** Replaces the hand-written tags of the asset at this path; searchable at once. */
  async setUserTags(relativePath: string, texts: readonly string[]): Promise<void> {
    const file = this.store.fileByPath(relativePath);
    if (!file?.assetId) throw new Error(`${relativePath}: not in the index`);
    const tags = [...new Set(texts.map((t) => t.trim()).filter(Boolean))].map((text): Tag => ({ text, source: 'user', field: 'keyword' }));
    this.store.transaction(() => this.store.replaceTags(file.assetId!, 'user', tags));
    await this.reembed();
  }

  facets(): Facets {
    const db = this.store.db;
    return {
      folders: folderCounts(db),
      formats: formatCounts(db),
      orientations: orientationCounts(db),
      sources: tagSourceCounts(db),
      colors: this.colorFacet(),
    };
  }

  /** Assets per colour name: exactly what a `color:<name>` filter finds. */
  private colorFacet(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const palette of palettes(this.store.db)) {
      for (const name of colorNamesOf(JSON.parse(palette) as string[])) counts[name] = (counts[name] ?? 0) + 1;
    }
    return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
  }

  status(): IndexStatus {
    const { tagged, tokensIn, tokensOut, costUsd } = cloudTotals(this.store.db);
    const counts = catalogueCounts(this.store.db);
    return {
      files: counts.files,
      assets: counts.assets,
      tagged,
      pending: counts.pending,
      failed: counts.failedFiles + counts.failedAssets,
      failedFiles: counts.failedFiles,
      blocked: counts.blocked,
      indexBytes: this.store.sizeOnDisk(),
      model: this.embedder.name,
      cloud: { tokensIn, tokensOut, estimatedCostUsd: costUsd },
    };
  }

  thumbnailPath(hash: string): string {
    return thumbnailPath(this.indexDir, hash);
  }

  close(): void {
    this.store.close();
    if (this.ownsEmbedder) void this.embedder.dispose();
  }
}

export interface Facets {
  folders: Record<string, number>;
  formats: Record<string, number>;
  orientations: Record<string, number>;
  sources: Record<string, number>;
  colors: Record<string, number>;
}

function toRecords(rows: readonly RecordRow[], tags: ReadonlyMap<number, Tag[]>): AssetRecord[] {
  return rows.map((row) => ({
    path: row.path,
    hash: row.hash ?? '',
    width: row.width,
    height: row.height,
    format: row.format,
    tags: row.id ? (tags.get(row.id) ?? []) : [],
    caption: row.caption,
    palette: row.palette ? (JSON.parse(row.palette) as string[]) : [],
    error: row.error,
    cloud: row.id ? { state: row.cloud_state, error: row.cloud_error } : { state: 'none' as CloudState, error: null },
  }));
}
