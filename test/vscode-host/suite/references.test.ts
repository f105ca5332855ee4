// Runs last in the trusted host (the workspace is indexed, autoIndex is off). Writes its own Markdown
// page referencing the suite's images, indexes, and checks what VS Code shows: the gallery's detail
// pane usages and Usage facet (through the messages the panel posts), Find Usages, and the quick fix
// for a broken reference in the Problems panel.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import * as vscode from 'vscode';
import { eventually, image, workspaceUri } from './support.ts';

interface Usage {
  file: string;
  line: number;
  column: number;
  text: string;
}

type Posted =
  | { type: 'detail'; detail: { path: string; usages: Usage[]; usageCount: number } }
  | { type: 'facets'; facets: { usage?: Record<string, number> } }
  | { type: string };

interface GalleryHandle {
  readonly published: { queryId: number; paths: string[] } | undefined;
  onDidPost: vscode.Event<Posted>;
  receive(message: unknown): Promise<void>;
}

const PAGE = 'docs/usage.md';
const LINES = [
  '# Where the tiles go',
  '',
  '![Tile](../assets/tiles/tile-1.png)',
  '<img src="../assets/tiles/tile-1.png" alt="tile">',
  '![Harbour](../assets/photos/photo-44.webp)',
];

describe('Asset Lens: where images are used', () => {
  let panel: GalleryHandle;
  const posted: Posted[] = [];
  let subscription: vscode.Disposable | undefined;
  let cloudBefore: boolean | undefined;

  before(async () => {
    // Local work only: the suite's earlier files set an API key, and the runner counts Gemini requests
    // (a user setting: assetLens.cloud.enabled cannot be set per workspace).
    cloudBefore = vscode.workspace.getConfiguration('assetLens').inspect<boolean>('cloud.enabled')?.globalValue;
    await vscode.workspace.getConfiguration('assetLens').update('cloud.enabled', false, vscode.ConfigurationTarget.Global);
    const page = workspaceUri(PAGE);
    mkdirSync(workspaceUri('docs').fsPath, { recursive: true });
    writeFileSync(page.fsPath, LINES.join('\n') + '\n');
    await vscode.commands.executeCommand('assetLens.indexWorkspace');
    panel = (await vscode.commands.executeCommand<GalleryHandle>('assetLens.openGallery'))!;
    subscription = panel.onDidPost((message) => posted.push(message));
  });

  after(async () => {
    subscription?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(workspaceUri(PAGE).fsPath, { force: true });
    await vscode.workspace.getConfiguration('assetLens').update('cloud.enabled', cloudBefore, vscode.ConfigurationTarget.Global);
  });

  it('the detail pane lists where an image is used, and a usage opens the file at its line', async () => {
    const tile = image(0).path;
    await panel.receive({ type: 'detail', folder: 0, path: tile });
    const message = await eventually('the detail of the tile', 10_000, () =>
      posted.find((m): m is Extract<Posted, { type: 'detail' }> => m.type === 'detail' && 'detail' in m && m.detail.path === tile),
    );
    assert.equal(message.detail.usageCount, 2);
    assert.deepEqual(message.detail.usages, [
      { file: PAGE, line: 3, column: 9, text: '../assets/tiles/tile-1.png' },
      { file: PAGE, line: 4, column: 11, text: '../assets/tiles/tile-1.png' },
    ]);

    const usage = message.detail.usages[1]!;
    await panel.receive({ type: 'openUsage', folder: 0, file: usage.file, line: usage.line, column: usage.column, length: usage.text.length });
    const editor = await eventually('the page to open', 10_000, () => (vscode.window.activeTextEditor?.document.uri.fsPath === workspaceUri(PAGE).fsPath ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.document.getText(editor.selection), usage.text);
    assert.equal(editor.selection.start.line, 3);
  });

  it('the Usage facet counts used and unused images, and used:no finds the unused ones', async () => {
    posted.length = 0;
    await panel.receive({ type: 'search', queryId: 1_000_000, query: '', sort: 'name', group: false });
    const facets = await eventually('facets', 10_000, () => posted.find((m): m is Extract<Posted, { type: 'facets' }> => m.type === 'facets' && 'facets' in m));
    assert.deepEqual(facets.facets.usage, { yes: 1, no: 3 });

    await panel.receive({ type: 'search', queryId: 1_000_001, query: 'used:no', sort: 'name', group: false });
    const unused = await eventually('the used:no results', 10_000, () => (panel.published?.queryId === 1_000_001 ? panel.published : undefined));
    assert.deepEqual([...unused.paths].sort(), [image(1).path, image(2).path, image(3).path].sort());
  });

  it('Find Usages of Image returns and lists the usages', async () => {
    const usages = await vscode.commands.executeCommand<Usage[]>('assetLens.findUsages', workspaceUri(image(0).path));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.deepEqual(
      usages.map((u) => `${u.file}:${u.line}`),
      [`${PAGE}:3`, `${PAGE}:4`],
    );
  });

  it('a broken reference shows in the Problems panel, and its quick fix rewrites it to the image it meant', async () => {
    const uri = workspaceUri(PAGE);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostic = await eventually('the broken reference diagnostic', 20_000, () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.source === 'Asset Lens'),
    );
    assert.equal(diagnostic.range.start.line, 4);
    assert.equal(document.getText(diagnostic.range), '../assets/photos/photo-44.webp');
    assert.match(diagnostic.message, /photo-44\.webp.*assets\/photos\/photo-4\.webp/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const fix = actions.find((action) => action.title.startsWith('Change to'));
    assert.ok(fix?.edit, `a quick fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.lineAt(4).text, '![Harbour](../assets/photos/photo-4.webp)');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
