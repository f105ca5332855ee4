// Runs in the trusted host after cloud-tagging.test: cloud tagging is on in the user settings and
// GEMINI_API_KEY (the stand-in's key) is in the environment. This test takes the key out of the
// environment, so the one in secret storage is what counts, and puts it back at the end.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assetLens, eventually, suiteConfig } from './support.ts';

describe('Asset Lens status bar', () => {
  const environmentKey = process.env.GEMINI_API_KEY;

  after(() => {
    process.env.GEMINI_API_KEY = environmentKey;
  });

  it('its tooltip follows the API key being cleared and set, and the count stays', async () => {
    const api = await assetLens();
    const images = suiteConfig().images.length;
    const count = `$(file-media) ${images}`;
    await eventually(`the count of ${images} images`, 10_000, () => (api.statusBarItem().text.startsWith(count) ? true : undefined));
    assert.ok(environmentKey, 'the runner passes the stand-in key in GEMINI_API_KEY');
    delete process.env.GEMINI_API_KEY;

    await vscode.commands.executeCommand('assetLens.clearApiKey');
    const off = await eventually('a tooltip saying Gemini is off', 10_000, () => (/Gemini tagging is off/.test(api.statusBarItem().tooltip) ? api.statusBarItem() : undefined));
    assert.ok(off.text.startsWith(count), `still counts the images: ${off.text}`);

    const refused = await vscode.commands.executeCommand<boolean>('assetLens.setApiKey', 'not-a-real-key');
    assert.equal(refused, false, 'a key Gemini refuses is not saved');
    assert.match(api.statusBarItem().tooltip, /Gemini tagging is off/);

    const saved = await vscode.commands.executeCommand<boolean>('assetLens.setApiKey', environmentKey);
    assert.equal(saved, true, 'the stand-in accepts its key');
    const on = await eventually('a tooltip counting Gemini tags', 10_000, () => (/tagged by Gemini/.test(api.statusBarItem().tooltip) ? api.statusBarItem() : undefined));
    assert.match(on.tooltip, /1 tagged by Gemini/);
    assert.ok(on.text.startsWith(count), `still counts the images: ${on.text}`);
  });
});
