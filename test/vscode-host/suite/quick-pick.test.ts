// Runs in the trusted host after indexing.test (the workspace is indexed, autoIndex is off). Drives the
// real quick pick that "Asset Lens: Search Assets" opens; the command returns it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { png } from './png.ts';
import { describeTabs, eventually, workspaceUri } from './support.ts';

type Item = vscode.QuickPickItem & { row: { kind: string }; location?: { path: string } };

interface PickerHandle {
  pick: vscode.QuickPick<Item>;
  setQuery(value: string): void;
  onDidRender: vscode.Event<readonly Item[]>;
}

const NEW_IMAGE = 'assets/stripes/xylophonezebra.png';

async function openPicker(): Promise<{ picker: PickerHandle; renders: string[][] }> {
  const picker = await vscode.commands.executeCommand<PickerHandle>('assetLens.search');
  assert.ok(picker?.pick, 'the command returns the open quick pick');
  const renders: string[][] = [];
  picker.onDidRender((items) => renders.push(items.map((item) => `${item.row.kind}:${item.label}`)));
  return { picker, renders };
}

describe('Asset Lens search quick pick', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('says "No images match" for a query nothing matches', async () => {
    const { picker, renders } = await openPicker();
    picker.setQuery('qqxqzv');
    const shown = await eventually('a no-results row', 20_000, () => renders.find((labels) => labels.some((label) => label.startsWith('message:No images match “qqxqzv”'))));
    assert.equal(shown.length, 1, `only the message: ${JSON.stringify(shown)}`);
    await eventually('the busy bar to stop', 5000, () => picker.pick.busy === false || undefined);
  });

  it('a query typed before its image is indexed shows progress, then the image once indexing lands it', async () => {
    const stripes = png(48, (x) => (Math.floor(x / 6) % 2 ? [250, 250, 250] : [10, 10, 10]));
    await vscode.workspace.fs.writeFile(workspaceUri(NEW_IMAGE), stripes);
    try {
      const { picker, renders } = await openPicker();
      picker.setQuery('xylophonezebra');
      await eventually('the first results', 20_000, () => (renders.length > 0 && !picker.pick.busy) || undefined);
      assert.equal(picker.pick.items.some((item) => item.location?.path === NEW_IMAGE), false, 'not indexed yet, so not found');

      await vscode.commands.executeCommand('assetLens.indexWorkspace');

      const progress = renders.find((labels) => labels.some((label) => /results will appear/.test(label)));
      assert.ok(progress, `a render said results will appear: ${JSON.stringify(renders)}`);
      const found = await eventually(`${NEW_IMAGE} among the items`, 20_000, () => picker.pick.items.find((item) => item.row.kind === 'hit' && item.location?.path === NEW_IMAGE));
      assert.ok(found.iconPath, 'the hit shows its thumbnail');
      assert.equal(picker.pick.busy, false, 'the busy bar stops once indexing ended');
      // The hit that was first by itself is no place the user chose: a better hit arriving above it
      // becomes active and opens no preview.
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.deepEqual(imagePreviewTabs(), [], `no preview opened: ${describeTabs()}`);
    } finally {
      await vscode.workspace.fs.delete(workspaceUri(NEW_IMAGE));
      await vscode.commands.executeCommand('assetLens.indexWorkspace');
    }
  });
});

/** Tabs showing an image (VS Code's image preview is a custom editor). */
function imagePreviewTabs(): string[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputCustom).map((tab) => tab.label);
}

/** The tab showing this file in an editor of its own (VS Code's image preview is a custom editor). */
function tabOf(uri: vscode.Uri): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => tab.input instanceof vscode.TabInputCustom && tab.input.uri.toString() === uri.toString());
}

describe('Asset Lens quick pick live preview', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('moving to another hit previews it after a pause, without taking focus; Escape closes the preview and brings back the editor from before', async () => {
    const readme = workspaceUri('README.md');
    await vscode.window.showTextDocument(readme, { preview: false });
    const { picker, renders } = await openPicker();
    picker.setQuery('tile');
    const hits = await eventually('two hits or more', 20_000, () => {
      const found = picker.pick.items.filter((item) => item.row.kind === 'hit');
      return found.length >= 2 && !picker.pick.busy ? found : undefined;
    });
    assert.ok(!renders.flat().some((row) => row.startsWith('message:No images match')), `no "No images match" while the query ran: ${JSON.stringify(renders)}`);
    const pathOf = (item: Item | undefined) => item?.location?.path;
    const paths = (items: readonly Item[]) => JSON.stringify(items.map((item) => pathOf(item) ?? item.label));
    const first = pathOf(hits[0])!;
    const sorted = hits.map((hit) => pathOf(hit)!).sort();
    assert.notEqual(sorted[0], first, `the engine ranks a hit above the alphabetically first (else a re-sort by label would go unseen): ${paths(hits)}`);
    const imageTabs = () => hits.filter((hit) => tabOf(workspaceUri(pathOf(hit)!)));
    // The engine's first hit becomes active on its own once the workbench draws the list: that opens
    // nothing, as in Go to File. (Had the workbench sorted the hits by how their labels match "tile", as it
    // does by default, the alphabetically first would be active instead.)
    await eventually(() => `the engine's first hit, ${first}, to be active (active: ${paths(picker.pick.activeItems)}, items: ${paths(picker.pick.items)})`, 5000, () =>
      pathOf(picker.pick.activeItems[0]) === first || undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.deepEqual(imageTabs(), [], `no preview before the user moves (active: ${paths(picker.pick.activeItems)}): ${describeTabs()}`);

    // What the Down arrow runs in a quick pick. Pressed again only if the workbench has not taken the
    // first press after a long wait; a press that lands late could still move the list, so the hit under
    // test is the one that stays active for a full second.
    let presses = 0;
    await eventually(() => `another hit to become active after ${presses} × Down (active: ${paths(picker.pick.activeItems)}, items: ${paths(picker.pick.items)})`, 15_000, async () => {
      const [active] = picker.pick.activeItems;
      if (active?.row.kind === 'hit' && pathOf(active) !== first) return active;
      if (presses < 3) {
        presses++;
        await vscode.commands.executeCommand('quickInput.next');
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
      return undefined;
    });
    let moved = pathOf(picker.pick.activeItems[0])!;
    for (let settled = false, rounds = 0; !settled && rounds < 10; rounds++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const now = pathOf(picker.pick.activeItems[0])!;
      settled = now === moved;
      moved = now;
    }
    assert.notEqual(moved, first, 'a hit other than the first is active');
    const target = workspaceUri(moved);
    const preview = await eventually(() => `a preview of ${moved} (tabs: ${describeTabs()})`, 10_000, () => tabOf(target));
    assert.equal(preview.isPreview, true, 'opened as a preview tab');
    assert.equal(imageTabs().length, 1, `only the active hit is previewed: ${describeTabs()}`);
    assert.equal(pathOf(picker.pick.activeItems[0]), moved, 'the quick pick stays open on that hit');

    // What Escape runs.
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await eventually(() => `the preview to close (tabs: ${describeTabs()})`, 10_000, () => (imageTabs().length === 0 ? true : undefined));
    const editor = await eventually(() => `README.md to be the active editor again (tabs: ${describeTabs()})`, 10_000, () =>
      vscode.window.activeTextEditor?.document.uri.toString() === readme.toString() ? vscode.window.activeTextEditor : undefined,
    );
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, 'README.md');
    assert.equal(editor.document.isClosed, false);
  });
});

describe('Asset Lens saved searches in the quick pick', () => {
  it('lists the searches a teammate committed beside the ledger when the query is empty', async () => {
    const file = workspaceUri('.vscode/asset-lens/searches.json');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('[\n  {"name":"Tiles","query":"in:assets/tiles"}\n]\n'));
    try {
      const { picker } = await openPicker();
      const saved = await eventually('the saved search row', 10_000, () => picker.pick.items.find((item) => item.row.kind === 'saved'));
      assert.match(saved.label, /Tiles/);
      assert.equal(saved.description, 'in:assets/tiles');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    } finally {
      await vscode.workspace.fs.delete(file);
    }
  });
});
