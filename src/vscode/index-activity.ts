import * as vscode from 'vscode';
import type { Progress } from '../core/types.ts';
import { activityState, type IndexActivityState } from './activity-state.ts';

/**
 * Index runs in progress (background pass, Index Workspace, Gemini tagging). Runs report engine
 * progress here; listeners hear about each step and about the end (state undefined).
 */
export class IndexActivity implements vscode.Disposable {
  readonly #onDidChange = new vscode.EventEmitter<IndexActivityState | undefined>();
  readonly onDidChange = this.#onDidChange.event;
  #running = 0;
  #state: IndexActivityState | undefined;

  get state(): IndexActivityState | undefined {
    return this.#running > 0 ? this.#state : undefined;
  }

  /** Runs `work`, passing it a progress callback that publishes here. */
  async track<T>(work: (onProgress: (progress: Progress) => void) => Promise<T>): Promise<T> {
    this.#running++;
    this.#state = { stage: 'scan', percent: null, done: 0, total: 0 };
    this.#onDidChange.fire(this.#state);
    try {
      return await work((progress) => {
        this.#state = activityState(progress);
        this.#onDidChange.fire(this.#state);
      });
    } finally {
      this.#running--;
      if (this.#running === 0) this.#onDidChange.fire(undefined);
    }
  }

  dispose(): void {
    this.#onDidChange.dispose();
  }
}
