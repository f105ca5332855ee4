// Runs in the trusted host after cloud-tagging.test: cloud tagging is on in the user settings and
// GEMINI_API_KEY (the stand-in's key) is in the environment; one image is tagged, the others wait.
// The first test takes the key out of the environment, so the one in secret storage is what counts,
// and it is put back at the end. The second tags the waiting images with the stand-in's answers held
// back, letting them go one at a time.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assetLens, eventually, standinHold, standinRequests, suiteConfig, workspaceFolder } from './support.ts';

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

  it('during a Gemini run it counts the images done and waiting, answer by answer', async () => {
    const api = await assetLens();
    const count = `$(file-media) ${suiteConfig().images.length}`;
    const [before] = (await api.status())!;
    const run = before!.pending;
    assert.ok(run >= 2, `images wait for Gemini: ${JSON.stringify(before)}`);
    const sentBefore = (await standinRequests()).length;
    await standinHold('hold');
    let ended = false;
    const tagging = Promise.resolve(vscode.commands.executeCommand('assetLens.tagWaiting', workspaceFolder().uri, 'tag')).finally(() => (ended = true));
    try {
      for (let done = 0; done < run; done++) {
        const progress = `Tagging with Gemini ${done}/${run}`;
        await eventually(`a request held at the stand-in (${done} answered)`, 20_000, async () => ((await standinHold()).held > 0 ? true : undefined));
        const shown = await eventually(() => `"${progress}" in the status bar (it says: ${api.statusBarItem().text})`, 20_000, () => (api.statusBarItem().text.includes(progress) ? api.statusBarItem() : undefined));
        assert.ok(shown.text.startsWith(count), `the image count stays: ${shown.text}`);
        const counts = `${before!.tagged + done} tagged by Gemini, ${run - done} waiting for Gemini`;
        await eventually(() => `"${counts}" in the tooltip (it says: ${api.statusBarItem().tooltip})`, 10_000, () => (api.statusBarItem().tooltip.includes(counts) ? true : undefined));
        assert.equal(ended, false, 'the run goes on while an answer is held');
        await standinHold({ release: 1 });
      }
    } finally {
      await standinHold('resume');
      await tagging;
    }
    const after = await eventually('the status bar without a run', 20_000, () => (api.statusBarItem().text.includes('Tagging') ? undefined : api.statusBarItem()));
    assert.equal(after.text, count, 'the count alone: nothing waits');
    assert.match(after.tooltip, new RegExp(`${before!.tagged + run} tagged by Gemini, 0 waiting for Gemini`));
    assert.equal((await standinRequests()).length - sentBefore, run, 'one request per waiting image');
  });
});
