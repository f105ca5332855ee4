// Runs in the trusted host after quick-pick.test (the workspace is indexed, autoIndex is off). The
// webview's DOM is out of reach here (test/e2e drives it); what the gallery panel published to it is
// not: the commands return the panel.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeTabs, eventually, galleryTab, image, workspaceUri } from './support.ts';

interface Published {
  queryId: number;
  kind: 'search' | 'similar';
  title: string;
  paths: string[];
}

interface GalleryHandle {
  readonly published: Published | undefined;
  onDidPublish: vscode.Event<Published>;
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
});
