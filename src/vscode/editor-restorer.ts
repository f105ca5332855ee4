// Live preview for the quick pick, as Go to File does it: the active image opens in a preview editor
// without taking focus, and cancelling closes that preview and brings back the editor the user had.
import * as vscode from 'vscode';

export class EditorRestorer {
  readonly #before: { tab: vscode.Tab | undefined; editor: vscode.TextEditor | undefined; column: vscode.ViewColumn | undefined };
  #previewed: vscode.Uri | undefined;
  /** The preview being opened: restore waits for it, or its tab would appear after the close. */
  #opening: Promise<unknown> = Promise.resolve();

  constructor() {
    const group = vscode.window.tabGroups.activeTabGroup;
    this.#before = { tab: group.activeTab, editor: vscode.window.activeTextEditor, column: group.viewColumn };
  }

  get previewing(): boolean {
    return this.#previewed !== undefined;
  }

  async preview(uri: vscode.Uri): Promise<void> {
    this.#previewed = uri;
    this.#opening = Promise.resolve(vscode.commands.executeCommand('vscode.open', uri, { preview: true, preserveFocus: true, viewColumn: this.#before.column }));
    await this.#opening;
  }

  /** Closes the preview (unless the user pinned it) and shows the editor that was active before. */
  async restore(): Promise<void> {
    const previewed = this.#previewed;
    if (!previewed) return;
    this.#previewed = undefined;
    await this.#opening.catch(() => undefined);
    const stale = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.isPreview && tabUri(tab)?.toString() === previewed.toString());
    if (stale.length > 0) await vscode.window.tabGroups.close(stale, true);
    const { tab, editor, column } = this.#before;
    if (editor && !editor.document.isClosed) {
      await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, selection: editor.selection, preview: tab?.isPreview ?? false });
      return;
    }
    const uri = tab && tabUri(tab);
    if (uri) await vscode.commands.executeCommand('vscode.open', uri, { viewColumn: column, preview: tab.isPreview });
  }
}

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  const input = tab.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputNotebook) return input.uri;
  return undefined;
}
