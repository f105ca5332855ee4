// What the in-host tests share: the runner's config, the extension's API, the workspace, bounded waits.
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { AssetLensApi } from '../../../src/extension.ts';
import { SUITE_CONFIG_ENV, type StandinHold, type StandinRequestSummary, type SuiteConfig, type SuiteImage } from '../protocol.ts';

let config: SuiteConfig | undefined;

export function suiteConfig(): SuiteConfig {
  if (config) return config;
  const path = process.env[SUITE_CONFIG_ENV];
  if (!path) throw new Error(`${SUITE_CONFIG_ENV} is not set: start this suite with test/vscode-host/run.test.ts`);
  config = JSON.parse(readFileSync(path, 'utf8')) as SuiteConfig;
  return config;
}

/** Activates Asset Lens (it is the extension under development) and returns what activate() returned. */
export async function assetLens(): Promise<AssetLensApi> {
  const { extensionId } = suiteConfig();
  const extension = vscode.extensions.getExtension<AssetLensApi>(extensionId);
  if (!extension) throw new Error(`${extensionId}: not loaded in this extension host`);
  return extension.activate();
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const [folder] = vscode.workspace.workspaceFolders ?? [];
  if (!folder) throw new Error('no workspace folder is open');
  return folder;
}

export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...relativePath.split('/'));
}

export function image(index: number): SuiteImage {
  const found = suiteConfig().images[index];
  if (!found) throw new Error(`the runner generated no image #${index}`);
  return found;
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Every request the Gemini stand-in (on the runner's side) has received so far. */
export async function standinRequests(): Promise<StandinRequestSummary[]> {
  const response = await fetch(suiteConfig().standinRequestsUrl, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`${suiteConfig().standinRequestsUrl}: HTTP ${response.status}`);
  return (await response.json()) as StandinRequestSummary[];
}

/** Holds the stand-in's answers back, lets `count` of them go, or stops holding (`resume`); returns what is held. */
export async function standinHold(action?: 'hold' | { release: number } | 'resume'): Promise<StandinHold> {
  const base = suiteConfig().standinControlUrl;
  const url = action === undefined ? base : typeof action === 'string' ? `${base}/${action}` : `${base}/release?count=${action.release}`;
  const response = await fetch(url, { method: action === undefined ? 'GET' : 'POST', signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as StandinHold;
}

/** The editor tab of the Asset Lens gallery webview, if one is open. */
export function galleryTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('assetLens.gallery'));
}

export function describeTabs(): string {
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
  return JSON.stringify(tabs.map((tab) => ({ label: tab.label, input: tab.input && typeof tab.input === 'object' ? { kind: tab.input.constructor.name, ...tab.input } : null })));
}

/** Polls `check` until it returns a value, or fails after `timeoutMs` (`what` as a function is read then, with the state at the end). */
export async function eventually<T>(what: string | (() => string), timeoutMs: number, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
