// Runs in a host with workspace trust on and this folder never trusted: Restricted Mode. The user
// settings turn cloud tagging on and GEMINI_API_KEY is set, so trust is the only thing that keeps
// images on the machine. The workspace's own settings try to move the index.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assetLens, exists, image, standinRequests, suiteConfig, workspaceUri } from './support.ts';

describe('Asset Lens in Restricted Mode', () => {
  it('runs in an untrusted workspace, with cloud tagging on in the user settings', async () => {
    await assetLens();
    assert.equal(vscode.workspace.isTrusted, false);
    assert.equal(vscode.workspace.getConfiguration('assetLens').get('cloud.enabled'), true);
  });

  it('Index Workspace indexes locally and sends nothing to Gemini', async () => {
    const api = await assetLens();
    await vscode.commands.executeCommand('assetLens.indexWorkspace');
    const [status] = await api.status();
    assert.equal(status?.assets, suiteConfig().images.length);
    assert.equal(status.tagged, 0);
    assert.deepEqual(await standinRequests(), []);
  });

  it('Tag with Gemini sends nothing', async () => {
    const api = await assetLens();
    const uri = workspaceUri(image(0).path);
    await vscode.commands.executeCommand('assetLens.tagWithGemini', uri, [uri]);
    assert.deepEqual(await standinRequests(), []);
    assert.notEqual((await api.asset(uri))?.cloud.state, 'done');
  });

  it('a workspace setting cannot move the index (assetLens.indexDir is a restricted setting)', async () => {
    const workspaceSettings = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('.vscode/settings.json'))));
    const redirected = workspaceSettings['assetLens.indexDir'] as unknown;
    assert.ok(typeof redirected === 'string' && redirected, 'the workspace sets assetLens.indexDir');
    assert.equal(vscode.workspace.getConfiguration('assetLens').inspect('indexDir')?.workspaceValue, undefined, 'VS Code ignores it in Restricted Mode');
    assert.ok(await exists(workspaceUri('.vscode/asset-lens/index.db')), 'the index is in its default place');
    assert.equal(await exists(workspaceUri(redirected)), false, `nothing was written to ${redirected}`);
  });
});
