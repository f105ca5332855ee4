// Watching files by extension, for the background indexers (images in auto-index.ts, text files in
// reference-watcher.ts): one glob in both cases, created/changed/deleted paths handed to a batcher.
import * as vscode from 'vscode';
import { Batcher } from './batcher.ts';

const BATCH_QUIET_MS = 750;
const BATCH_MAX_WAIT_MS = 5000;

/** A batcher of changed file paths: a burst is handed over once it goes quiet (at the latest after 5 s). */
export function pathBatcher(flush: (paths: string[]) => void): Batcher<string> {
  return new Batcher(flush, BATCH_QUIET_MS, BATCH_MAX_WAIT_MS);
}

/** Feeds every file created, changed or deleted under the workspace that matches `glob` into `batcher`. */
export function watchFiles(glob: string, batcher: Batcher<string>): vscode.Disposable[] {
  const watcher = vscode.workspace.createFileSystemWatcher(glob);
  const queue = (uri: vscode.Uri) => uri.scheme === 'file' && batcher.add(uri.fsPath);
  return [watcher, watcher.onDidCreate(queue), watcher.onDidChange(queue), watcher.onDidDelete(queue)];
}
