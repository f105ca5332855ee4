// Keeps each index's image references current as text files change: the files a FileSystemWatcher
// reports are re-scanned in batches (only those whose bytes changed are read again).
import * as vscode from 'vscode';
import { REFERENCE_SOURCE_EXTENSIONS } from '../core/references/languages.ts';
import { extensionGlob } from '../core/scan.ts';
import type { Batcher } from './batcher.ts';
import { pathBatcher, watchFiles } from './file-watch.ts';
import { describe, isAbort } from './errors.ts';
import { readSettings } from './settings.ts';
import type { WorkspaceLenses } from './workspace-lenses.ts';

/** Every text extension the reference scan reads, in lower and upper case. */
export const TEXT_GLOB = extensionGlob(REFERENCE_SOURCE_EXTENSIONS);

export class ReferenceWatcher implements vscode.Disposable {
  readonly #lenses: WorkspaceLenses;
  readonly #log: vscode.LogOutputChannel;
  readonly #batcher: Batcher<string>;
  readonly #disposables: vscode.Disposable[] = [];

  constructor(lenses: WorkspaceLenses, log: vscode.LogOutputChannel) {
    this.#lenses = lenses;
    this.#log = log;
    this.#batcher = pathBatcher((paths) => void this.#rescan(paths));
  }

  /** Watches the folders with `assetLens.autoIndex` on (the background index run scans them first). */
  start(): void {
    if (!this.#lenses.folders.some((folder) => readSettings(folder.uri).autoIndex)) return;
    this.#disposables.push(...watchFiles(TEXT_GLOB, this.#batcher));
  }

  dispose(): void {
    this.#batcher.dispose();
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
  }

  async #rescan(paths: string[]): Promise<void> {
    const byFolder = new Map<vscode.WorkspaceFolder, string[]>();
    for (const path of paths) {
      const location = this.#lenses.locate(vscode.Uri.file(path));
      if (location && readSettings(location.folder.uri).autoIndex) byFolder.set(location.folder, [...(byFolder.get(location.folder) ?? []), path]);
    }
    for (const [folder, changed] of byFolder) {
      try {
        const summary = await this.#lenses.write(folder, (lens) => lens.indexReferences(changed, (warning) => this.#log.warn(warning)));
        if (summary.extracted + summary.removed > 0) this.#log.info(`references in ${folder.name}: ${summary.extracted} file(s) re-read, ${summary.removed} removed`);
      } catch (error) {
        if (!isAbort(error)) this.#log.error(`scanning changed text files of ${folder.name} failed: ${describe(error)}`);
      }
    }
  }
}
