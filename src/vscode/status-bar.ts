import * as vscode from 'vscode';
import type { IndexStatus } from '../core/types.ts';
import { describeActivity } from './activity-state.ts';
import type { CloudRunner, FolderWaiting } from './cloud-runs.ts';
import { COMMANDS } from './command-ids.ts';
import { LatestQuery } from './latest-query.ts';
import type { WorkspaceLenses } from './workspace-lenses.ts';

interface Counts {
  files: number;
  pending: number;
  tagged: number;
}

/**
 * Indexed image count, Gemini queue and a run in progress. A click opens the gallery, or, while images
 * wait for a choice about Gemini (or over the per-run cap), reopens that choice.
 */
export class StatusBar implements vscode.Disposable {
  readonly #item: vscode.StatusBarItem;
  readonly #lenses: WorkspaceLenses;
  readonly #runner: CloudRunner;
  readonly #subscriptions: vscode.Disposable[];
  #counts: Counts | undefined;
  #cloudOn = false;
  /** Refreshes during a Gemini run: answers can arrive faster than the counts are read, so one more runs after the one under way. */
  readonly #counting = new LatestQuery<null, void>(
    () => this.refresh(),
    () => {},
    { delayMs: 0, onError: () => this.#render() },
  );

  constructor(lenses: WorkspaceLenses, runner: CloudRunner) {
    this.#lenses = lenses;
    this.#runner = runner;
    this.#item = vscode.window.createStatusBarItem('assetLens.status', vscode.StatusBarAlignment.Right, 100);
    this.#item.name = 'Asset Lens';
    this.#item.command = COMMANDS.openGallery;
    this.#item.text = '$(file-media) Asset Lens';
    this.#item.tooltip = 'Asset Lens: open the gallery';
    this.#item.show();
    // Progress redraws from the counts already known; the counts themselves refresh after each write,
    // and after each Gemini answer, which is stored as it arrives (a run is one long write).
    this.#subscriptions = [
      lenses.activity.onDidChange((state) => (state?.stage === 'cloud' && state.done > 0 ? this.#counting.refresh(null) : this.#render())),
      runner.onDidChange(() => this.#render()),
    ];
  }

  get shown(): { text: string; tooltip: string } {
    const tooltip = this.#item.tooltip;
    return { text: this.#item.text, tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '') };
  }

  /** Counts come from the open indexes; with none open (after a reset) the last counts stay. */
  async refresh(): Promise<void> {
    const statuses = await this.#lenses.status().catch(() => undefined);
    if (statuses && statuses.length > 0) {
      const sum = (pick: (s: IndexStatus) => number) => statuses.reduce((total, s) => total + pick(s), 0);
      this.#counts = { files: sum((s) => s.files), pending: sum((s) => s.pending), tagged: sum((s) => s.tagged) };
    }
    // Without a key, trust or the setting nothing is queued for real, so no queue is shown.
    this.#cloudOn = (await Promise.all(this.#lenses.folders.map((folder) => this.#lenses.cloudKey(folder)))).some(Boolean);
    this.#render();
  }

  #render(): void {
    const waiting = this.#runner.waiting;
    this.#item.command = waiting.length > 0 ? COMMANDS.tagWaiting : COMMANDS.openGallery;
    const click = waiting.length > 0 ? 'Click to choose what Gemini tags.' : 'Click to open the gallery.';
    const counts = this.#counts;
    const activity = this.#lenses.activity.state;
    const running = activity ? ` $(sync~spin) ${describeActivity(activity)}` : '';
    if (!counts) {
      this.#item.text = `$(file-media) Asset Lens${running}`;
      this.#item.tooltip = new vscode.MarkdownString(`**Asset Lens**\n\n${this.#cloudLine(undefined)}${waitingLines(waiting)}\n\n${click}`);
      return;
    }
    const { files, pending } = counts;
    const queue = this.#cloudOn && pending > 0 && !activity ? ` $(cloud-upload) ${pending}` : '';
    this.#item.text = `$(file-media) ${files.toLocaleString('en-US')}${queue}${running}`;
    const runningLine = activity ? `\n\n${describeActivity(activity)}.` : '';
    this.#item.tooltip = new vscode.MarkdownString(
      `**Asset Lens**\n\n${files.toLocaleString('en-US')} images indexed. ${this.#cloudLine(counts)}${waitingLines(waiting)}${runningLine}\n\n${click}`,
    );
  }

  #cloudLine(counts: Counts | undefined): string {
    if (!this.#cloudOn) return 'Gemini tagging is off (no API key, turned off, or Restricted Mode).';
    return counts ? `${counts.tagged} tagged by Gemini, ${counts.pending} waiting for Gemini.` : 'Gemini tagging is on.';
  }

  dispose(): void {
    this.#counting.dispose();
    for (const subscription of this.#subscriptions) subscription.dispose();
    this.#item.dispose();
  }
}

const WAIT_REASON: Record<FolderWaiting['reason'], string> = {
  asking: 'waiting for your answer about Gemini',
  'not-now': 'waiting: you chose "Not now" for Gemini',
  never: 'not sent: Gemini is set to "Never" for this folder',
  'over-cap': 'waiting for a later run: over the per-run cap (assetLens.maxImagesPerRun)',
  stopped: 'waiting: the last Gemini run stopped early',
};

/** One line per folder whose images wait for Gemini, and why. */
function waitingLines(waiting: readonly FolderWaiting[]): string {
  return waiting
    .map(({ folder, images, reason, detail }) => `\n\n${folder.name}: ${images.toLocaleString('en-US')} image${images === 1 ? '' : 's'} ${WAIT_REASON[reason]}${detail ? ` (${detail})` : ''}.`)
    .join('');
}
