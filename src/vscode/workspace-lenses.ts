import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import type { AssetLens, RankedHit } from '../core/engine.ts';
import type { SavedSearch } from '../core/saved-searches.ts';
import type { Embedder, IndexStatus, SearchSort } from '../core/types.ts';
import { assertNativeSupport } from '../core/natives.ts';
import type { ApiKeyStore } from './api-key.ts';
import { indexDirFor } from './index-dir.ts';
import { mergeHits, type FolderHit, type FolderRankedHit } from './merge-hits.ts';
import { describe } from './errors.ts';
import { IndexActivity } from './index-activity.ts';
import { readSettings } from './settings.ts';
import { resolveInsideWorkspace } from './workspace-path.ts';

type EngineModule = typeof import('../core/engine.ts');

interface Entry {
  lens: Promise<AssetLens>;
  /** Writes (indexing, tagging, tag edits) run one at a time per folder; searches never wait for them. */
  queue: Promise<unknown>;
}

export interface AssetLocation {
  folder: vscode.WorkspaceFolder;
  /** POSIX path relative to the folder. */
  path: string;
}

/**
 * One AssetLens per workspace folder, opened on first use, all sharing one SmallBrain model. The
 * engine module — and with it the native modules — is loaded only then, which keeps activation cheap.
 */
export class WorkspaceLenses implements vscode.Disposable {
  readonly #apiKeys: ApiKeyStore;
  readonly #log: vscode.LogOutputChannel;
  readonly #entries = new Map<string, Entry>();
  readonly #onDidWrite = new vscode.EventEmitter<void>();
  readonly #onDidReset = new vscode.EventEmitter<void>();
  readonly #shownErrors = new Map<string, string>();
  #engine: Promise<EngineModule> | undefined;
  /** One SmallBrain model for every folder: loaded with the first index, kept across reopenings. */
  #embedder: Promise<Embedder> | undefined;
  #cloudRuns = new AbortController();

  /** Index runs in progress, for progress shown outside their own notification. */
  readonly activity = new IndexActivity();
  readonly #onDidChangeSavedSearches = new vscode.EventEmitter<void>();
  /** Fires when a saved search was added or deleted here. */
  readonly onDidChangeSavedSearches = this.#onDidChangeSavedSearches.event;
  /** Fires after indexing or tagging changed an index. */
  readonly onDidWrite = this.#onDidWrite.event;
  /** Fires when settings, the API key or trust changed, so cloud availability may have too. */
  readonly onDidReset = this.#onDidReset.event;

  constructor(apiKeys: ApiKeyStore, log: vscode.LogOutputChannel) {
    this.#apiKeys = apiKeys;
    this.#log = log;
  }

  get folders(): readonly vscode.WorkspaceFolder[] {
    return vscode.workspace.workspaceFolders ?? [];
  }

  /** Whether at least one index is open (so reading status does not load anything). */
  get isOpen(): boolean {
    return this.#entries.size > 0;
  }

  indexDir(folder: vscode.WorkspaceFolder): string {
    return indexDirFor(readSettings(folder.uri).indexDir, folder.uri.fsPath, folder.name);
  }

  /** The API key if cloud tagging may run for this folder: trusted workspace, enabled, key present. */
  async cloudKey(folder: vscode.WorkspaceFolder): Promise<string | undefined> {
    if (!vscode.workspace.isTrusted || !readSettings(folder.uri).cloudEnabled) return undefined;
    return this.#apiKeys.get();
  }

  lens(folder: vscode.WorkspaceFolder): Promise<AssetLens> {
    return this.#entry(folder).lens;
  }

  /** Runs `work` after the folder's earlier writes, then tells listeners the index changed. */
  write<T>(folder: vscode.WorkspaceFolder, work: (lens: AssetLens) => Promise<T>): Promise<T> {
    const entry = this.#entry(folder);
    const result = entry.queue.then(() => entry.lens).then(work);
    entry.queue = result.catch(() => undefined).finally(() => this.#onDidWrite.fire());
    return result;
  }

  /** Searches every folder: the merged hits with their matched tags (`rank`, then `hydrate` of them all). */
  async search(query: string, limit: number, sort: SearchSort = 'relevance'): Promise<{ hits: FolderHit[]; warnings: string[]; didYouMean: string | null }> {
    const ranked = await this.rank(query, limit, sort);
    return { ...ranked, hits: await this.hydrate(query, ranked.hits) };
  }

  /**
   * Ranks the query in every folder and merges the hits in `sort` order (without matched tags: see
   * `hydrate`), with the query's warnings (unknown colour...) and a spelling the indexes know when the
   * query looks mistyped. A folder that fails is logged and skipped; with a single folder the error is thrown.
   */
  async rank(query: string, limit: number, sort: SearchSort = 'relevance'): Promise<{ hits: FolderRankedHit[]; warnings: string[]; didYouMean: string | null }> {
    const warnings = new Set<string>();
    let didYouMean: string | null = null;
    const perFolder = await Promise.all(
      this.folders.map(async (folder): Promise<RankedHit[]> => {
        try {
          const result = await (await this.lens(folder)).rankedSearch(query, { limit, sort });
          result.warnings.forEach((warning) => warnings.add(warning));
          didYouMean ??= result.didYouMean;
          return result.hits;
        } catch (error) {
          this.#log.error(`search in ${folder.name} failed: ${describe(error)}`);
          if (this.folders.length === 1) throw error;
          return [];
        }
      }),
    );
    return { hits: mergeHits(perFolder, limit, sort), warnings: [...warnings], didYouMean };
  }

  /** These ranked hits of the query with their matched tags, each asked of its own folder; a folder that fails gives no tags. */
  async hydrate(query: string, hits: readonly FolderRankedHit[]): Promise<FolderHit[]> {
    const tagged = new Map<FolderRankedHit, FolderHit>();
    const byFolder = new Map<number, FolderRankedHit[]>();
    for (const hit of hits) {
      const list = byFolder.get(hit.folder);
      if (list) list.push(hit);
      else byFolder.set(hit.folder, [hit]);
    }
    for (const [index, inFolder] of byFolder) {
      const folder = this.folders[index];
      try {
        const hydrated = folder ? await (await this.lens(folder)).hydrateHits(query, inFolder) : [];
        inFolder.forEach((hit, i) => tagged.set(hit, { ...hit, tags: hydrated[i]?.tags ?? [] }));
      } catch (error) {
        this.#log.error(`tags of hits in ${folder?.name ?? index} failed: ${describe(error)}`);
      }
    }
    return hits.map((hit) => tagged.get(hit) ?? { ...hit, tags: [] });
  }

  /** The saved searches of every folder, by name (the first folder wins a name clash). */
  async savedSearches(): Promise<SavedSearch[]> {
    const byName = new Map<string, SavedSearch>();
    for (const folder of this.folders) {
      try {
        for (const saved of await (await this.lens(folder)).savedSearches()) if (!byName.has(saved.name)) byName.set(saved.name, saved);
      } catch (error) {
        this.#log.error(`saved searches of ${folder.name}: ${describe(error)}`);
      }
    }
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Saves into the first folder's searches file (committed, so the team shares it). */
  async saveSearch(name: string, query: string): Promise<void> {
    const [folder] = this.folders;
    if (!folder) throw new Error('open a folder to save searches');
    await (await this.lens(folder)).saveSearch(name, query);
    this.#onDidChangeSavedSearches.fire();
  }

  async deleteSearch(name: string): Promise<void> {
    for (const folder of this.folders) await (await this.lens(folder)).deleteSearch(name);
    this.#onDidChangeSavedSearches.fire();
  }

  async similar(folder: vscode.WorkspaceFolder, path: string, limit: number): Promise<FolderHit[]> {
    const hits = await (await this.lens(folder)).similar(path, { limit });
    return hits.map((hit) => ({ ...hit, folder: folder.index }));
  }

  /** Where a hit lives and its thumbnail file; undefined if its folder left the workspace meanwhile. */
  async resolveHit(hit: FolderRankedHit): Promise<{ folder: vscode.WorkspaceFolder; thumbnail: vscode.Uri } | undefined> {
    const folder = this.folders[hit.folder];
    if (!folder) return undefined;
    const lens = await this.lens(folder);
    return { folder, thumbnail: vscode.Uri.file(lens.thumbnailPath(hit.hash)) };
  }

  /** Summed status of the open indexes; undefined before any is open. */
  async status(): Promise<IndexStatus[] | undefined> {
    if (!this.isOpen) return undefined;
    const lenses = await Promise.allSettled([...this.#entries.values()].map((entry) => entry.lens));
    return lenses.flatMap((result) => (result.status === 'fulfilled' ? [result.value.status()] : []));
  }

  /** The workspace folder and relative path of a file, or undefined when it is outside every folder. */
  locate(uri: vscode.Uri): AssetLocation | undefined {
    if (uri.scheme !== 'file') return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || !resolveInsideWorkspace(uri.fsPath, folder.uri.fsPath, [folder.uri.fsPath])) return undefined;
    return { folder, path: nodePath.relative(folder.uri.fsPath, uri.fsPath).split(nodePath.sep).join('/') };
  }

  /**
   * Aborted when the key, the settings or trust change: a cloud run in flight stops within seconds
   * instead of spending on with the key or the settings it started with.
   */
  get cloudStopSignal(): AbortSignal {
    return this.#cloudRuns.signal;
  }

  /** Closes every index once its pending writes are done; the next use reopens with current settings. Stops cloud runs. */
  reset(reason: string): void {
    this.#cloudRuns.abort();
    this.#cloudRuns = new AbortController();
    if (this.#entries.size > 0) this.#log.info(`reopening indexes: ${reason}`);
    for (const entry of this.#entries.values()) void closeWhenIdle(entry);
    this.#entries.clear();
    this.#onDidReset.fire();
  }

  dispose(): void {
    this.#cloudRuns.abort();
    const closing = [...this.#entries.values()].map(closeWhenIdle);
    this.#entries.clear();
    const embedder = this.#embedder;
    this.#embedder = undefined;
    void Promise.all(closing).then(async () => (await embedder?.catch(() => undefined))?.dispose());
    this.#onDidWrite.dispose();
    this.#onDidReset.dispose();
    this.#onDidChangeSavedSearches.dispose();
    this.activity.dispose();
  }

  #entry(folder: vscode.WorkspaceFolder): Entry {
    const key = folder.uri.toString();
    let entry = this.#entries.get(key);
    if (!entry) {
      const lens = this.#open(folder);
      entry = { lens, queue: Promise.resolve() };
      this.#entries.set(key, entry);
      // A failed open is not cached: the next use tries again (e.g. after the user fixed a setting).
      lens.catch(() => this.#entries.get(key)?.lens === lens && this.#entries.delete(key));
    }
    return entry;
  }

  async #open(folder: vscode.WorkspaceFolder): Promise<AssetLens> {
    const started = performance.now();
    const engine = await this.#loadEngine();
    const settings = readSettings(folder.uri);
    const apiKey = await this.cloudKey(folder);
    let lens: AssetLens;
    try {
      lens = await engine.AssetLens.open({
        embedder: await this.#sharedEmbedder(engine),
        root: folder.uri.fsPath,
        indexDir: this.indexDir(folder),
        exclude: settings.exclude,
        cloud: apiKey
          ? {
              enabled: true,
              apiKey,
              model: settings.cloudModel,
              // Environment only, never a setting: a workspace setting must not redirect images and the key.
              baseUrl: process.env.ASSET_LENS_GEMINI_BASE_URL || undefined,
              exclude: settings.cloudExclude,
              ...(settings.maxImagesPerRun ? { maxImagesPerRun: settings.maxImagesPerRun } : {}),
            }
          : { enabled: false },
        // A damaged index that was moved aside and is being rebuilt: one notification per event.
        onNotice: (message) => {
          this.#log.warn(`${folder.name}: ${message}`);
          void vscode.window.showWarningMessage(`Asset Lens: ${folder.name}: ${message}`);
        },
      });
    } catch (error) {
      const message = `cannot open the index of ${folder.name}: ${describe(error)}`;
      this.#log.error(message);
      // Failed opens are retried on next use; say so once, not on every keystroke.
      if (this.#shownErrors.get(folder.uri.toString()) !== message) void vscode.window.showErrorMessage(`Asset Lens: ${message}`);
      this.#shownErrors.set(folder.uri.toString(), message);
      throw error;
    }
    this.#log.info(`opened index of ${folder.name} at ${lens.indexDir} in ${Math.round(performance.now() - started)} ms (cloud ${apiKey ? 'on' : 'off'})`);
    return lens;
  }

  #sharedEmbedder(engine: EngineModule): Promise<Embedder> {
    if (!this.#embedder) {
      const loading = engine.loadEmbedder();
      this.#embedder = loading;
      // A failed load is not kept: the next open tries again.
      loading.catch(() => this.#embedder === loading && (this.#embedder = undefined));
    }
    return this.#embedder;
  }

  /** Loads the engine once. A host that cannot load it (e.g. Node-API < 10) gets one clear error. */
  #loadEngine(): Promise<EngineModule> {
    this.#engine ??= (async () => {
      assertNativeSupport();
      return import('../core/engine.ts');
    })().catch((error: unknown) => {
      this.#log.error(`cannot load the Asset Lens engine: ${describe(error)}`);
      void vscode.window.showErrorMessage(describe(error));
      throw error;
    });
    return this.#engine;
  }
}

async function closeWhenIdle(entry: Entry): Promise<void> {
  await entry.queue.catch(() => undefined);
  try {
    (await entry.lens).close();
  } catch {
    // It never opened: nothing to close.
  }
}
