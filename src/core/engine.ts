// The engine's one entry point, shared by the CLI and the VS Code extension.
// Data flows one way: scan → facts → tags → embed → index → search.
import { join, resolve } from 'node:path';
import type { AssetRecord, CloudState, Embedder, IndexStatus, IndexSummary, Progress, ReferenceScanSummary, SearchHit, SearchOptions, Tag } from './types.ts';
import type { Store } from './store/index.ts';
import { allRecords, catalogueCounts, recordByPath, type RecordRow } from './store/assets.ts';
import { cloudTotals, taggedByModel } from './store/cloud.ts';
import { facetFiles, registerSqlFunctions } from './store/search.ts';
import { tagSourcesByAsset } from './store/tags.ts';
import { changeStamp } from './store/schema.ts';
import type { Database } from './store/database.ts';
import { healedMessage, isCorruptionError, moveDamagedAside, openStoreHealing } from './index-health.ts';
import { ensureStateFolder, prepareIndexDir } from './safe-fs.ts';
import { scanPaths, scanTreeFor, type ScanResult } from './scan.ts';
import { applyPlan, planIndex, removeOrphans } from './indexer.ts';
import { embedDirtyAssets } from './embed.ts';
import { Searcher, type RankedHit, type RankedResult, type SearchResult } from './search.ts';
import { countFacets, type Facets } from './facets.ts';
import { deleteSearch, readSavedSearches, saveSearch, SEARCHES_FILE_NAME, type SavedSearch } from './saved-searches.ts';
import { findSimilar } from './similar.ts';
import { thumbnailPath } from './thumbnail.ts';
import { loadEmbedder } from './smallbrain/load-embedder.ts';
import { defaultIndexDir } from './index-folder.ts';
import { scanReferences, TEXT_FILES } from './references/scan-references.ts';
import { brokenReferences, type BrokenReference } from './references/broken.ts';
import { referencesTo, resolveReferenceTargets, rootRelativeShare, scriptsImportImages, unreferencedImagePaths, type ReferenceRow } from './store/references.ts';
import { loadResolverConfig } from './references/resolver-config.ts';
import {
  appendUserTags,
  cleanUserTags,
  describeLedgerReport,
  exportLedger,
  importLedger,
  LEDGER_FILE_NAME,
  planCloudRun,
  runCloudTagging,
  type CloudOptions,
  type CloudPlan,
  type CloudRunSummary,
  type LedgerReport,
} from './bigbrain/index.ts';

export type { CloudOptions, CloudPlan, CloudRunSummary, Facets, SavedSearch, SearchResult, RankedHit, RankedResult, BrokenReference, ReferenceRow, ReferenceScanSummary };
export { checkGeminiKey, estimateImagesCostUsd, type KeyCheck, type KeyCheckOptions, type KeyCheckStatus } from './bigbrain/index.ts';
export { emptySummary as emptyCloudSummary } from './bigbrain/run-state.ts';
export { fullSizePngFile, type FullSizePng } from './full-size-image.ts';
export { loadEmbedder };

export interface CloudTagOptions {
  /** Re-tag images that already have an answer. */
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export interface OpenOptions {
  root: string;
  indexDir?: string;
  exclude?: string[];
  modelDir?: string;
  /** An embedder to use instead of loading one from modelDir (tests, hosts that share one). */
  embedder?: Embedder;
  /** BigBrain; omitted or `enabled: false` means no cloud call at all. */
  cloud?: CloudOptions;
  /** Told once, in one line, when something the user should know happened by itself (a damaged index was rebuilt). */
  onNotice?: (message: string) => void;
  /** Folders a root-relative reference (`/img/a.png`) may mean; default public/, static/, the root. */
  publicRoots?: string[];
}

export interface IndexOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** false: local work only this run (the ledger is still read: it costs nothing). */
  cloud?: boolean;
  /** Problems that do not stop the run (an unreadable text file or tsconfig.json). */
  onWarning?: (message: string) => void;
}

const PUBLIC_ROOTS_META_KEY = 'public_roots';

export interface ReferenceStyle {
  /** Scripts reference images by relative or aliased paths (imports), so a new one should be an import. */
  importsImages: boolean;
  /** Public roots (POSIX, with a trailing `/`) whose images are mostly referenced as `/…`. */
  rootRelativeRoots: string[];
}

export { DEFAULT_INDEX_FOLDER, defaultIndexDir } from './index-folder.ts';

export class AssetLens {
  readonly root: string;
  readonly indexDir: string;
  readonly embedder: Embedder;
  private readonly exclude: string[];
  private readonly ownsEmbedder: boolean;
  private readonly cloud: CloudOptions;
  private readonly publicRoots: string[] | undefined;
  private readonly onNotice: (message: string) => void;
  private currentStore: Store;
  private searcher: Searcher;
  /** Set when a damaged index was replaced by an empty one that has not been rebuilt yet. */
  private rebuildPending = false;
  /** facets() of the whole index, until the index changes. */
  private allFacets: { db: Database; stamp: string; facets: Facets } | null = null;

  private constructor(root: string, indexDir: string, store: Store, embedder: Embedder, exclude: string[], ownsEmbedder: boolean, options: OpenOptions) {
    this.ownsEmbedder = ownsEmbedder;
    this.cloud = options.cloud ?? { enabled: false };
    this.onNotice = options.onNotice ?? (() => {});
    this.publicRoots = options.publicRoots;
    this.root = root;
    this.indexDir = indexDir;
    this.currentStore = store;
    this.embedder = embedder;
    this.exclude = exclude;
    this.searcher = new Searcher(store, embedder);
  }

  static async open(options: OpenOptions): Promise<AssetLens> {
    const root = resolve(options.root);
    const indexDir = resolve(options.indexDir ?? defaultIndexDir(root));
    // Before anything is written: the index folder must not lead out of the repository.
    prepareIndexDir(root, indexDir);
    ensureStateFolder(indexDir, 'thumbs');
    const embedder = options.embedder ?? (await loadEmbedder(options.modelDir));
    let healedFrom: string | null = null;
    const store = openStoreHealing({ indexDir, dimensions: embedder.dimensions, modelName: embedder.name }, (aside) => (healedFrom = aside));
    registerSqlFunctions(store.db);
    const lens = new AssetLens(root, indexDir, store, embedder, options.exclude ?? [], !options.embedder, options);
    if (healedFrom) lens.noteHealed(healedFrom);
    return lens;
  }

  get store(): Store {
    return this.currentStore;
  }

  private noteHealed(aside: string): void {
    this.rebuildPending = true;
    this.onNotice(healedMessage(this.store.path, aside));
  }

  /** Replaces a database that SQLite found corrupt in the middle of work with a fresh, empty one. */
  private heal(): void {
    const options = { indexDir: this.indexDir, dimensions: this.embedder.dimensions, modelName: this.embedder.name };
    this.currentStore.close();
    const aside = moveDamagedAside(this.currentStore.path);
    this.currentStore = openStoreHealing(options, () => {});
    registerSqlFunctions(this.currentStore.db);
    this.searcher = new Searcher(this.currentStore, this.embedder);
    this.noteHealed(aside);
  }

  /** Runs `work`; if SQLite reports corruption, heals the index, rebuilds it locally and runs `work` once more. */
  private async healing<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isCorruptionError(error)) throw error;
      this.heal();
      await this.rebuildIfHealed();
      return work();
    }
  }

  /** The synchronous reads: a corrupt index is healed and read empty; the next index or search rebuilds it. */
  private healingSync<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (!isCorruptionError(error)) throw error;
      this.heal();
      return work();
    }
  }

  /** After a damaged index was replaced: indexes the files locally (ledger included) before anything reads it. */
  async rebuildIfHealed(options: IndexOptions = {}): Promise<void> {
    if (!this.rebuildPending) return;
    this.rebuildPending = false;
    await this.indexUnguarded({ ...options, cloud: false });
  }

  private scanOptions() {
    return { root: this.root, skipDirectories: [this.indexDir], exclude: this.exclude };
  }

  /** Indexes the whole tree incrementally: only new and changed bytes are read and computed. */
  async index(options: IndexOptions = {}): Promise<IndexSummary> {
    this.rebuildPending = false;
    return this.healing(() => this.indexUnguarded(options));
  }

  private async indexUnguarded(options: IndexOptions): Promise<IndexSummary> {
    const started = performance.now();
    options.onProgress?.({ stage: 'scan', done: 0, total: 0 });
    // One walk lists the images and the text files the reference scan reads.
    const [scan, textFiles] = (await scanTreeFor(this.scanOptions(), [{}, TEXT_FILES])) as [ScanResult, ScanResult];
    const plan = planIndex(this.store, scan.files);
    const refusedPaths = new Set(scan.refused.map((r) => r.path));
    plan.removed = plan.removed.filter((path) => !refusedPaths.has(path));
    return this.finish(scan, plan, started, options, textFiles);
  }

  /** Indexes just these files (new, changed or deleted), e.g. after a file watcher event or a git pull. */
  async indexPaths(absolutePaths: readonly string[], options: IndexOptions = {}): Promise<IndexSummary> {
    await this.rebuildIfHealed(options);
    return this.healing(() => this.indexPathsUnguarded(absolutePaths, options));
  }

  private async indexPathsUnguarded(absolutePaths: readonly string[], options: IndexOptions): Promise<IndexSummary> {
    const started = performance.now();
    const scan = await scanPaths(this.scanOptions(), absolutePaths);
    const scope = new Set([...scan.files.map((f) => f.path), ...scan.missing]);
    const plan = planIndex(this.store, scan.files, scope);
    return this.finish(scan, plan, started, options);
  }

  /** `textFiles`: the whole tree's text files, from the walk that listed the images; absent for a few named paths. */
  private async finish(scan: ScanResult, plan: ReturnType<typeof planIndex>, started: number, options: IndexOptions, textFiles?: ScanResult): Promise<IndexSummary> {
    for (const refused of scan.refused) this.recordRefused(refused.path, refused.reason);
    const applied = await applyPlan(this.store, this.indexDir, plan, options);
    // References resolve against the image files just indexed.
    let references: ReferenceScanSummary | null = null;
    if (textFiles) references = await this.referencesFrom(undefined, options.onWarning, textFiles);
    else this.store.transaction(() => resolveReferenceTargets(this.store.db));
    // The ledger's answers (free, offline) before the first embed, so a fresh clone embeds each asset once.
    const ledger = await importLedger(this.store, this.ledgerPath);
    let embedded = await embedDirtyAssets(this.store, this.embedder, options);
    const { cloud, ledgerProblem, fromLedger } = await this.runCloud({ ...options, ledger });
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
      ledgerProblem,
      references,
      fromLedger,
      seconds: (performance.now() - started) / 1000,
    };
  }

  /**
   * Finds image references in the text files (all of them, or just these, e.g. after an edit): only
   * files whose bytes changed are read again. Warnings (an unreadable tsconfig.json) go to onWarning.
   */
  async indexReferences(absolutePaths?: readonly string[], onWarning?: (message: string) => void): Promise<ReferenceScanSummary> {
    return this.referencesFrom(absolutePaths, onWarning);
  }

  private async referencesFrom(absolutePaths?: readonly string[], onWarning?: (message: string) => void, walked?: ScanResult): Promise<ReferenceScanSummary> {
    if (this.publicRoots) this.store.writeMeta(PUBLIC_ROOTS_META_KEY, JSON.stringify(this.publicRoots));
    return scanReferences(this.store, { ...this.scanOptions(), publicRoots: this.currentPublicRoots(), onWarning }, absolutePaths, walked);
  }

  /** The public roots given when opening, else those of the last run that named some (so `refs` agrees with `index --public-root`). */
  private currentPublicRoots(): string[] | undefined {
    if (this.publicRoots) return this.publicRoots;
    const saved = this.store.readMeta(PUBLIC_ROOTS_META_KEY);
    return saved ? (JSON.parse(saved) as string[]) : undefined;
  }

  /**
   * How this project writes image references, for inserting new ones alike: whether scripts import
   * images, and the public roots (`public/`) whose images are mostly referenced root-relative (`/…`).
   */
  referenceStyle(): ReferenceStyle {
    const roots = loadResolverConfig(this.root, this.currentPublicRoots()).publicRoots.filter((root) => root !== '');
    return {
      importsImages: scriptsImportImages(this.store.db),
      rootRelativeRoots: roots.filter((root) => {
        const { total, rootRelative } = rootRelativeShare(this.store.db, root);
        return total > 0 && rootRelative * 2 > total;
      }),
    };
  }

  /** Where the image at this path is referenced, in file order. */
  references(relativePath: string): ReferenceRow[] {
    return referencesTo(this.store.db, relativePath);
  }

  /** Indexed image files that no text file references. */
  unused(): string[] {
    return unreferencedImagePaths(this.store.db);
  }

  /** References to image files that do not exist, each with a suggested target (in one text file when named). */
  async broken(relativeFile?: string): Promise<BrokenReference[]> {
    return brokenReferences(this.store, this.root, this.currentPublicRoots(), relativeFile);
  }

  get ledgerPath(): string {
    return join(this.indexDir, LEDGER_FILE_NAME);
  }

  /** Ledger answers first (free, offline), then Gemini for what has none, when the cloud is on and allowed. */
  private async runCloud(
    options: IndexOptions & { onlyAssetIds?: number[]; force?: boolean; ledger?: LedgerReport },
  ): Promise<{ cloud: CloudRunSummary | null; ledgerProblem: string | null; fromLedger: number }> {
    if (options.cloud === false || !this.cloud.enabled) {
      const report = options.ledger ?? (await importLedger(this.store, this.ledgerPath));
      return { cloud: null, ledgerProblem: describeLedgerReport(report), fromLedger: report.applied };
    }
    const cloud = await runCloudTagging({
      store: this.store,
      root: this.root,
      options: this.cloud,
      ledgerPath: this.ledgerPath,
      onProgress: options.onProgress,
      signal: options.signal,
      onlyAssetIds: options.onlyAssetIds,
      force: options.force,
      ledger: options.ledger,
    });
    return { cloud, ledgerProblem: cloud.ledgerProblem, fromLedger: cloud.fromLedger };
  }

  /** (Re-)tags these images with Gemini now, and makes the answers searchable at once. Paths not in the index are skipped. */
  async tagWithCloud(relativePaths: readonly string[], options: CloudTagOptions = {}): Promise<CloudRunSummary | null> {
    const onlyAssetIds = this.assetIdsOf(relativePaths);
    const { cloud } = await this.runCloud({ ...options, onlyAssetIds, cloud: true });
    await this.reembed(options);
    return cloud;
  }

  /** Tags what waits for Gemini (ledger answers first), up to the per-run cap; local indexing is not repeated. */
  async tagWaiting(options: CloudTagOptions = {}): Promise<CloudRunSummary | null> {
    const { cloud } = await this.runCloud({ ...options, cloud: true });
    await this.reembed(options);
    return cloud;
  }

  /** What a cloud run would send now (all waiting images, or just these paths) and what it would cost; sends nothing. */
  planCloud(relativePaths?: readonly string[]): CloudPlan {
    return planCloudRun(this.store, this.cloud, relativePaths ? this.assetIdsOf(relativePaths) : undefined);
  }

  private assetIdsOf(relativePaths: readonly string[]): number[] {
    return relativePaths.flatMap((path) => {
      const assetId = this.store.fileByPath(path)?.assetId;
      return assetId ? [assetId] : [];
    });
  }

  /** Rewrites the team ledger from the index, sorted by hash. */
  exportTags(): Promise<number> {
    return exportLedger(this.store, this.ledgerPath);
  }

  private recordRefused(path: string, reason: string): void {
    const previous = this.store.fileByPath(path);
    this.store.transaction(() => this.store.putFile({ path, assetId: null, size: previous?.size ?? 0, mtimeMs: previous?.mtimeMs ?? 0, error: reason }));
    if (previous?.assetId) removeOrphans(this.store, this.indexDir);
  }

  /** Re-embeds assets whose tags changed outside an index run (cloud answers, hand edits). */
  async reembed(options: IndexOptions = {}): Promise<number> {
    return embedDirtyAssets(this.store, this.embedder, options);
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    return (await this.searchWithWarnings(query, options)).hits;
  }

  /** Hits with the query's warnings and, when it found nothing or only weak matches, a corrected query. */
  async searchWithWarnings(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    await this.rebuildIfHealed();
    return this.healing(() => this.searcher.search(query, options));
  }

  /** The query's first `limit` hits in order, without matched tags: for listing a whole result and tagging it page by page. */
  async rankedSearch(query: string, options: Omit<SearchOptions, 'offset'> = {}): Promise<RankedResult> {
    await this.rebuildIfHealed();
    return this.healing(() => this.searcher.rank(query, options));
  }

  /** These hits of `rankedSearch(query)` with the tags that match the query. */
  async hydrateHits(query: string, hits: readonly RankedHit[]): Promise<SearchHit[]> {
    await this.rebuildIfHealed();
    return this.healing(() => this.searcher.hydrate(query, hits));
  }

  async similar(relativePath: string, options: { limit?: number } = {}): Promise<SearchHit[]> {
    await this.rebuildIfHealed();
    return this.healing(() => findSimilar(this.store, this.searcher, relativePath, options.limit ?? 20));
  }

  list(): AssetRecord[] {
    return this.healingSync(() => toRecords(allRecords(this.store.db), this.store.tagsByAsset()));
  }

  get(relativePath: string): AssetRecord | null {
    return this.healingSync(() => {
      const row = recordByPath(this.store.db, relativePath);
      if (!row) return null;
      return toRecords([row], this.store.tagsByAsset(row.id ? [row.id] : []))[0]!;
    });
  }

  /**
   * Replaces the hand-written tags of the asset at this path; searchable at once, and appended to the
   * team ledger (keyed by content hash) so a clone gets them.
   */
  async setUserTags(relativePath: string, texts: readonly string[]): Promise<string[]> {
    const file = this.store.fileByPath(relativePath);
    if (!file?.assetId) throw new Error(`${relativePath}: not in the index`);
    const asset = this.store.assetById(file.assetId)!;
    const tags = cleanUserTags(texts);
    try {
      appendUserTags(this.ledgerPath, { hash: asset.hash, date: new Date().toISOString(), tags });
    } catch (error) {
      // A ledger planted as a link (or over its cap) is never written; the tags still count here.
      this.onNotice(`${(error as Error).message.split('\n')[0]}; hand tags kept in this index only`);
    }
    this.store.transaction(() => this.store.replaceTags(asset.id, 'user', tags.map((text): Tag => ({ text, source: 'user', field: 'keyword' }))));
    await this.reembed();
    return tags;
  }

  /** Adds and removes hand-written tags (removal ignores case); returns the tags as they now are. */
  async editUserTags(relativePath: string, edit: { add?: readonly string[]; remove?: readonly string[] }): Promise<string[]> {
    const file = this.store.fileByPath(relativePath);
    if (!file?.assetId) throw new Error(`${relativePath}: not in the index`);
    const removed = new Set((edit.remove ?? []).map((t) => t.trim().toLowerCase()));
    const current = this.store.tagsOf(file.assetId).filter((t) => t.source === 'user').map((t) => t.text);
    return this.setUserTags(relativePath, [...current.filter((t) => !removed.has(t.toLowerCase())), ...(edit.add ?? [])]);
  }

  /**
   * Files per folder (every folder on the way, e.g. `icons` and `icons/social`; `.` for the top level),
   * type, colour, orientation and tag source, over the files a query finds (every file without one).
   */
  async facets(query?: string): Promise<Facets> {
    if (!query?.trim()) {
      // Asked for again after every search and index batch: counted once per change to the index.
      const stamp = changeStamp(this.store.db);
      if (this.allFacets?.stamp !== stamp || this.allFacets.db !== this.store.db) {
        this.allFacets = { db: this.store.db, stamp, facets: countFacets(facetFiles(this.store.db, null), tagSourcesByAsset(this.store.db, null)) };
      }
      return this.allFacets.facets;
    }
    const { ids, filter } = await this.searcher.matchingAssets(query);
    const files = facetFiles(this.store.db, ids, filter);
    return countFacets(files, tagSourcesByAsset(this.store.db, ids ?? [...new Set(files.map((f) => f.assetId))]));
  }

  get savedSearchesPath(): string {
    return join(this.indexDir, SEARCHES_FILE_NAME);
  }

  /** The team's saved searches, by name. */
  async savedSearches(): Promise<SavedSearch[]> {
    return (await readSavedSearches(this.savedSearchesPath)).searches;
  }

  /** Saves (or replaces) a named query, filters included, in the committable searches.json. */
  async saveSearch(name: string, query: string): Promise<SavedSearch[]> {
    return saveSearch(this.savedSearchesPath, name, query);
  }

  /** Whether there was a saved search of this name to delete. */
  async deleteSearch(name: string): Promise<boolean> {
    return deleteSearch(this.savedSearchesPath, name);
  }

  status(): IndexStatus {
    return this.healingSync(() => this.statusUnguarded());
  }

  private statusUnguarded(): IndexStatus {
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
      cloud: { tokensIn, tokensOut, estimatedCostUsd: costUsd, byModel: taggedByModel(this.store.db) },
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
