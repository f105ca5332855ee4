// The few parts of the built-in `vscode.git` extension API (getAPI(1)) that Asset Lens uses.
// Copied by shape from microsoft/vscode extensions/git/src/api/git.d.ts; keep in step with it.
import type { Event, Uri } from 'vscode';

export interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

export interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: Event<'uninitialized' | 'initialized'>;
  readonly repositories: Repository[];
  readonly onDidOpenRepository: Event<Repository>;
  readonly onDidCloseRepository: Event<Repository>;
}

export interface Repository {
  readonly rootUri: Uri;
  readonly state: RepositoryState;
  /** Files that differ between two commits (`git diff ref1...ref2`). */
  diffBetween(ref1: string, ref2: string): Promise<Change[]>;
}

export interface RepositoryState {
  readonly HEAD: { readonly name?: string; readonly commit?: string } | undefined;
  readonly onDidChange: Event<void>;
}

export interface Change {
  readonly uri: Uri;
  readonly originalUri: Uri;
  readonly renameUri: Uri | undefined;
  readonly status: number;
}
