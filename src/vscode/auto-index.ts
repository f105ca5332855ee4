// Keeps the indexes current: a background pass when the workspace opens, then the files a
// FileSystemWatcher reports, batched. Indexing itself is local only; what waits for Gemini is then
// offered to CloudRunner, which sends nothing for a folder before the user agreed. Watcher runs
// offer nothing: an image being edited would otherwise go to Gemini on every save.
import * as vscode from 'vscode';
import type { IndexSummary, Progress } from '../core/types.ts';
import { IMAGE_GLOB } from '../core/scan.ts';
import type { Batcher } from './batcher.ts';
import type { CloudRunner } from './cloud-runs.ts';
import { pathBatcher, watchFiles } from './file-watch.ts';
import { describe, isAbort } from './errors.ts';
import { withBackgroundProgress, withCancellableProgress } from './progress.ts';
import { readSettings } from './settings.ts';
import type { AssetLocation, WorkspaceLenses } from './workspace-lenses.ts';

export interface FolderSummary {
  folder: vscode.WorkspaceFolder;
  summary: IndexSummary;
}

export class AutoIndexer implements vscode.Disposable {
  readonly #lenses: WorkspaceLenses;
  readonly #cloudRuns: CloudRunner;
  readonly #log: vscode.LogOutputChannel;
  readonly #stopped = new AbortController();
  readonly #batcher: Batcher<string>;
  readonly #disposables: vscode.Disposable[] = [];

  constructor(lenses: WorkspaceLenses, cloudRuns: CloudRunner, log: vscode.LogOutputChannel) {
    this.#lenses = lenses;
    this.#cloudRuns = cloudRuns;
    this.#log = log;
    this.#batcher = pathBatcher((paths) => void this.#indexChangedFiles(paths));
  }

  /** Indexes in the background and starts watching, for the folders with `assetLens.autoIndex` on. */
  start(): void {
    const folders = this.#lenses.folders.filter((folder) => readSettings(folder.uri).autoIndex);
    if (folders.length === 0) return;
    this.#disposables.push(...watchFiles(IMAGE_GLOB, this.#batcher));
    void withBackgroundProgress(
      'Asset Lens: indexing images',
      (signal, onProgress) => this.#lenses.activity.track(async (published) => {
        const both = (progress: Progress) => (onProgress(progress), published(progress));
        for (const folder of folders) {
          try {
            const summary = await this.#lenses.write(folder, (lens) => lens.index({ signal, onProgress: both, cloud: false }));
            this.#log.info(`background index of ${folder.name}: ${describeSummary(summary)}`);
            void this.#offer(folder);
          } catch (error) {
            if (isAbort(error)) return;
            this.#log.error(`background index of ${folder.name} failed: ${describe(error)}`);
          }
        }
      }),
      this.#stopped.signal,
    );
  }

  /** "Asset Lens: Index Workspace": every folder, cancellable; then Gemini for what waits, when the user agreed (or agrees now). */
  async indexWorkspace(): Promise<void> {
    try {
      await withCancellableProgress('Asset Lens: indexing workspace', (signal, onProgress) => this.#lenses.activity.track(async (published) => {
        const both = (progress: Progress) => (onProgress(progress), published(progress));
        for (const folder of this.#lenses.folders) {
          const summary = await this.#lenses.write(folder, (lens) => lens.index({ signal, onProgress: both, cloud: false }));
          this.#log.info(`indexed ${folder.name}: ${describeSummary(summary)}`);
          for (const failed of summary.failed) this.#log.warn(`${folder.name}/${failed.path}: ${failed.reason}`);
          const message = `Asset Lens: ${folder.name}: ${describeSummary(summary)}`;
          void (summary.failed.length > 0 ? vscode.window.showWarningMessage(message, 'Show Log') : vscode.window.showInformationMessage(message)).then(
            (choice) => choice && this.#log.show(),
          );
          void this.#offer(folder);
        }
      }));
    } catch (error) {
      if (isAbort(error)) return this.#log.info('indexing cancelled');
      this.#log.error(`indexing failed: ${describe(error)}`);
      void vscode.window.showErrorMessage(`Asset Lens: indexing failed: ${describe(error)}`);
    }
  }

  /** The workspace folder and relative path of a file on disk. */
  locate(absolutePath: string): AssetLocation | undefined {
    return this.#lenses.locate(vscode.Uri.file(absolutePath));
  }

  /** Indexes just these files (new, changed or deleted), grouped by workspace folder; local only (CloudRunner sends). */
  async indexFiles(absolutePaths: readonly string[], options: { signal?: AbortSignal } = {}): Promise<FolderSummary[]> {
    const byFolder = new Map<string, { folder: vscode.WorkspaceFolder; paths: string[] }>();
    for (const path of absolutePaths) {
      const location = this.#lenses.locate(vscode.Uri.file(path));
      if (!location) continue;
      const key = location.folder.uri.toString();
      const group = byFolder.get(key) ?? { folder: location.folder, paths: [] };
      group.paths.push(path);
      byFolder.set(key, group);
    }
    const results: FolderSummary[] = [];
    for (const { folder, paths } of byFolder.values()) {
      const signal = options.signal ?? this.#stopped.signal;
      const summary = await this.#lenses.write(folder, (lens) => lens.indexPaths(paths, { cloud: false, signal }));
      results.push({ folder, summary });
    }
    return results;
  }

  async #offer(folder: vscode.WorkspaceFolder): Promise<void> {
    try {
      await this.#cloudRuns.offer(folder);
    } catch (error) {
      this.#log.error(`Gemini tagging of ${folder.name}: ${describe(error)}`);
    }
  }

  dispose(): void {
    this.#stopped.abort();
    this.#batcher.dispose();
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
  }

  async #indexChangedFiles(paths: string[]): Promise<void> {
    try {
      for (const { folder, summary } of await this.indexFiles(paths)) {
        if (summary.new + summary.changed + summary.removed > 0) this.#log.info(`file changes in ${folder.name}: ${describeSummary(summary)}`);
      }
    } catch (error) {
      if (!isAbort(error)) this.#log.error(`indexing changed files failed: ${describe(error)}`);
    }
  }
}

export function describeSummary(summary: IndexSummary): string {
  const parts = [`${summary.new} new`, `${summary.changed} changed`, `${summary.removed} removed`];
  if (summary.failed.length > 0) parts.push(`${summary.failed.length} failed`);
  const ledger = summary.ledgerProblem ? ` (${summary.ledgerProblem})` : '';
  return `${parts.join(', ')} of ${summary.files} images in ${summary.seconds.toFixed(1)} s${ledger}`;
}
