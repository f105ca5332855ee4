// Auto-tag on git pull: when a repository's HEAD moves (pull, merge, checkout), index the images
// the move added or changed, then offer just those to Gemini (the team ledger answers first; the
// user's consent and the cap apply). An older backlog is left for an explicit run.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { isImagePath } from '../core/scan.ts';
import type { AutoIndexer } from './auto-index.ts';
import type { CloudRunner } from './cloud-runs.ts';
import { COMMANDS } from './command-ids.ts';
import { describe } from './errors.ts';
import type { GitApi, GitExtension, Repository } from './git-api.ts';
import { readSettings } from './settings.ts';

export class PullWatcher implements vscode.Disposable {
  readonly #indexer: AutoIndexer;
  readonly #cloudRuns: CloudRunner;
  readonly #log: vscode.LogOutputChannel;
  readonly #heads = new Map<Repository, string | undefined>();
  readonly #disposables: vscode.Disposable[] = [];
  /** HEAD moves are handled one after another, in order. */
  #queue: Promise<void> = Promise.resolve();

  constructor(indexer: AutoIndexer, cloudRuns: CloudRunner, log: vscode.LogOutputChannel) {
    this.#indexer = indexer;
    this.#cloudRuns = cloudRuns;
    this.#log = log;
  }

  async start(): Promise<void> {
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    if (!extension) return this.#log.info('git: the built-in Git extension is not available; auto-tag on pull is off');
    const git = (await extension.activate()).getAPI(1);
    if (git.state !== 'initialized') await new Promise<void>((resolve) => once(git, resolve, this.#disposables));
    git.repositories.forEach((repository) => this.#track(repository));
    this.#disposables.push(
      git.onDidOpenRepository((repository) => this.#track(repository)),
      git.onDidCloseRepository((repository) => this.#heads.delete(repository)),
    );
    this.#log.info(`git: watching ${git.repositories.length} repositor${git.repositories.length === 1 ? 'y' : 'ies'} for pulls`);
  }

  dispose(): void {
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
    this.#heads.clear();
  }

  #track(repository: Repository): void {
    if (this.#heads.has(repository)) return;
    this.#heads.set(repository, repository.state.HEAD?.commit);
    this.#disposables.push(repository.state.onDidChange(() => this.#onStateChange(repository)));
  }

  #onStateChange(repository: Repository): void {
    if (!this.#heads.has(repository)) return;
    const previous = this.#heads.get(repository);
    const current = repository.state.HEAD?.commit;
    if (!current || current === previous) return;
    this.#heads.set(repository, current);
    // The first HEAD the Git extension reports is where we start, not a move.
    if (!previous) return;
    this.#queue = this.#queue.then(() => this.#onHeadMoved(repository, previous, current));
  }

  async #onHeadMoved(repository: Repository, from: string, to: string): Promise<void> {
    const range = `${from.slice(0, 7)}..${to.slice(0, 7)}`;
    try {
      const changes = await repository.diffBetween(from, to);
      const paths = [...new Set(changes.flatMap((change) => [change.uri.fsPath, change.originalUri.fsPath]))].filter(isImagePath);
      if (paths.length === 0) return this.#log.debug(`git: HEAD moved ${range}, no image changes`);
      const present = paths.filter((path) => existsSync(path));
      this.#log.info(`git: HEAD moved ${range}: ${present.length} image(s) added or changed, ${paths.length - present.length} removed`);
      const presentSet = new Set(present);
      for (const { folder } of await this.#indexer.indexFiles(paths)) {
        if (!readSettings(folder.uri).autoTagOnPull) continue;
        const brought = present.flatMap((path) => {
          const location = presentSet.has(path) ? this.#indexer.locate(path) : undefined;
          return location && location.folder.uri.toString() === folder.uri.toString() ? [location.path] : [];
        });
        if (brought.length > 0) await this.#cloudRuns.offer(folder, { paths: brought });
      }
      this.#log.info(`indexed ${present.length} new images after pull (${range})`);
      if (present.length > 0) {
        const noun = present.length === 1 ? 'image' : 'images';
        void vscode.window
          .showInformationMessage(`Asset Lens: indexed ${present.length} new ${noun} after pull.`, 'Open Gallery')
          .then((choice) => choice && vscode.commands.executeCommand(COMMANDS.openGallery));
      }
    } catch (error) {
      this.#log.error(`git: indexing after HEAD moved ${range} failed: ${describe(error)}`);
    }
  }
}

function once(git: GitApi, resolve: () => void, disposables: vscode.Disposable[]): void {
  const subscription = git.onDidChangeState((state) => {
    if (state !== 'initialized') return;
    subscription.dispose();
    resolve();
  });
  disposables.push(subscription);
}
