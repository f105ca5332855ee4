import * as vscode from 'vscode';
import type { IndexStatus } from '../core/types.ts';
import { describeActivity } from './activity-state.ts';
import { COMMANDS } from './command-ids.ts';
import type { WorkspaceLenses } from './workspace-lenses.ts';

interface Counts {
  files: number;
  pending: number;
  tagged: number;
}

/** Indexed image count, Gemini queue and a run in progress; a click opens the gallery. */
export class StatusBar implements vscode.Disposable {
  readonly #item: vscode.StatusBarItem;
  readonly #lenses: WorkspaceLenses;
  readonly #subscription: vscode.Disposable;
  #counts: Counts | undefined;
  #cloudOn = false;

  constructor(lenses: WorkspaceLenses) {
    this.#lenses = lenses;
    this.#item = vscode.window.createStatusBarItem('assetLens.status', vscode.StatusBarAlignment.Right, 100);
    this.#item.name = 'Asset Lens';
    this.#item.command = COMMANDS.openGallery;
    this.#item.text = '$(file-media) Asset Lens';
    this.#item.tooltip = 'Asset Lens: open the gallery';
    this.#item.show();
    // Progress redraws from the counts already known; the counts themselves refresh after each write.
    this.#subscription = lenses.activity.onDidChange(() => this.#render());
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
    const counts = this.#counts;
    const activity = this.#lenses.activity.state;
    const running = activity ? ` $(sync~spin) ${describeActivity(activity)}` : '';
    if (!counts) {
      this.#item.text = `$(file-media) Asset Lens${running}`;
      this.#item.tooltip = new vscode.MarkdownString(`**Asset Lens**\n\n${this.#cloudLine(undefined)}\n\nClick to open the gallery.`);
      return;
    }
    const { files, pending } = counts;
    const queue = this.#cloudOn && pending > 0 && !activity ? ` $(cloud-upload) ${pending}` : '';
    this.#item.text = `$(file-media) ${files.toLocaleString('en-US')}${queue}${running}`;
    const runningLine = activity ? `\n\n${describeActivity(activity)}.` : '';
    this.#item.tooltip = new vscode.MarkdownString(`**Asset Lens**\n\n${files.toLocaleString('en-US')} images indexed. ${this.#cloudLine(counts)}${runningLine}\n\nClick to open the gallery.`);
  }

  #cloudLine(counts: Counts | undefined): string {
    if (!this.#cloudOn) return 'Gemini tagging is off (no API key, turned off, or Restricted Mode).';
    return counts ? `${counts.tagged} tagged by Gemini, ${counts.pending} waiting for Gemini.` : 'Gemini tagging is on.';
  }

  dispose(): void {
    this.#subscription.dispose();
    this.#item.dispose();
  }
}
