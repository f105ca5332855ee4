// What activate() returns (`vscode.extensions.getExtension('asset-lens.asset-lens').exports`), for
// other extensions and the in-host tests. Read-only: searching and what the indexes hold.
import type * as vscode from 'vscode';
import type { AssetRecord, IndexStatus } from '../core/types.ts';
import type { FolderHit } from './merge-hits.ts';
import type { StatusBar } from './status-bar.ts';
import type { WorkspaceLenses } from './workspace-lenses.ts';

export interface AssetLensApi {
  /** Searches every workspace folder's index, best first, with the quick pick's query syntax. */
  search(query: string, limit?: number): Promise<FolderHit[]>;
  /** The index status of each workspace folder, in folder order (opens the indexes). */
  status(): Promise<IndexStatus[]>;
  /** What the index holds for one file; undefined when it is outside the workspace or not indexed. */
  asset(uri: vscode.Uri): Promise<AssetRecord | undefined>;
  /** What the Asset Lens status bar item shows now, tooltip as plain Markdown text. */
  statusBarItem(): { text: string; tooltip: string };
}

const DEFAULT_LIMIT = 50;

export function createPublicApi(lenses: WorkspaceLenses, statusBar: StatusBar): AssetLensApi {
  return {
    search: async (query, limit = DEFAULT_LIMIT) => (await lenses.search(query, limit)).hits,
    status: () => Promise.all(lenses.folders.map(async (folder) => (await lenses.lens(folder)).status())),
    asset: async (uri) => {
      const location = lenses.locate(uri);
      return location ? ((await lenses.lens(location.folder)).get(location.path) ?? undefined) : undefined;
    },
    statusBarItem: () => statusBar.shown,
  };
}
