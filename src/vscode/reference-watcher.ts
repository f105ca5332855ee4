// Keeps each index's image references current as text files change: the files a FileSystemWatcher
// reports are re-scanned in batches (only those whose bytes changed are read again).
import * as vscode from 'vscode';
import { REFERENCE_SOURCE_EXTENSIONS } from '../core/references/languages.ts';
import { Batcher } from './batcher.ts';
import { describe, isAbort } from './errors.ts';
import { readSettings } from './settings.ts';
import type { WorkspaceLenses } from './workspace-lenses.ts';

const BATCH_QUIET_MS = 750;
const BATCH_MAX_WAIT_MS = 5000;

/** Every text extension the reference scan reads, in lower and upper case (watcher globs are case-sensitive on Linux). */
export const TEXT_GLOB = `**/*.{${REFERENCE_SOURCE_EXTENSIONS.flatMap((ext) => [ext, ext.toUpperCase()]).join(',')}}`;

export class ReferenceWatcher implements vscode.Disposable {
  readonly #lenses: WorkspaceLenses;
  readonly #log: vscode.LogOutputChannel;
  readonly #batcher: Batcher<string>;
  readonly #disposables: vscode.Disposable[] = [];

  constructor(lenses: WorkspaceLenses, log: vscode.LogOutputChannel) {
    this.#lenses = lenses;
    this.#log = log;
    this.#batcher = new Batcher((paths) => void this.#rescan(paths), BATCH_QUIET_MS, BATCH_MAX_WAIT_MS);
  }

  /** Watches the folders with `assetLens.autoIndex` on (the background index run scans them first). */
  start(): void {
    if (!this.#lenses.folders.some((folder) => readSettings(folder.uri).autoIndex)) return;
    const watcher = vscode.workspace.createFileSystemWatcher(TEXT_GLOB);
    const queue = (uri: vscode.Uri) => uri.scheme === 'file' && this.#batcher.add(uri.fsPath);
    this.#disposables.push(watcher, watcher.onDidCreate(queue), watcher.onDidChange(queue), watcher.onDidDelete(queue));
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
