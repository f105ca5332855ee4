// Runs in the trusted host after quick-pick.test (the workspace is indexed, autoIndex is off). The
// webview's DOM is out of reach here (test/e2e drives it); what the gallery panel published to it is
// not: the commands return the panel.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { png, pngSize } from './png.ts';
import { describeTabs, eventually, galleryTab, image, workspaceUri } from './support.ts';

interface Published {
  queryId: number;
  kind: 'search' | 'similar';
  title: string;
  paths: string[];
}

interface PostedMessage {
  type: string;
  queryId?: number;
  items?: { path: string; tags: string[] }[];
  requestId?: number;
  png?: Uint8Array | null;
  width?: number;
  height?: number;
  error?: string | null;
}

interface GalleryHandle {
  readonly published: Published | undefined;
  onDidPublish: vscode.Event<Published>;
  onDidPost: vscode.Event<PostedMessage>;
  receive(message: unknown): Promise<void>;
}

describe('Asset Lens gallery', () => {
  it('"Find similar" results come back after opening a hit and returning to the gallery', async () => {
    const target = workspaceUri(image(1).path);
    const panel = await vscode.commands.executeCommand<GalleryHandle>('assetLens.findSimilar', target);
    assert.ok(panel, 'Find Similar Assets returns the gallery panel');
    const shown = await eventually('similar results', 20_000, () => (panel.published?.kind === 'similar' ? panel.published : undefined));
    assert.ok(shown.paths.length > 0, 'something is similar');
    assert.match(shown.title, new RegExp(`similar to ${image(1).path}`));

    // Opening a hit in the gallery's editor group hides the webview, which VS Code then discards.
    const tab = await eventually(`the gallery tab (tabs: ${describeTabs()})`, 10_000, galleryTab);
    await vscode.commands.executeCommand('vscode.open', workspaceUri(shown.paths[0]!), { viewColumn: tab.group.viewColumn, preview: false });
    await eventually('the hit to replace the gallery as the active tab', 10_000, () => (galleryTab()?.isActive === false ? true : undefined));

    const republished: Published[] = [];
    const subscription = panel.onDidPublish((published) => republished.push(published));
    try {
      await vscode.commands.executeCommand('assetLens.openGallery');
      // The reloaded webview restores its state and asks again: for the similar images, not a search.
      const again = await eventually('the reloaded gallery to ask for its results', 20_000, () => republished[0]);
      assert.equal(again.kind, 'similar');
      assert.match(again.title, new RegExp(`similar to ${image(1).path}$`));
      assert.ok(again.paths.length > 0, "the similar images are listed again");
    } finally {
      subscription.dispose();
    }
  });

  it('lists the whole result and tags the hits of the page the webview asks for', async () => {
    const panel = (await vscode.commands.executeCommand<GalleryHandle>('assetLens.openGallery'))!;
    const pages: { queryId?: number; items?: { path: string; tags: string[] }[] }[] = [];
    const subscription = panel.onDidPost((message) => message.type === 'page' && pages.push(message));
    try {
      // Above the webview's own query ids, below references.test's.
      const queryId = 900_000;
      await panel.receive({ type: 'search', queryId, query: 'tile', sort: 'name', group: false });
      const published = await eventually('the "tile" results', 20_000, () => (panel.published?.queryId === queryId ? panel.published : undefined));
      // The tiles match by name, ahead of anything less related.
      assert.match(published.paths[1] ?? '', /tile/, JSON.stringify(published.paths));
      await panel.receive({ type: 'page', queryId, offset: 1, limit: 1 });
      const page = pages.find((message) => message.queryId === queryId);
      assert.deepEqual(page?.items?.map((item) => item.path), published.paths.slice(1, 2));
      assert.ok(page!.items!.every((item) => item.tags.some((tag) => tag.includes('tile'))), JSON.stringify(page?.items));
    } finally {
      subscription.dispose();
    }
  });

  it('Copy Image answers with the image itself at full size, not its 256 px thumbnail; a file it cannot read gets the reason', async () => {
    const wide = { path: 'assets/wide/copy-banner.png', width: 640, height: 320 };
    const broken = 'assets/wide/copy-broken.png';
    await vscode.workspace.fs.writeFile(workspaceUri(wide.path), png([wide.width, wide.height], (x) => (x < wide.width / 2 ? [200, 30, 30] : [30, 30, 200])));
    await vscode.workspace.fs.writeFile(workspaceUri(broken), new TextEncoder().encode('not an image'));
    const panel = (await vscode.commands.executeCommand<GalleryHandle>('assetLens.openGallery'))!;
    const answers: PostedMessage[] = [];
    const subscription = panel.onDidPost((message) => message.type === 'clipboardImage' && answers.push(message));
    try {
      await panel.receive({ type: 'copyImage', requestId: 41, folder: 0, path: wide.path });
      const answer = await eventually('the full-size image', 20_000, () => answers.find((message) => message.requestId === 41));
      assert.equal(answer.error, null);
      assert.ok(answer.png, 'PNG bytes for the clipboard');
      // A Buffer would reach the webview as JSON (its toJSON), which the clipboard cannot decode.
      assert.equal(Object.getPrototypeOf(answer.png), Uint8Array.prototype, 'posted as a plain Uint8Array');
      assert.deepEqual(pngSize(answer.png), { width: wide.width, height: wide.height }, 'the file\'s own size');
      assert.deepEqual([answer.width, answer.height], [wide.width, wide.height]);

      await panel.receive({ type: 'copyImage', requestId: 42, folder: 0, path: broken });
      const refused = await eventually('the answer for a file that is no image', 20_000, () => answers.find((message) => message.requestId === 42));
      assert.equal(refused.png, null, 'no PNG: the webview copies the thumbnail');
      assert.match(refused.error ?? '', /copy-broken\.png: cannot decode the image/);
    } finally {
      subscription.dispose();
      await vscode.workspace.fs.delete(workspaceUri('assets/wide'), { recursive: true });
      await vscode.commands.executeCommand('assetLens.indexWorkspace');
    }
  });
});
