// Drives the VS Code workbench in headless Chromium the way a person would: keyboard, command palette,
// quick pick, editor tabs and webviews. Every wait is bounded.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { hitLabel } from '../../../src/vscode/quick-pick-rows.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM}: not found; run scripts/vscode-host/setup.sh`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    timeout: 30_000,
  });
}

export async function openWorkbench(browser: Browser, url: string, folder: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(15_000);
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`, { timeout: 30_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
  // The explorer shows the folder once the workspace is loaded.
  await page.locator('.explorer-folders-view').waitFor({ timeout: 30_000 });
  return page;
}

export const quickInput = (page: Page): Locator => page.locator('.quick-input-widget');
export const quickInputBox = (page: Page): Locator => page.locator('.quick-input-widget .quick-input-box input');
export const quickPickRows = (page: Page): Locator => page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
/** The search quick pick's row for this path (its label has a zero-width space between characters: hitLabel). */
export const quickPickRow = (page: Page, path: string): Locator => quickPickRows(page).filter({ hasText: hitLabel(path) });

/** Runs a command by its title from the command palette (F1). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await closeQuickInput(page);
  await page.keyboard.press('F1');
  await quickInputBox(page).waitFor({ state: 'visible' });
  await quickInputBox(page).fill(`>${title}`);
  const row = quickPickRows(page).filter({ hasText: title }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
}

export async function closeQuickInput(page: Page): Promise<void> {
  if (await quickInput(page).isVisible()) {
    await page.keyboard.press('Escape');
    await quickInput(page).waitFor({ state: 'hidden', timeout: 5000 });
  }
}

/** Types into the open quick pick, replacing what was there. */
export async function typeIntoQuickPick(page: Page, text: string): Promise<void> {
  const box = quickInputBox(page);
  await box.fill('');
  await box.pressSequentially(text, { delay: 20 });
}

/** The active editor tab; its aria-label starts with the file name (its text splits name and extension). */
export const activeEditorTab = (page: Page): Locator => page.locator('.tabs-container .tab.active');

/**
 * Gives the workbench window keyboard focus, as a person returning to it would. Focus inside a webview
 * that then closes leaves the window unfocused, and the built-in Git extension waits for a focused
 * window before it refreshes a repository changed outside VS Code.
 */
export async function focusWorkbench(page: Page): Promise<void> {
  await page.locator('.part.editor').click({ position: { x: 40, y: 300 } });
  await eventually('the workbench window to have focus', 5000, async () => (await page.evaluate(() => document.hasFocus())) || undefined, 100);
}

/** The content document of the visible webview (VS Code nests it two iframes deep). */
export function visibleWebview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('iframe#active-frame');
}

/** Polls `check` until it returns a value, or fails after `timeoutMs` with the last error. */
export async function eventually<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>, intervalMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

function filesNamed(dir: string, name: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(`/${name}`) || f === name)
    .map((f) => join(dir, f));
}

/** Everything an extension's LogOutputChannel wrote in this host, across windows and sessions. */
export function readChannelLog(userDataDir: string, channel: string): string {
  return filesNamed(join(userDataDir, 'logs'), `${channel}.log`)
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}

/** Waits for a line matching `pattern` in the channel's log and returns its match. */
export async function waitForLogLine(userDataDir: string, channel: string, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return eventually(`"${pattern.source}" in the ${channel} log`, timeoutMs, async () => readChannelLog(userDataDir, channel).match(pattern) ?? undefined);
}
