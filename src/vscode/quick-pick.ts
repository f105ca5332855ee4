// "Asset Lens: Search Assets": a quick pick that searches as you type.
import * as vscode from 'vscode';
import { copyAssetPath, insertAssetReference, openAsset, revealAsset } from './asset-actions.ts';
import { describe } from './errors.ts';
import { LatestQuery } from './latest-query.ts';
import type { AssetLocation, WorkspaceLenses } from './workspace-lenses.ts';

const RESULTS = 50;
const DEBOUNCE_MS = 60;

interface HitItem extends vscode.QuickPickItem {
  location: AssetLocation;
}

const BUTTONS = {
  reveal: { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: 'Reveal in Explorer' },
  copy: { iconPath: new vscode.ThemeIcon('copy'), tooltip: 'Copy Relative Path' },
  insert: { iconPath: new vscode.ThemeIcon('insert'), tooltip: 'Insert Markdown/HTML Reference into the Editor' },
} satisfies Record<string, vscode.QuickInputButton>;

export function showSearchQuickPick(lenses: WorkspaceLenses, log: vscode.LogOutputChannel): void {
  // The quick pick does not change the active editor, so this is where "insert reference" goes.
  const editor = vscode.window.activeTextEditor;
  const opened = performance.now();
  let firstResultsLogged = false;
  const pick = vscode.window.createQuickPick<HitItem>();
  pick.title = 'Asset Lens: Search Assets';
  pick.placeholder = 'Describe the image, e.g. "red logo", "cat ext:svg", "icon in:assets/ orientation:square"';
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;

  const search = new LatestQuery<string, HitItem[]>(
    async (query) => (query.trim() ? toItems(lenses, (await lenses.search(query, RESULTS)).hits) : []),
    (items, query) => {
      pick.items = items;
      pick.busy = false;
      if (!firstResultsLogged && items.length > 0) {
        firstResultsLogged = true;
        log.info(`quick pick: first results for "${query}" ${Math.round(performance.now() - opened)} ms after opening`);
      }
    },
    {
      delayMs: DEBOUNCE_MS,
      onError: (error) => {
        pick.busy = false;
        pick.items = [];
        log.error(`quick pick search failed: ${describe(error)}`);
        void vscode.window.showErrorMessage(`Asset Lens: ${describe(error)}`);
      },
    },
  );

  pick.onDidChangeValue((value) => {
    pick.busy = value.trim().length > 0;
    search.schedule(value);
  });
  pick.onDidAccept(() => {
    const item = pick.selectedItems[0];
    if (!item) return;
    pick.hide();
    void openAsset(item.location);
  });
  pick.onDidTriggerItemButton(({ item, button }) => {
    const action =
      button === BUTTONS.reveal ? revealAsset(item.location)
      : button === BUTTONS.copy ? copyAssetPath(item.location)
      : insertAssetReference(lenses, item.location, editor).then(() => pick.hide());
    action.catch((error: unknown) => log.error(`quick pick action on ${item.location.path} failed: ${describe(error)}`));
  });
  pick.onDidHide(() => {
    search.dispose();
    pick.dispose();
  });
  pick.show();
  // Open the indexes while the user types, so the first query does not pay for loading them.
  for (const folder of lenses.folders) lenses.lens(folder).catch((error: unknown) => log.error(`opening ${folder.name} failed: ${describe(error)}`));
}

async function toItems(lenses: WorkspaceLenses, hits: Awaited<ReturnType<WorkspaceLenses['search']>>['hits']): Promise<HitItem[]> {
  const multiRoot = lenses.folders.length > 1;
  const items: HitItem[] = [];
  for (const hit of hits) {
    const resolved = await lenses.resolveHit(hit);
    if (!resolved) continue;
    const { folder, thumbnail } = resolved;
    items.push({
      label: hit.path,
      description: multiRoot ? folder.name : undefined,
      detail: hit.tags.length > 0 ? hit.tags.join(' · ') : (hit.caption ?? undefined),
      iconPath: thumbnail,
      // The engine already ranked these; without this the quick pick would filter them by label.
      alwaysShow: true,
      buttons: [BUTTONS.reveal, BUTTONS.copy, BUTTONS.insert],
      location: { folder, path: hit.path },
    });
  }
  return items;
}
