// The gallery: one webview panel, owned by one class (after microsoft/vscode-extension-samples'
// webview-sample). The webview side lives in src/webview/; both speak src/webview/protocol.ts.
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import { formatBytes } from '../core/scan.ts';
import type { AssetDetail, ExtensionMessage, FacetCounts, GalleryItem, WebviewMessage } from '../webview/protocol.ts';
import { parseWebviewMessage } from '../webview/protocol.ts';
import { GALLERY_VIEW_TYPE } from './command-ids.ts';
import { assetUri, openAsset, revealAsset, tagWithGemini } from './asset-actions.ts';
import { describe } from './errors.ts';
import type { FolderHit } from './merge-hits.ts';
import { resolveInsideWorkspace } from './workspace-path.ts';
import type { AssetLocation, WorkspaceLenses } from './workspace-lenses.ts';

/** Results kept per query; browsing (empty query) lists everything up to this. */
const RESULT_LIMIT = 200_000;
const SIMILAR_LIMIT = 200;
/** Background indexing fires many writes; the gallery refreshes at most this often. */
const REFRESH_DELAY_MS = 1500;

export interface GalleryDeps {
  extensionUri: vscode.Uri;
  lenses: WorkspaceLenses;
  log: vscode.LogOutputChannel;
}

interface ResultSet {
  queryId: number;
  hits: FolderHit[];
}

export class GalleryPanel {
  static current: GalleryPanel | undefined;

  static createOrShow(deps: GalleryDeps): GalleryPanel {
    const column = vscode.window.activeTextEditor?.viewColumn;
    if (GalleryPanel.current) {
      GalleryPanel.current.#panel.reveal(column);
      return GalleryPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(GALLERY_VIEW_TYPE, 'Asset Lens', column ?? vscode.ViewColumn.One, webviewOptions(deps));
    GalleryPanel.current = new GalleryPanel(panel, deps);
    return GalleryPanel.current;
  }

  /** Restores a panel VS Code kept across a reload (see the serializer in extension.ts). */
  static revive(panel: vscode.WebviewPanel, deps: GalleryDeps): void {
    GalleryPanel.current = new GalleryPanel(panel, deps);
  }

  readonly #panel: vscode.WebviewPanel;
  readonly #deps: GalleryDeps;
  readonly #disposables: vscode.Disposable[] = [];
  #results: ResultSet = { queryId: -1, hits: [] };
  #latestQueryId = -1;
  #ready = false;
  #outbox: ExtensionMessage[] = [];
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;

  private constructor(panel: vscode.WebviewPanel, deps: GalleryDeps) {
    this.#panel = panel;
    this.#deps = deps;
    panel.webview.options = webviewOptions(deps);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'icon.svg');
    panel.webview.html = this.#html(panel.webview);
    panel.onDidDispose(() => this.dispose(), null, this.#disposables);
    panel.webview.onDidReceiveMessage((data: unknown) => void this.#onMessage(data), null, this.#disposables);
    deps.lenses.onDidWrite(() => this.#scheduleRefresh(), null, this.#disposables);
    deps.lenses.onDidReset(() => this.#ready && void this.#sendInit().then(() => this.#scheduleRefresh()), null, this.#disposables);
    vscode.workspace.onDidChangeWorkspaceFolders(() => (panel.webview.options = webviewOptions(deps)), null, this.#disposables);
  }

  /** Shows the assets most like this one. */
  showSimilar(location: AssetLocation): void {
    this.#post({ type: 'showSimilar', folder: location.folder.index, path: location.path });
  }

  dispose(): void {
    GalleryPanel.current = undefined;
    if (this.#refreshTimer !== undefined) clearTimeout(this.#refreshTimer);
    this.#panel.dispose();
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
  }

  async #onMessage(data: unknown): Promise<void> {
    const message = parseWebviewMessage(data);
    if (!message) {
      this.#deps.log.warn(`gallery: ignored a malformed message ${JSON.stringify(data)?.slice(0, 200)}`);
      return;
    }
    try {
      await this.#handle(message);
    } catch (error) {
      this.#deps.log.error(`gallery: ${message.type} failed: ${describe(error)}`);
      void vscode.window.showErrorMessage(`Asset Lens: ${describe(error)}`);
    }
  }

  async #handle(message: WebviewMessage): Promise<void> {
    const { lenses, log } = this.#deps;
    switch (message.type) {
      case 'ready':
        this.#ready = true;
        this.#latestQueryId = -1;
        await this.#sendInit();
        for (const queued of this.#outbox.splice(0)) this.#post(queued);
        void this.#sendFacets();
        return;
      case 'search':
        return this.#runQuery(message.queryId, async () => {
          const started = performance.now();
          const { hits, warnings } = await lenses.search(message.query, RESULT_LIMIT);
          log.debug(`gallery: "${message.query}" -> ${hits.length} hits in ${Math.round(performance.now() - started)} ms`);
          const noun = message.query.trim() ? `match${hits.length === 1 ? '' : 'es'}` : `asset${hits.length === 1 ? '' : 's'}`;
          return { hits, warnings, title: `${hits.length.toLocaleString('en-US')} ${noun}` };
        });
      case 'similar': {
        const location = this.#locate(message.folder, message.path);
        if (!location) return;
        return this.#runQuery(message.queryId, async () => {
          const hits = await lenses.similar(location.folder, location.path, SIMILAR_LIMIT);
          return { hits, title: `${hits.length} similar to ${location.path}` };
        });
      }
      case 'page':
        if (message.queryId !== this.#results.queryId) return;
        return this.#post({
          type: 'page',
          queryId: message.queryId,
          offset: message.offset,
          items: await this.#items(this.#results.hits.slice(message.offset, message.offset + message.limit)),
        });
      case 'detail': {
        const location = this.#locate(message.folder, message.path);
        if (location) await this.#sendDetail(location);
        return;
      }
      case 'open': {
        const location = this.#locate(message.folder, message.path);
        if (location) await openAsset(location);
        return;
      }
      case 'reveal': {
        const location = this.#locate(message.folder, message.path);
        if (location) await revealAsset(location);
        return;
      }
      case 'retag': {
        const location = this.#locate(message.folder, message.path);
        if (!location) return;
        await tagWithGemini(lenses, [location], log);
        await this.#sendDetail(location);
        return;
      }
      case 'setTags': {
        const location = this.#locate(message.folder, message.path);
        if (!location) return;
        await lenses.write(location.folder, (lens) => lens.setUserTags(location.path, message.tags));
        log.info(`set ${message.tags.length} hand-written tag(s) on ${location.path}`);
        await this.#sendDetail(location);
        return;
      }
    }
  }

  async #sendInit(): Promise<void> {
    const { lenses } = this.#deps;
    const cloudAvailable = (await Promise.all(lenses.folders.map((folder) => lenses.cloudKey(folder)))).some(Boolean);
    this.#post({ type: 'init', folders: lenses.folders.map((folder) => folder.name), cloudAvailable });
  }

  /** Runs a query and publishes its result set, unless a newer query was asked for meanwhile. */
  async #runQuery(queryId: number, run: () => Promise<{ hits: FolderHit[]; title: string; warnings?: string[] }>): Promise<void> {
    this.#latestQueryId = Math.max(this.#latestQueryId, queryId);
    let outcome: { hits: FolderHit[]; title: string; warnings?: string[]; error: string | null };
    try {
      outcome = { ...(await run()), error: null };
    } catch (error) {
      outcome = { hits: [], title: 'Search failed', error: describe(error) };
    }
    if (queryId < this.#latestQueryId) return;
    this.#results = { queryId, hits: outcome.hits };
    const { title, warnings = [], error } = outcome;
    this.#post({ type: 'results', queryId, title, total: outcome.hits.length, warnings, error });
  }

  /**
   * The asset a webview message names, only if its path resolves inside a workspace folder.
   * Anything else is refused and logged: the webview is not trusted with the file system.
   */
  #locate(folderIndex: number, path: string): AssetLocation | undefined {
    const { lenses, log } = this.#deps;
    const folder = lenses.folders[folderIndex];
    const roots = lenses.folders.map((f) => f.uri.fsPath);
    const absolute = folder ? resolveInsideWorkspace(path, folder.uri.fsPath, roots) : null;
    const location = absolute ? lenses.locate(vscode.Uri.file(absolute)) : undefined;
    if (!location) log.warn(`gallery: refused path ${JSON.stringify(path)} (folder ${folderIndex}): not inside a workspace folder`);
    return location;
  }

  async #items(hits: readonly FolderHit[]): Promise<GalleryItem[]> {
    const { lenses } = this.#deps;
    const webview = this.#panel.webview;
    const items: GalleryItem[] = [];
    for (const hit of hits) {
      const resolved = await lenses.resolveHit(hit);
      if (!resolved) continue;
      const { folder, thumbnail } = resolved;
      items.push({
        folder: hit.folder,
        path: hit.path,
        thumb: webview.asWebviewUri(thumbnail).toString(),
        file: assetUri({ folder, path: hit.path }).toString(),
        tags: hit.tags,
      });
    }
    return items;
  }

  async #sendDetail(location: AssetLocation): Promise<void> {
    const lens = await this.#deps.lenses.lens(location.folder);
    const record = lens.get(location.path);
    if (!record) return;
    const uri = assetUri(location);
    const fileSize = await stat(uri.fsPath).then((s) => formatBytes(s.size), () => null);
    const detail: AssetDetail = {
      folder: location.folder.index,
      path: location.path,
      thumb: this.#panel.webview.asWebviewUri(vscode.Uri.file(lens.thumbnailPath(record.hash))).toString(),
      file: uri.toString(),
      width: record.width,
      height: record.height,
      format: record.format,
      fileSize,
      caption: record.caption,
      palette: record.palette,
      tags: record.tags.map((tag) => ({ text: tag.text, source: tag.source, field: tag.field })),
      cloud: record.cloud,
    };
    this.#post({ type: 'detail', detail });
  }

  async #sendFacets(): Promise<void> {
    const { lenses, log } = this.#deps;
    const total: FacetCounts = { folders: {}, formats: {}, orientations: {}, sources: {}, colors: {} };
    for (const folder of lenses.folders) {
      try {
        const facets: Partial<FacetCounts> = await (await lenses.lens(folder)).facets();
        for (const key of Object.keys(total) as (keyof FacetCounts)[]) {
          // `in:` paths are relative to each folder, so same-named folders of several roots add up.
          for (const [name, count] of Object.entries(facets[key] ?? {})) total[key][name] = (total[key][name] ?? 0) + count;
        }
      } catch (error) {
        log.error(`facets of ${folder.name} failed: ${describe(error)}`);
      }
    }
    this.#post({ type: 'facets', facets: total });
  }

  #scheduleRefresh(): void {
    if (this.#refreshTimer !== undefined) return;
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = undefined;
      this.#post({ type: 'indexChanged' });
      void this.#sendFacets();
    }, REFRESH_DELAY_MS);
  }

  #post(message: ExtensionMessage): void {
    if (!this.#ready && message.type !== 'init') {
      this.#outbox.push(message);
      return;
    }
    void this.#panel.webview.postMessage(message);
  }

  #html(webview: vscode.Webview): string {
    const { extensionUri } = this.#deps;
    const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'gallery.css'));
    const nonce = randomBytes(16).toString('base64');
    const csp = [
      "default-src 'none'",
      `img-src ${webview.cspSource}`,
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      `font-src ${webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link href="${style}" rel="stylesheet">
  <title>Asset Lens</title>
</head>
<body>
  <header class="toolbar">
    <input id="search" type="search" placeholder="Search images: red logo ext:svg in:icons/ orientation:landscape" aria-label="Search assets" spellcheck="false" autocomplete="off">
    <span id="summary" role="status" aria-live="polite"></span>
  </header>
  <main class="layout">
    <nav id="facets" aria-label="Filters"></nav>
    <section id="grid" tabindex="0" role="grid" aria-label="Assets"><div id="grid-content"></div></section>
    <aside id="detail" aria-label="Asset details"><p class="placeholder">Select an image to see its tags.</p></aside>
  </main>
  <script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }
}

/** Scripts on; local files limited to the extension's bundle and styles and each index's thumbnails. */
function webviewOptions(deps: GalleryDeps): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  const { extensionUri, lenses } = deps;
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist'),
      vscode.Uri.joinPath(extensionUri, 'media'),
      ...lenses.folders.map((folder) => vscode.Uri.file(nodePath.join(lenses.indexDir(folder), 'thumbs'))),
    ],
  };
}
