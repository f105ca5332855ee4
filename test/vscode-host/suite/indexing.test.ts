// Runs in the trusted host with assetLens.autoIndex off and cloud tagging off in the user settings
// (the workspace's settings.json turns it on, which must change nothing), so every index write here
// comes from the command under test.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assetLens, describeTabs, eventually, exists, galleryTab, image, standinRequests, suiteConfig, workspaceUri } from './support.ts';

const INDEX_DB = '.vscode/asset-lens/index.db';

describe('Asset Lens indexing commands', () => {
  it('Find Similar Assets on an explorer Uri indexes that image and opens the gallery', async () => {
    const api = await assetLens();
    assert.equal(await exists(workspaceUri(INDEX_DB)), false, 'nothing indexed the workspace before');
    const target = workspaceUri(image(1).path);

    await vscode.commands.executeCommand('assetLens.findSimilar', target);

    const record = await api.asset(target);
    assert.equal(record?.path, image(1).path);
    assert.equal(record.error, null);
    const [status] = await api.status();
    assert.equal(status?.assets, 1, 'only the image it was asked about is indexed');
    // The tab model reaches the extension host a moment after the panel is created.
    const tab = await eventually(`the gallery tab (tabs: ${describeTabs()})`, 10_000, galleryTab);
    assert.ok(tab.isActive, 'the gallery is the active tab');
  });

  it('Index Workspace indexes every image into .vscode/asset-lens/index.db, locally', async () => {
    const api = await assetLens();
    const { images } = suiteConfig();

    await vscode.commands.executeCommand('assetLens.indexWorkspace');

    assert.ok(await exists(workspaceUri(INDEX_DB)), `${INDEX_DB} exists`);
    const [status] = await api.status();
    assert.equal(status?.assets, images.length);
    assert.equal(status.failed, 0);
    for (const { path } of images) assert.equal((await api.asset(workspaceUri(path)))?.path, path);
    const jpegs = images.filter(({ path }) => path.endsWith('.jpg')).map(({ path }) => path);
    assert.ok(jpegs.length > 0, 'the workspace has a JPEG');
    assert.deepEqual((await api.search('ext:jpg')).map((hit) => hit.path).sort(), jpegs.sort());
    assert.deepEqual(await standinRequests(), [], 'cloud tagging is off for the user, whatever the workspace says: nothing was sent');
  });
});
