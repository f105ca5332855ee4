// What can be done with one asset, shared by the quick pick, the gallery and the explorer menu.
import * as vscode from 'vscode';
import type { Progress } from '../core/types.ts';
import type { WorkspaceLenses, AssetLocation } from './workspace-lenses.ts';
import { altTextFor, formatReference, referenceKindFor } from './reference.ts';
import { COMMANDS } from './command-ids.ts';
import { describe, isAbort } from './errors.ts';
import { withCancellableProgress } from './progress.ts';
import { describeCloudSummary } from './cloud-runs.ts';
import type { CloudRunSummary } from '../core/engine.ts';

export function assetUri(location: AssetLocation): vscode.Uri {
  return vscode.Uri.joinPath(location.folder.uri, ...location.path.split('/'));
}

/** Opens the asset; images open in VS Code's image preview. */
export async function openAsset(location: AssetLocation): Promise<void> {
  await vscode.commands.executeCommand('vscode.open', assetUri(location));
}

export async function revealAsset(location: AssetLocation): Promise<void> {
  await vscode.commands.executeCommand('revealInExplorer', assetUri(location));
}

/** Copies workspace-relative paths, one a line. */
export async function copyAssetPaths(locations: readonly AssetLocation[]): Promise<void> {
  if (locations.length === 0) return;
  await vscode.env.clipboard.writeText(locations.map((location) => location.path).join('\n'));
  vscode.window.setStatusBarMessage(locations.length === 1 ? `Copied ${locations[0]!.path}` : `Copied ${locations.length} paths`, 3000);
}

/**
 * Inserts the reference the document's language expects (see reference.ts), one a line, at every
 * cursor; imports (JSX/TS in a project that imports images) go after the document's last import.
 */
export async function insertAssetReferences(lenses: WorkspaceLenses, locations: readonly AssetLocation[], editor: vscode.TextEditor | undefined): Promise<void> {
  if (!editor) {
    void vscode.window.showInformationMessage('Asset Lens: open a text editor to insert a reference to the image.');
    return;
  }
  const document = editor.document.uri.scheme === 'file' ? editor.document.uri.fsPath : null;
  const kind = referenceKindFor(editor.document.languageId);
  const lines: string[] = [];
  const imports: string[] = [];
  for (const location of locations) {
    const lens = await lenses.lens(location.folder);
    const record = lens.get(location.path);
    const target = { asset: assetUri(location).fsPath, document, root: location.folder.uri.fsPath, alt: altTextFor(record ?? { path: location.path, caption: null, tags: [] }) };
    const reference = formatReference(kind, target, lens.referenceStyle());
    lines.push(reference.text);
    if (reference.importLine && !editor.document.getText().includes(reference.importLine) && !imports.includes(reference.importLine)) imports.push(reference.importLine);
  }
  const text = lines.join('\n');
  const importAt = afterLastImport(editor.document);
  await editor.edit((edit) => {
    if (imports.length > 0) edit.insert(importAt.position, importAt.prefix + imports.map((line) => line + '\n').join(''));
    editor.selections.forEach((selection) => edit.replace(selection, text));
  });
  await vscode.window.showTextDocument(editor.document, editor.viewColumn);
}

/** Where new imports go: the line after the document's last import in its first 200 lines (the first line when it has none). */
function afterLastImport(document: vscode.TextDocument): { position: vscode.Position; prefix: string } {
  let after = 0;
  for (let line = 0; line < Math.min(document.lineCount, 200); line++) {
    if (/^\s*import\s.+['"];?\s*$/.test(document.lineAt(line).text)) after = line + 1;
  }
  // The last import is the document's last line, with no line break after it.
  if (after >= document.lineCount) return { position: document.lineAt(document.lineCount - 1).range.end, prefix: '\n' };
  return { position: new vscode.Position(after, 0), prefix: '' };
}

/** (Re-)tags images with Gemini, indexing them first if needed. Asks for a key when there is none. */
export async function tagWithGemini(lenses: WorkspaceLenses, locations: readonly AssetLocation[], log: vscode.LogOutputChannel): Promise<void> {
  if (locations.length === 0) return;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Asset Lens: Gemini tagging is off in Restricted Mode. Trust this workspace to use it.');
    return;
  }
  const byFolder = groupByFolder(locations);
  for (const [folder] of byFolder) {
    if (!(await lenses.cloudKey(folder))) {
      const choice = await vscode.window.showWarningMessage(
        'Asset Lens: tagging with Gemini needs an API key (and assetLens.cloud.enabled in your user settings).',
        'Set Gemini API Key',
      );
      if (choice) await vscode.commands.executeCommand(COMMANDS.setApiKey);
      return;
    }
  }
  const title = locations.length === 1 ? `Tagging ${locations[0]!.path} with Gemini` : `Tagging ${locations.length} images with Gemini`;
  const stop = lenses.cloudStopSignal;
  try {
    const summaries = await withCancellableProgress(title, (cancelled, onProgress) => lenses.activity.track(async (published) => {
      const both = (progress: Progress) => (onProgress(progress), published(progress));
      // Cancel, clearing the key, turning the cloud off or a change of trust stop the run within seconds.
      const signal = AbortSignal.any([cancelled, stop]);
      const done: CloudRunSummary[] = [];
      for (const [folder, inFolder] of byFolder) {
        const paths = inFolder.map((location) => location.path);
        const summary = await lenses.write(folder, async (lens) => {
          await lens.indexPaths(inFolder.map((location) => assetUri(location).fsPath), { signal, onProgress: both, cloud: false });
          return lens.tagWithCloud(paths, { force: true, signal, onProgress: both });
        });
        if (summary) done.push(summary);
      }
      return done;
    }));
    for (const summary of summaries) {
      log.info(`Tag with Gemini: ${describeCloudSummary(summary)}`);
      if (summary.stoppedReason && summary.stoppedReason !== 'cancelled' && summary.waiting > 0) {
        void vscode.window.showWarningMessage(`Asset Lens: Gemini tagging stopped: ${summary.stoppedReason}`);
      }
    }
  } catch (error) {
    if (isAbort(error)) return log.info('Gemini tagging cancelled');
    log.error(`Gemini tagging failed: ${describe(error)}`);
    void vscode.window.showErrorMessage(`Asset Lens: Gemini tagging failed: ${describe(error)}`);
  }
}

export function groupByFolder(locations: readonly AssetLocation[]): [vscode.WorkspaceFolder, AssetLocation[]][] {
  const groups = new Map<string, [vscode.WorkspaceFolder, AssetLocation[]]>();
  for (const location of locations) {
    const key = location.folder.uri.toString();
    const group = groups.get(key) ?? [location.folder, []];
    group[1].push(location);
    groups.set(key, group);
  }
  return [...groups.values()];
}
