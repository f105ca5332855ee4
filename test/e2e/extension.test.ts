// End to end in a real VS Code: the linux-x64 .vsix installed into code-server, a git workspace of
// generated images, and headless Chromium using the workbench as a person would.
// Run with `npm run test:e2e` (sets up the host, packages the .vsix, then runs this file).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { installExtension, setUpHost, startHost, type RunningHost } from '../../scripts/vscode-host/host.ts';
import { findTarget, vsixFileName } from '../../scripts/vsix/targets.ts';
import {
  activeEditorTab, closeQuickInput, eventually, focusWorkbench, launchBrowser, openWorkbench, quickPickRow, quickPickRows,
  readChannelLog, runCommand, typeIntoQuickPick, visibleWebview, waitForLogLine,
} from './support/workbench.ts';
import { runCliJson } from '../support/cli.ts';
import { createGitWorkspace, git, INITIAL_IMAGES, PULLED_IMAGES, pushNewImagesFromTeammate, type GitWorkspace } from './support/workspace.ts';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
const vsixPath = join(process.env.ASSET_LENS_VSIX_DIR ?? join(repoRoot, 'dist', 'vsix'), vsixFileName(manifest, findTarget('linux-x64')));
const ARTIFACTS = join(repoRoot, 'test-output', 'e2e');
const LOG_CHANNEL = 'Asset Lens';

const HOST_SETTINGS = {
  'assetLens.cloud.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.autoRepositoryDetection': true,
};

/** Screenshots of every run, in test-output/e2e (the README's come from scripts/screenshots.ts, on a real corpus). */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, name) });
}

describe('Asset Lens in a real VS Code (code-server + Chromium)', function () {
  this.timeout(120_000);
  let scratch = '';
  let repo: GitWorkspace;
  let host: RunningHost | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let failures = 0;
  const metrics: Record<string, number> = {};
  const stopOnSignal = () => void host?.stop().finally(() => process.exit(130));

  before(async function () {
    this.timeout(600_000);
    process.once('SIGINT', stopOnSignal).once('SIGTERM', stopOnSignal);
    if (!existsSync(vsixPath)) throw new Error(`${vsixPath}: missing; run npm run package -- --target linux-x64`);
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });

    let started = Date.now();
    const hostDir = await setUpHost();
    metrics.hostSetupMs = Date.now() - started;

    scratch = mkdtempSync(join(tmpdir(), 'asset-lens-e2e-'));
    repo = await createGitWorkspace(scratch);
    const folders = { hostDir, workDir: join(scratch, 'host') };
    started = Date.now();
    await installExtension(folders, vsixPath);
    metrics.installExtensionMs = Date.now() - started;

    host = await startHost(folders, repo.workspace, { settings: HOST_SETTINGS, env: { GEMINI_API_KEY: undefined } });
    browser = await launchBrowser();
    started = Date.now();
    page = await openWorkbench(browser, host.url, repo.workspace);
    metrics.workbenchReadyMs = Date.now() - started;

    const activated = await waitForLogLine(host.userDataDir, LOG_CHANNEL, /activated in ([\d.]+) ms/, 60_000);
    metrics.activationMs = Number(activated[1]);
    // The background pass after activation indexes the workspace without any command.
    await waitForLogLine(host.userDataDir, LOG_CHANNEL, /background index of workspace: .*/, 180_000);
    metrics.openToIndexedMs = Date.now() - started;
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    failures++;
    const name = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await page?.screenshot({ path: join(ARTIFACTS, `failed-${name}.png`), timeout: 10_000 }).catch(() => undefined);
  });

  after(async function () {
    this.timeout(60_000);
    process.off('SIGINT', stopOnSignal).off('SIGTERM', stopOnSignal);
    if (host) writeFileSync(join(ARTIFACTS, 'asset-lens.log'), readChannelLog(host.userDataDir, LOG_CHANNEL));
    await browser?.close().catch(() => undefined);
    await host?.stop();
    writeFileSync(join(ARTIFACTS, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
    console.log('      e2e metrics (ms):', JSON.stringify(metrics));
    // Keep the workspace and host logs of a failed run for a look; a passing run leaves nothing behind.
    if (failures === 0 && scratch) rmSync(scratch, { recursive: true, force: true });
    else if (scratch) console.log(`      kept ${scratch} (host log: ${host?.logFile})`);
  });

  it('Search Assets: a query from the command palette finds the image, and picking it opens it', async () => {
    const expected = 'assets/logos/red-circle-logo.png';
    const opened = Date.now();
    await runCommand(page, 'Asset Lens: Search Assets');
    await page.locator('.quick-input-widget .quick-input-title').filter({ hasText: 'Asset Lens: Search Assets' }).waitFor();
    await typeIntoQuickPick(page, 'red circle');
    await quickPickRow(page, expected).waitFor({ state: 'visible', timeout: 30_000 });
    metrics.commandToFirstResultMs = Date.now() - opened;
    const logged = await waitForLogLine(host!.userDataDir, LOG_CHANNEL, /quick pick: first results for ".*?" (\d+) ms after opening/, 10_000);
    metrics.quickPickFirstResultLoggedMs = Number(logged[1]);

    assert.match((await quickPickRows(page).first().innerText()).replaceAll('\u200b', ''), /red-circle-logo\.png/, 'the red circle ranks first');
    await screenshot(page, 'quick-pick.png');

    await page.keyboard.press('Enter');
    await eventually('the image to open in the active editor tab', 20_000, async () =>
      (await activeEditorTab(page).getAttribute('aria-label'))?.startsWith('red-circle-logo.png') || undefined,
    );
    // VS Code's image preview renders it in a webview.
    const image = visibleWebview(page).locator('img');
    await image.waitFor({ state: 'visible', timeout: 20_000 });
    const naturalWidth = await eventually('the image to load', 10_000, async () => (await image.evaluate((img: HTMLImageElement) => img.naturalWidth)) || undefined);
    assert.equal(naturalWidth, INITIAL_IMAGES.find((i) => i.path === expected)!.width);
  });

  it('Search Assets keeps the engine\'s order when the typed word is in the hits\' file names', async () => {
    // VS Code puts items whose label matches the typed text first, alphabetically, unless the label can
    // never match (hitLabel). A word whose engine order differs from that order shows which one is on screen.
    const engineOrder = (word: string) => runCliJson<{ path: string }[]>(['search', repo.workspace, word, '--limit', '6']).map((hit) => hit.path);
    const labelOrder = (paths: string[], word: string) => [...paths.filter((p) => p.includes(word)).sort(), ...paths.filter((p) => !p.includes(word))];
    const word = ['circle', 'square', 'icon', 'triangle', 'logo'].find((w) => {
      const paths = engineOrder(w);
      return paths.length >= 2 && JSON.stringify(paths) !== JSON.stringify(labelOrder(paths, w));
    });
    assert.ok(word, 'a word whose engine order differs from the alphabetical order of the paths holding it');
    const expected = engineOrder(word).slice(0, 3);
    await closeQuickInput(page);
    await runCommand(page, 'Asset Lens: Search Assets');
    await typeIntoQuickPick(page, word);
    let shown: string[] = [];
    await eventually(`the quick pick to list ${JSON.stringify(expected)} in this order for "${word}"`, 20_000, async () => {
      const rows = (await quickPickRows(page).allInnerTexts()).map((text) => text.replaceAll('\u200b', ''));
      shown = rows.map((text) => expected.find((path) => text.includes(path))).filter((path): path is string => path !== undefined);
      return JSON.stringify(shown) === JSON.stringify(expected) || undefined;
    }).catch((error: Error) => {
      throw new Error(`${error.message}; shown: ${JSON.stringify(shown)}`);
    });
    await closeQuickInput(page);
  });

  it('Open Gallery: a search in the webview shows the expected thumbnails', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Asset Lens: Open Gallery');
    const gallery = visibleWebview(page);
    const search = gallery.locator('#search');
    await search.waitFor({ state: 'visible', timeout: 30_000 });

    const svgs = INITIAL_IMAGES.filter((i) => i.path.endsWith('.svg')).map((i) => i.path).sort();
    await search.fill('ext:svg');
    const shown = await eventually('exactly the SVG thumbnails', 20_000, async () => {
      const paths = (await gallery.locator('#grid .cell[data-path]').evaluateAll((cells) => cells.map((c) => (c as HTMLElement).dataset.path!))).sort();
      return JSON.stringify(paths) === JSON.stringify(svgs) ? paths : undefined;
    });
    for (const path of shown) {
      const thumbnail = gallery.locator(`.cell[data-path="${path}"] img`);
      await thumbnail.waitFor({ state: 'visible' });
      await eventually(`${path} thumbnail to load`, 10_000, async () => (await thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)) || undefined);
    }

    await search.fill('yellow star');
    await eventually('the yellow star as the first thumbnail', 20_000, async () =>
      (await gallery.locator('#grid .cell[data-index="0"]').getAttribute('data-path')) === 'assets/illustrations/yellow-star.svg' || undefined,
    );
    await search.fill('');
    await eventually('every image in the gallery', 20_000, async () => (await gallery.locator('#grid .cell[data-path] img').count()) === INITIAL_IMAGES.length || undefined);
    await page.waitForTimeout(500); // let the thumbnails paint
    await screenshot(page, 'gallery.png');
  });

  it('Gallery multi-select: Ctrl-click and the context menu tag two images at once, in the team ledger', async () => {
    const gallery = visibleWebview(page);
    const search = gallery.locator('#search');
    await search.fill('');
    await eventually('every image in the gallery', 20_000, async () => (await gallery.locator('#grid .cell[data-path] img').count()) === INITIAL_IMAGES.length || undefined);
    const cell = (index: number) => gallery.locator(`#grid .cell[data-index="${index}"]`);
    const chosen = [(await cell(0).getAttribute('data-path'))!, (await cell(2).getAttribute('data-path'))!].sort();

    await cell(0).click();
    await cell(2).click({ modifiers: ['Control'] });
    await gallery.locator('#detail .selection-count').filter({ hasText: '2 selected' }).waitFor();
    await cell(2).click({ button: 'right' });
    await gallery.locator('#context-menu .menu-item').filter({ hasText: 'Add Tags to 2…' }).click();
    await gallery.locator('#bulk-tags input').fill('zebracrossing');
    await gallery.locator('#detail [data-action="addTags"]').click();

    const ledger = join(repo.workspace, '.vscode', 'asset-lens', 'tags.jsonl');
    const lines = await eventually('two ledger lines with the hand tag', 20_000, async () => {
      const found = existsSync(ledger) ? readFileSync(ledger, 'utf8').split('\n').filter((line) => line.includes('zebracrossing')) : [];
      return found.length === 2 ? found : undefined;
    });
    for (const line of lines) assert.match(line, /"user"/, `kept as a hand tag: ${line}`);
    await search.fill('zebracrossing');
    await eventually('the two tagged images first', 20_000, async () => {
      const first = [await cell(0).getAttribute('data-path'), await cell(1).getAttribute('data-path')].sort();
      return JSON.stringify(first) === JSON.stringify(chosen) || undefined;
    });
    await screenshot(page, 'gallery-multiselect.png');
  });

  it('Gallery Copy Image: the clipboard holds the image itself at its own size, not the thumbnail', async () => {
    const banner = INITIAL_IMAGES.find((i) => i.path.endsWith('green-triangle-banner.jpg'))!;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const gallery = visibleWebview(page);
    await gallery.locator('#search').fill('ext:jpg');
    // The banner may show among the previous results too: wait for this search's, or its answer rewrites the summary.
    await eventually('the JPEG alone in the grid', 20_000, async () => {
      const paths = await gallery.locator('#grid .cell[data-path]').evaluateAll((cells) => cells.map((c) => (c as HTMLElement).dataset.path!));
      return (paths.length === 1 && paths[0] === banner.path) || undefined;
    });
    const cell = gallery.locator(`#grid .cell[data-path="${banner.path}"]`);
    await cell.click();
    await cell.click({ button: 'right' });
    // Every text the summary shows is kept: a search re-run by the previous test's tag write may replace
    // the copy's message before a poll would see it.
    const summary = gallery.locator('#summary');
    await summary.evaluate((element) => {
      const seen: string[] = ((window as unknown as { summaries: string[] }).summaries = []);
      new MutationObserver(() => seen.push(element.textContent ?? '')).observe(element, { childList: true, characterData: true, subtree: true });
    });
    await gallery.locator('#context-menu .menu-item').filter({ hasText: 'Copy Image' }).click();
    const said = await eventually('Copy Image to say it is done', 20_000, async () =>
      (await summary.evaluate(() => (window as unknown as { summaries: string[] }).summaries)).find((text) => /^(Copied|Could not copy)/.test(text)),
    );
    assert.equal(said, `Copied ${banner.path} (${banner.width}×${banner.height})`);

    const copied = await page.evaluate(async () => {
      const item = (await navigator.clipboard.read()).find((candidate) => candidate.types.includes('image/png'));
      if (!item) return null;
      const bitmap = await createImageBitmap(await item.getType('image/png'));
      const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const at = (x: number, y: number) => [...context.getImageData(Math.floor(x), Math.floor(y), 1, 1).data.slice(0, 3)];
      // Inside the triangle (below its centre) and the white corner.
      return { types: item.types, width: bitmap.width, height: bitmap.height, inside: at(bitmap.width / 2, bitmap.height * 0.6), corner: at(1, 1) };
    });
    assert.ok(copied, 'an image on the clipboard');
    assert.deepEqual(copied.types, ['image/png']);
    assert.deepEqual([copied.width, copied.height], [banner.width, banner.height], 'the file\'s size (its thumbnail is 256 px wide)');
    const want = [1, 3, 5].map((i) => parseInt(banner.color.slice(i, i + 2), 16));
    assert.ok(copied.inside.every((value, i) => Math.abs(value - want[i]!) < 40), `the triangle's ${banner.color}: ${JSON.stringify(copied.inside)}`);
    assert.ok(copied.corner.every((value) => value > 215), `a white corner: ${JSON.stringify(copied.corner)}`);
  });

  it('git pull: images a teammate pushed are indexed and searchable without any command', async () => {
    await runCommand(page, 'View: Close All Editors');
    await focusWorkbench(page);
    await pushNewImagesFromTeammate(repo);
    const before = git(repo.workspace, 'rev-parse', 'HEAD');
    git(repo.workspace, 'pull', '--ff-only', '--quiet');
    const after = git(repo.workspace, 'rev-parse', 'HEAD');
    assert.notEqual(after, before, 'git pull moved HEAD');
    const pulled = Date.now();

    // The extension sees HEAD move through the built-in Git extension and indexes the diff.
    const indexed = await waitForLogLine(host!.userDataDir, LOG_CHANNEL, /indexed (\d+) new images after pull \((\w+)\.\.(\w+)\)/, 90_000);
    assert.equal(Number(indexed[1]), PULLED_IMAGES.length);
    assert.ok(after.startsWith(indexed[3]!), `indexed up to ${indexed[3]}, HEAD is ${after}`);
    metrics.pullToIndexedMs = Date.now() - pulled;

    await runCommand(page, 'Asset Lens: Search Assets');
    await typeIntoQuickPick(page, 'fox mascot');
    await quickPickRow(page, 'assets/animals/orange-fox-mascot.png').waitFor({ state: 'visible', timeout: 30_000 });
    await typeIntoQuickPick(page, 'ext:svg whale');
    await quickPickRow(page, 'assets/animals/pink-whale-sticker.svg').waitFor({ state: 'visible', timeout: 30_000 });
    await closeQuickInput(page);
  });

  it('Running Extensions: VS Code reports Asset Lens activated, cheaply', async () => {
    await runCommand(page, 'View: Close All Editors');
    // The list is virtualized: a tall window shows every running extension at once.
    await page.setViewportSize({ width: 1280, height: 3000 });
    await runCommand(page, 'Developer: Show Running Extensions');
    const row = page.locator('.monaco-list-row').filter({ hasText: /^Asset Lens/ }).filter({ hasText: 'Activation' });
    const text = (await eventually('Asset Lens in Running Extensions', 20_000, async () => (await row.count()) > 0 || undefined)) && (await row.first().innerText());
    const activation = /Activation: (\d+)ms/.exec(text);
    assert.ok(activation, `no activation time in "${text}"`);
    metrics.vscodeReportedActivationMs = Number(activation[1]);
    // Activation only wires things up; natives and the index load on first use.
    assert.ok(metrics.vscodeReportedActivationMs < 1000, `activation took ${metrics.vscodeReportedActivationMs} ms`);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
