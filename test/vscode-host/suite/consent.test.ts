// Runs in its own trusted host: background indexing on, the cloud on and the stand-in's key in
// GEMINI_API_KEY, a cap of one image a run and **/tile-2.png excluded in the user settings; the
// workspace's settings.json excludes photo-4.webp and tries to lift the cap to 1000. The stand-in
// takes 4 s to answer, so a run can be stopped while its request is in flight.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { png } from './png.ts';
import { assetLens, eventually, standinRequests, suiteConfig, workspaceFolder, workspaceUri } from './support.ts';

const SENDABLE = ['assets/tiles/tile-1.png', 'assets/photos/photo-3.jpg'];
const EXCLUDED = ['assets/tiles/tile-2.png', 'assets/photos/photo-4.webp'];
/** A colour none of the workspace's images has; the stand-in names it by the tone of its mean. */
const PULLED = { path: 'assets/pulled/new-tile.png', rgb: [208, 80, 240] as [number, number, number] };
const toneKey = ([r, g, b]: [number, number, number]) => `tone-${Math.floor(r / 32)}-${Math.floor(g / 32)}-${Math.floor(b / 32)}`;

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: workspaceFolder().uri.fsPath, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 't@example.com' } });
}

describe('Asset Lens asks before spending, per folder, and a pull tags what it brought', () => {
  const keyOf = (path: string) => suiteConfig().images.find((image) => image.path === path)!.toneKey;

  it('indexes in the background and sends nothing before the user agreed; the status bar says what waits', async () => {
    const api = await assetLens();
    await eventually('the background index of every image', 60_000, async () => {
      const [status] = await api.status();
      return status && status.assets === suiteConfig().images.length ? status : undefined;
    });
    const asking = await eventually('the status bar to say images wait for an answer', 20_000, () =>
      /waiting for your answer about Gemini/.test(api.statusBarItem().tooltip) ? api.statusBarItem() : undefined,
    );
    assert.match(asking.tooltip, /2 images waiting for your answer about Gemini/, 'two sendable images: one excluded by the user, one by the workspace');
    // Give a would-be run time to start: still nothing may reach Gemini.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.deepEqual(await standinRequests(), [], 'no request before consent');
    for (const path of [...SENDABLE, ...EXCLUDED]) assert.equal((await api.asset(workspaceUri(path)))?.cloud.state, 'pending', path);
  });

  it('"Tag" sends one request per image up to the cap, never an excluded image, with the user\'s model; the rest waits and the status bar says why', async () => {
    const api = await assetLens();
    await vscode.commands.executeCommand('assetLens.tagWaiting', workspaceFolder().uri, 'tag');
    const requests = await standinRequests();
    assert.equal(requests.length, 1, `the cap of one image a run (the workspace's 1000 does not count): ${JSON.stringify(requests)}`);
    assert.ok(SENDABLE.map(keyOf).includes(requests[0]!.imageKey), `a sendable image was sent: ${requests[0]!.imageKey}`);
    assert.equal(requests[0]!.model, 'gemini-2.5-flash-lite');
    for (const path of EXCLUDED) assert.equal((await api.asset(workspaceUri(path)))?.cloud.state, 'skipped', `${path} never leaves the machine`);
    const states = await Promise.all(SENDABLE.map(async (path) => (await api.asset(workspaceUri(path)))?.cloud.state));
    assert.deepEqual([...states].sort(), ['done', 'pending']);
    const item = await eventually('the status bar to say one image waits over the cap', 10_000, () =>
      /1 image waiting for a later run: over the per-run cap/.test(api.statusBarItem().tooltip) ? api.statusBarItem() : undefined,
    );
    assert.match(item.tooltip, /Click to choose what Gemini tags/);
  });

  it('after a merge moves HEAD, only the image it brought is tagged; the older backlog waits', async () => {
    const api = await assetLens();
    const before = (await standinRequests()).length;
    const backlog = (await Promise.all(SENDABLE.map(async (path) => ((await api.asset(workspaceUri(path)))?.cloud.state === 'pending' ? path : undefined)))).filter(Boolean);
    assert.equal(backlog.length, 1, 'one image of the older backlog waits');

    git('checkout', '--quiet', '-b', 'incoming');
    const file = vscode.Uri.joinPath(workspaceFolder().uri, ...PULLED.path.split('/')).fsPath;
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(workspaceFolder().uri, 'assets', 'pulled'));
    writeFileSync(file, png(64, () => PULLED.rgb));
    git('add', PULLED.path);
    git('commit', '--quiet', '-m', 'A new tile');
    git('checkout', '--quiet', 'main');
    // The watcher indexes the checkouts' files locally; the merge is the HEAD move that may spend.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    git('merge', '--quiet', '--ff-only', 'incoming');

    // The stand-in answers after 4 s.
    await eventually('the pulled image to be tagged', 60_000, async () => ((await api.asset(workspaceUri(PULLED.path)))?.cloud.state === 'done' ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = (await standinRequests()).slice(before);
    assert.deepEqual(
      after.map(({ imageKey }) => imageKey),
      [toneKey(PULLED.rgb)],
      'only the pulled image went out',
    );
    assert.equal((await api.asset(workspaceUri(backlog[0]!)))?.cloud.state, 'pending', 'the older backlog waits for an explicit run');
  });

  it('turning the cloud off stops a running run within seconds; its image stays pending', async () => {
    const api = await assetLens();
    const waiting = (await Promise.all(SENDABLE.map(async (path) => ((await api.asset(workspaceUri(path)))?.cloud.state === 'pending' ? path : undefined)))).filter(Boolean);
    assert.equal(waiting.length, 1);
    const before = (await standinRequests()).length;
    const run = Promise.resolve(vscode.commands.executeCommand('assetLens.tagWaiting', workspaceFolder().uri, 'tag'));
    await eventually('the request to be in flight', 20_000, async () => ((await standinRequests()).length > before ? true : undefined));
    const stoppedAt = Date.now();
    await vscode.workspace.getConfiguration('assetLens').update('cloud.enabled', false, vscode.ConfigurationTarget.Global);
    await run;
    const seconds = (Date.now() - stoppedAt) / 1000;
    // The stand-in answers after 4 s: a run that went on would have tagged the image.
    assert.ok(seconds < 3.5, `stopped after ${seconds.toFixed(1)} s`);
    assert.equal((await api.asset(workspaceUri(waiting[0]!)))?.cloud.state, 'pending', 'the cut-off image waits; nothing was paid for it');
    assert.equal((await standinRequests()).length, before + 1, 'no further request');
  });
});
