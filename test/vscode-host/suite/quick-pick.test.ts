// Runs in the trusted host after indexing.test (the workspace is indexed, autoIndex is off). Drives the
// real quick pick that "Asset Lens: Search Assets" opens; the command returns it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { png } from './png.ts';
import { eventually, workspaceUri } from './support.ts';

interface PickerHandle {
  pick: vscode.QuickPick<vscode.QuickPickItem & { row: { kind: string } }>;
  setQuery(value: string): void;
  onDidRender: vscode.Event<readonly (vscode.QuickPickItem & { row: { kind: string } })[]>;
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
      assert.equal(picker.pick.items.some((item) => item.label === NEW_IMAGE), false, 'not indexed yet, so not found');

      await vscode.commands.executeCommand('assetLens.indexWorkspace');

      const progress = renders.find((labels) => labels.some((label) => /results will appear/.test(label)));
      assert.ok(progress, `a render said results will appear: ${JSON.stringify(renders)}`);
      const found = await eventually(`${NEW_IMAGE} among the items`, 20_000, () => picker.pick.items.find((item) => item.row.kind === 'hit' && item.label === NEW_IMAGE));
      assert.ok(found.iconPath, 'the hit shows its thumbnail');
      assert.equal(picker.pick.busy, false, 'the busy bar stops once indexing ended');
    } finally {
      await vscode.workspace.fs.delete(workspaceUri(NEW_IMAGE));
      await vscode.commands.executeCommand('assetLens.indexWorkspace');
    }
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
