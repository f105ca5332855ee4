// Entry point of the VS Code extension. Activation only wires things up: the engine and its native
// modules load on first use (see WorkspaceLenses), so activating costs a few milliseconds.
import * as vscode from 'vscode';
import { ApiKeyStore } from './vscode/api-key.ts';
import { setApiKey } from './vscode/api-key-prompt.ts';
import { AutoIndexer } from './vscode/auto-index.ts';
import { CloudRunner, type ConsentAnswer } from './vscode/cloud-runs.ts';
import { tagWithGemini } from './vscode/asset-actions.ts';
import { GALLERY_VIEW_TYPE } from './vscode/command-ids.ts';
import { registerCommands } from './vscode/commands.ts';
import { describe } from './vscode/errors.ts';
import { GalleryPanel, type GalleryDeps } from './vscode/gallery-panel.ts';
import { PullWatcher } from './vscode/git-pull.ts';
import { createPublicApi, type AssetLensApi } from './vscode/public-api.ts';
import { showSearchQuickPick } from './vscode/quick-pick.ts';
import { readSettings, REOPEN_ON_CHANGE } from './vscode/settings.ts';
import { StatusBar } from './vscode/status-bar.ts';
import { WorkspaceLenses, type AssetLocation } from './vscode/workspace-lenses.ts';
import { BrokenReferences } from './vscode/broken-references.ts';
import { ReferenceWatcher } from './vscode/reference-watcher.ts';
import { findUsages } from './vscode/usages.ts';

/** Background indexing and the git watcher start this long after activation, off the startup path. */
const STARTUP_DELAY_MS = 500;

export type { AssetLensApi };

export function activate(context: vscode.ExtensionContext): AssetLensApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Asset Lens', { log: true });
  const apiKeys = new ApiKeyStore(context.secrets);
  const lenses = new WorkspaceLenses(apiKeys, log);
  const cloudRuns = new CloudRunner(lenses, context.workspaceState, log);
  const indexer = new AutoIndexer(lenses, cloudRuns, log);
  const pulls = new PullWatcher(indexer, cloudRuns, log);
  const statusBar = new StatusBar(lenses, cloudRuns);
  const referenceWatcher = new ReferenceWatcher(lenses, log);
  const brokenReferences = new BrokenReferences(lenses, log);
  const gallery: GalleryDeps = { extensionUri: context.extensionUri, lenses, log };

  const locate = (uris: readonly vscode.Uri[]): AssetLocation[] =>
    uris.flatMap((uri) => {
      const location = lenses.locate(uri);
      if (!location) log.warn(`${uri.fsPath}: not inside a workspace folder`);
      return location ? [location] : [];
    });

  context.subscriptions.push(
    log,
    lenses,
    cloudRuns,
    indexer,
    pulls,
    statusBar,
    referenceWatcher,
    brokenReferences,
    ...registerCommands({
      search: () => showSearchQuickPick(lenses, log),
      openGallery: () => GalleryPanel.createOrShow(gallery),
      indexWorkspace: () => indexer.indexWorkspace(),
      setApiKey: (key?: unknown) => setApiKey(apiKeys, readSettings(lenses.folders[0]?.uri).cloudModel, log, key),
      clearApiKey: async () => {
        await apiKeys.clear();
        log.info('Gemini API key removed from secret storage');
        const fallback = process.env.GEMINI_API_KEY ? ' GEMINI_API_KEY from the environment is still used.' : '';
        void vscode.window.showInformationMessage(`Asset Lens: Gemini API key cleared.${fallback}`);
      },
      showLog: () => log.show(),
      findSimilar: async (uri?: vscode.Uri) => {
        const [location] = locate(uri ? [uri] : []);
        if (!location) return;
        try {
          await indexer.indexFiles([uri!.fsPath]);
          const panel = GalleryPanel.createOrShow(gallery);
          panel.showSimilar(location);
          return panel;
        } catch (error) {
          log.error(`find similar to ${location.path} failed: ${describe(error)}`);
          void vscode.window.showErrorMessage(`Asset Lens: ${describe(error)}`);
        }
      },
      tagWithGemini: (uri?: vscode.Uri, selected?: vscode.Uri[]) => tagWithGemini(lenses, locate(selected?.length ? selected : uri ? [uri] : []), log),
      findUsages: async (uri?: vscode.Uri) => {
        const [location] = locate(uri ? [uri] : []);
        if (!location) return [];
        try {
          return await findUsages(lenses, location);
        } catch (error) {
          log.error(`find usages of ${location.path} failed: ${describe(error)}`);
          void vscode.window.showErrorMessage(`Asset Lens: ${describe(error)}`);
          return [];
        }
      },
      // Reopens the choice about what waits (the status bar's click). A folder Uri and an answer may be passed (keybindings, tests).
      tagWaiting: (folderUri?: vscode.Uri, answer?: ConsentAnswer) => tagWaiting(lenses, cloudRuns, log, folderUri, answer),
    }),
    vscode.window.registerWebviewPanelSerializer(GALLERY_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => GalleryPanel.revive(panel, gallery),
    }),
    lenses.onDidWrite(() => void statusBar.refresh().catch((error: unknown) => log.error(`status: ${describe(error)}`))),
    lenses.onDidReset(() => void statusBar.refresh().catch((error: unknown) => log.error(`status: ${describe(error)}`))),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (REOPEN_ON_CHANGE.some((section) => event.affectsConfiguration(section))) lenses.reset('settings changed');
    }),
    // reset() fires onDidReset, which refreshes the status bar's tooltip.
    apiKeys.onDidChange(() => lenses.reset('Gemini API key changed')),
    vscode.workspace.onDidGrantWorkspaceTrust(() => lenses.reset('workspace trusted')),
    vscode.workspace.onDidChangeWorkspaceFolders(() => lenses.reset('workspace folders changed')),
  );

  const startup = setTimeout(() => {
    void statusBar.refresh().catch((error: unknown) => log.error(`status: ${describe(error)}`));
    indexer.start();
    referenceWatcher.start();
    pulls.start().catch((error: unknown) => log.error(`git: ${describe(error)}`));
  }, STARTUP_DELAY_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(startup) });

  log.info(`activated in ${(performance.now() - started).toFixed(1)} ms (${vscode.workspace.isTrusted ? 'trusted' : 'restricted mode: no cloud'})`);
  return createPublicApi(lenses, statusBar);
}

async function tagWaiting(lenses: WorkspaceLenses, runs: CloudRunner, log: vscode.LogOutputChannel, folderUri?: vscode.Uri, answer?: ConsentAnswer): Promise<void> {
  const folders = folderUri ? lenses.folders.filter((folder) => folder.uri.toString() === folderUri.toString()) : lenses.folders;
  const keyed = (await Promise.all(folders.map(async (folder) => ((await lenses.cloudKey(folder)) ? [folder] : [])))).flat();
  if (keyed.length === 0) {
    const why = vscode.workspace.isTrusted ? 'needs an API key and assetLens.cloud.enabled in your user settings' : 'is off in Restricted Mode';
    void vscode.window.showWarningMessage(`Asset Lens: tagging with Gemini ${why}.`);
    return;
  }
  let offered = false;
  for (const folder of keyed) {
    try {
      offered = (await runs.offer(folder, { review: true, ...(answer ? { answer } : {}) })) || offered;
    } catch (error) {
      log.error(`Gemini tagging of ${folder.name} failed: ${describe(error)}`);
    }
  }
  if (!offered) void vscode.window.showInformationMessage('Asset Lens: no image waits for Gemini.');
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
