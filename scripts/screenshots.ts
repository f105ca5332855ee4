// Refreshes the README's screenshots (docs/screenshots/) from a real corpus: a design-repo layout of
// about 300 public-domain clip-art files from Debian's openclipart-svg/-png, opened in code-server
// (the same host as test/e2e) with the packaged linux-x64 .vsix, and driven with headless Chromium.
//   npm run package -- --target linux-x64 && node scripts/screenshots.ts
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { installExtension, setUpHost, startHost } from './vscode-host/host.ts';
import { findTarget, vsixFileName } from './vsix/targets.ts';
import {
  activeEditorTab, closeQuickInput, eventually, launchBrowser, openWorkbench, quickPickRows, runCommand, typeIntoQuickPick, visibleWebview, waitForLogLine,
} from '../test/e2e/support/workbench.ts';
import { git } from '../test/e2e/support/workspace.ts';

const repoRoot = resolve(import.meta.dirname, '..');
const OUT = join(repoRoot, 'docs', 'screenshots');
const CLIPART = '/usr/share/openclipart';
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
const vsixPath = join(process.env.ASSET_LENS_VSIX_DIR ?? join(repoRoot, 'dist', 'vsix'), vsixFileName(manifest, findTarget('linux-x64')));

/** Where each slice of the corpus goes in the design repo, and how many files of it. */
const LAYOUT: { from: string; to: string; count: number }[] = [
  { from: 'png/animals', to: 'design/illustrations/animals', count: 70 },
  { from: 'png/food', to: 'design/illustrations/food', count: 40 },
  { from: 'png/plants', to: 'design/illustrations/plants', count: 30 },
  { from: 'svg/computer', to: 'design/icons/computer', count: 45 },
  { from: 'svg/signs_and_symbols', to: 'design/icons/signs', count: 35 },
  { from: 'svg/shapes', to: 'brand/shapes', count: 25 },
  { from: 'png/buildings', to: 'marketing/buildings', count: 30 },
  { from: 'svg/transportation', to: 'marketing/transport', count: 25 },
];

function filesUnder(dir: string, extension: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(extension))
    .sort();
}

function createDesignRepo(workspace: string): number {
  let copied = 0;
  for (const { from, to, count } of LAYOUT) {
    const source = join(CLIPART, from);
    for (const file of filesUnder(source, from.startsWith('svg') ? '.svg' : '.png').slice(0, count)) {
      const target = join(workspace, to, file.replace(/\//g, '-'));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(source, file), target);
      copied++;
    }
  }
  // Two copies of one illustration, as design repos have: one content, three files.
  const penguin = join(workspace, 'design/illustrations/animals');
  const first = readdirSync(penguin).find((file) => file.includes('penguin')) ?? readdirSync(penguin)[0]!;
  for (const copy of ['marketing/social', 'web/img']) {
    mkdirSync(join(workspace, copy), { recursive: true });
    copyFileSync(join(penguin, first), join(workspace, copy, first));
    copied++;
  }
  writeFileSync(join(workspace, 'README.md'), '# Design assets\n\nPublic-domain clip art from openclipart (Debian packages openclipart-svg and openclipart-png).\n');
  git(workspace, 'init', '--quiet', '--initial-branch=main');
  git(workspace, 'add', '.');
  git(workspace, 'commit', '--quiet', '-m', 'Design assets');
  return copied;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(700);
  await page.screenshot({ path: join(OUT, name) });
  console.log(`wrote docs/screenshots/${name}`);
}

async function openGallery(page: Page) {
  await runCommand(page, 'Asset Lens: Open Gallery');
  const gallery = visibleWebview(page);
  await gallery.locator('#search').waitFor({ state: 'visible', timeout: 30_000 });
  return gallery;
}

async function thumbnailsLoaded(gallery: ReturnType<typeof visibleWebview>): Promise<void> {
  await eventually('thumbnails to load', 20_000, async () =>
    (await gallery.locator('#grid .cell[data-path] img').evaluateAll((images) => images.length > 0 && images.every((img) => (img as HTMLImageElement).complete))) || undefined,
  );
}

if (!existsSync(vsixPath)) throw new Error(`${vsixPath}: missing; run npm run package -- --target linux-x64`);
if (!existsSync(CLIPART)) throw new Error(`${CLIPART}: missing; apt-get install openclipart-svg openclipart-png`);
const scratch = mkdtempSync(join(tmpdir(), 'asset-lens-screenshots-'));
const workspace = join(scratch, 'design-repo');
const files = createDesignRepo(workspace);
console.log(`design repo: ${files} files in ${workspace}`);
const folders = { hostDir: await setUpHost(), workDir: join(scratch, 'host') };
await installExtension(folders, vsixPath);
const settings = { 'workbench.colorTheme': 'Default Dark Modern', 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'assetLens.cloud.enabled': false };
const host = await startHost(folders, workspace, { settings, env: { GEMINI_API_KEY: undefined } });
const browser = await launchBrowser();
try {
  mkdirSync(OUT, { recursive: true });
  const page = await openWorkbench(browser, host.url, workspace);
  await page.setViewportSize({ width: 1400, height: 900 });
  await waitForLogLine(host.userDataDir, 'Asset Lens', /background index of design-repo: .*/, 600_000);

  // Quick pick with the live preview of the active hit.
  await runCommand(page, 'Asset Lens: Search Assets');
  await typeIntoQuickPick(page, 'penguin');
  await quickPickRows(page).filter({ hasText: 'penguin' }).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500); // the last keystroke's results
  await page.keyboard.press('ArrowDown');
  await eventually('the live preview', 10_000, async () => (await activeEditorTab(page).getAttribute('aria-label'))?.includes('.png') || undefined);
  const preview = visibleWebview(page).locator('img');
  await eventually('the previewed image to load', 20_000, async () => (await preview.evaluate((img: HTMLImageElement) => img.naturalWidth).catch(() => 0)) || undefined);
  await shoot(page, 'quick-pick.png');
  await closeQuickInput(page);

  // The gallery: a search with weak matches set apart, one hit selected.
  await runCommand(page, 'View: Close All Editors');
  let gallery = await openGallery(page);
  await gallery.locator('#search').fill('bird');
  await gallery.locator('#grid .cell[data-index="0"][data-path]').waitFor({ timeout: 30_000 });
  await thumbnailsLoaded(gallery);
  await gallery.locator('#grid .cell[data-index="0"]').click();
  await gallery.locator('#detail .preview').waitFor();
  await shoot(page, 'gallery.png');

  // Multi-select and the context menu.
  await gallery.locator('#search').fill('ext:svg in:design/icons');
  await gallery.locator('#group').check();
  await gallery.locator('#grid .cell[data-index="0"][data-path]').waitFor({ timeout: 30_000 });
  await thumbnailsLoaded(gallery);
  await gallery.locator('#grid .cell[data-index="1"]').click();
  await gallery.locator('#grid .cell[data-index="3"]').click({ modifiers: ['Control'] });
  await gallery.locator('#grid .cell[data-index="6"]').click({ modifiers: ['Control', 'Shift'] });
  await gallery.locator('#grid .cell[data-index="6"]').click({ button: 'right' });
  await gallery.locator('#context-menu .menu-item').first().waitFor();
  await shoot(page, 'gallery-multiselect.png');
  await page.keyboard.press('Escape');

  // Narrow: the default layout with a side bar leaves the gallery about 750 px; the filters open over the grid.
  await page.setViewportSize({ width: 1100, height: 800 });
  await gallery.locator('#group').uncheck();
  await gallery.locator('#search').fill('');
  await gallery.locator('#toggle-facets').click();
  await gallery.locator('#facets vscode-collapsible').first().waitFor();
  await thumbnailsLoaded(gallery);
  await shoot(page, 'gallery-narrow.png');
  await gallery.locator('#toggle-facets').click();

  // Light theme, a mistyped query: the empty state offers the spelling the index knows.
  await runCommand(page, 'Preferences: Color Theme');
  await typeIntoQuickPick(page, 'Light Modern');
  await quickPickRows(page).filter({ hasText: 'Light Modern' }).first().waitFor();
  await page.keyboard.press('Enter');
  await eventually('the light theme', 20_000, async () => (await page.locator('.monaco-workbench.vs').count()) > 0 || undefined);
  await page.setViewportSize({ width: 1400, height: 900 });
  gallery = visibleWebview(page);
  await gallery.locator('#search').fill('pengiun');
  await gallery.locator('#empty .did-you-mean').waitFor({ timeout: 30_000 });
  await shoot(page, 'gallery-did-you-mean-light.png');
  await gallery.locator('#empty .did-you-mean').click();
  await gallery.locator('#grid .cell[data-index="0"][data-path]').waitFor({ timeout: 30_000 });
  await gallery.locator('#background').selectOption('light');
  await thumbnailsLoaded(gallery);
  await gallery.locator('#grid .cell[data-index="0"]').click();
  await shoot(page, 'gallery-light.png');
} finally {
  await browser.close().catch(() => undefined);
  await host.stop();
  if (!process.env.ASSET_LENS_KEEP_SCRATCH) rmSync(scratch, { recursive: true, force: true });
}
