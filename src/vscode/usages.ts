// "Find Usages of Image": where an image is referenced in the workspace's text files (the engine's
// reference scan), as a quick pick whose items open the file at the reference.
import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import type { ReferenceRow } from '../core/engine.ts';
import { resolveInsideWorkspace } from './workspace-path.ts';
import type { AssetLocation, WorkspaceLenses } from './workspace-lenses.ts';

/** Opens a text file of the folder at a reference (1-based line and column), selecting `length` characters (the path as written). */
export async function openUsage(folder: vscode.WorkspaceFolder, usage: Pick<ReferenceRow, 'file' | 'line' | 'column'>, length = 0): Promise<void> {
  const absolute = resolveInsideWorkspace(usage.file, folder.uri.fsPath, [folder.uri.fsPath]);
  if (!absolute) throw new Error(`${usage.file}: not inside ${folder.name}`);
  const start = new vscode.Position(Math.max(0, usage.line - 1), Math.max(0, usage.column - 1));
  const end = start.translate(0, length);
  await vscode.window.showTextDocument(vscode.Uri.file(absolute), { selection: new vscode.Range(start, end), preview: true });
}

interface UsageItem extends vscode.QuickPickItem {
  usage: ReferenceRow;
}

/** Lists the usages of the image in a quick pick and returns them (empty: the image is referenced nowhere). */
export async function findUsages(lenses: WorkspaceLenses, location: AssetLocation): Promise<ReferenceRow[]> {
  const usages = (await lenses.lens(location.folder)).references(location.path);
  const name = nodePath.posix.basename(location.path);
  if (usages.length === 0) {
    void vscode.window.showInformationMessage(`Asset Lens: ${location.path} is not referenced in any text file of ${location.folder.name}.`);
    return usages;
  }
  const pick = vscode.window.createQuickPick<UsageItem>();
  pick.title = `${name}: used in ${usages.length} place${usages.length === 1 ? '' : 's'}`;
  pick.placeholder = 'Open a usage';
  pick.matchOnDescription = true;
  pick.items = usages.map((usage) => ({ usage, label: `$(file-code) ${usage.file}:${usage.line}:${usage.column}`, description: usage.text }));
  pick.onDidAccept(() => {
    const [item] = pick.selectedItems;
    pick.hide();
    if (item) void openUsage(location.folder, item.usage, item.usage.text.length).catch((error: unknown) => vscode.window.showErrorMessage(`Asset Lens: ${String(error)}`));
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
  return usages;
}
