import * as vscode from 'vscode';
import type { IndexStatus } from '../core/types.ts';
import { COMMANDS } from './command-ids.ts';
import type { WorkspaceLenses } from './workspace-lenses.ts';

/** Indexed image count and Gemini queue; a click opens the gallery. */
export class StatusBar implements vscode.Disposable {
  readonly #item: vscode.StatusBarItem;
  readonly #lenses: WorkspaceLenses;

  constructor(lenses: WorkspaceLenses) {
    this.#lenses = lenses;
    this.#item = vscode.window.createStatusBarItem('assetLens.status', vscode.StatusBarAlignment.Right, 100);
    this.#item.name = 'Asset Lens';
    this.#item.command = COMMANDS.openGallery;
    this.#item.text = '$(file-media) Asset Lens';
    this.#item.tooltip = 'Asset Lens: open the gallery';
    this.#item.show();
  }

  async refresh(): Promise<void> {
    const statuses = await this.#lenses.status();
    if (!statuses || statuses.length === 0) return;
    const sum = (pick: (s: IndexStatus) => number) => statuses.reduce((total, s) => total + pick(s), 0);
    const files = sum((s) => s.files);
    const pending = sum((s) => s.pending);
    const tagged = sum((s) => s.tagged);
    // Without a key, trust or the setting nothing is queued for real, so no queue is shown.
    const cloudOn = (await Promise.all(this.#lenses.folders.map((folder) => this.#lenses.cloudKey(folder)))).some(Boolean);
    const queue = cloudOn && pending > 0 ? ` $(cloud-upload) ${pending}` : '';
    this.#item.text = `$(file-media) ${files.toLocaleString('en-US')}${queue}`;
    const cloudLine = cloudOn ? `${tagged} tagged by Gemini, ${pending} waiting for Gemini.` : 'Gemini tagging is off (no API key, turned off, or Restricted Mode).';
    this.#item.tooltip = new vscode.MarkdownString(`**Asset Lens**\n\n${files.toLocaleString('en-US')} images indexed. ${cloudLine}\n\nClick to open the gallery.`);
  }

  dispose(): void {
    this.#item.dispose();
  }
}
