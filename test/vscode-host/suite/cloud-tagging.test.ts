// Runs in the trusted host after indexing.test: the workspace is indexed locally, cloud tagging is
// off in the user settings, GEMINI_API_KEY and ASSET_LENS_GEMINI_BASE_URL point at the stand-in.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assetLens, eventually, image, standinRequests, workspaceUri } from './support.ts';

describe('Asset Lens cloud tagging (Gemini stand-in)', () => {
  it('Tag with Gemini on an explorer Uri sends that one image once, and its tags become searchable', async () => {
    const api = await assetLens();
    const target = image(0);
    const uri = workspaceUri(target.path);
    assert.deepEqual(await standinRequests(), [], 'nothing was sent before');
    // A search lists semantic near-misses too; what counts is whether the colour is among the tags it matched.
    const matchedBefore = (await api.search(target.colour)).find((hit) => hit.path === target.path)?.tags ?? [];
    assert.ok(!matchedBefore.includes(target.colour), `nothing local tags ${target.path} "${target.colour}": ${JSON.stringify(matchedBefore)}`);

    const settings = vscode.workspace.getConfiguration('assetLens');
    await settings.update('cloud.enabled', true, vscode.ConfigurationTarget.Global);
    await eventually('cloud tagging to be on', 10_000, () => vscode.workspace.getConfiguration('assetLens').get('cloud.enabled') === true || undefined);

    await vscode.commands.executeCommand('assetLens.tagWithGemini', uri, [uri]);

    const requests = await standinRequests();
    assert.deepEqual(
      requests.map(({ kind, imageKey, status }) => ({ kind, imageKey, status })),
      [{ kind: 'generate', imageKey: target.toneKey, status: 200 }],
      'exactly one request, carrying this image',
    );
    // The workspace's settings.json names gemini-3.5-flash-lite: only the user's settings pick the model.
    assert.equal(requests[0]!.model, 'gemini-2.5-flash-lite', 'the default model, not the repository\'s choice');
    const record = await api.asset(uri);
    assert.equal(record?.cloud.state, 'done');
    assert.ok(
      record.tags.some((tag) => tag.source === 'cloud' && tag.text === target.colour),
      `the stand-in's "${target.colour}" is among the tags: ${JSON.stringify(record.tags)}`,
    );
    const [first] = await api.search(target.colour);
    assert.equal(first?.path, target.path, `"${target.colour}" finds ${target.path} first`);
    assert.ok(first.tags.includes(target.colour), `found by its tag "${target.colour}": ${JSON.stringify(first.tags)}`);
  });
});
