// The gallery: one webview panel, owned by one class (after microsoft/vscode-extension-samples'
// webview-sample). The webview side lives in src/webview/; both speak src/webview/protocol.ts.
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import { formatBytes } from '../core/scan.ts';
import { galleryBody } from '../webview/markup.ts';
import type { AssetDetail, BulkAction, ExtensionMessage, FacetCounts, GalleryItem, Section, WebviewMessage } from '../webview/protocol.ts';
import { MAX_USAGES, parseWebviewMessage } from '../webview/protocol.ts';
import { COMMANDS, GALLERY_VIEW_TYPE } from './command-ids.ts';
import { openUsage } from './usages.ts';
import { assetUri, copyAssetPaths, groupByFolder, insertAssetReferences, openAsset, revealAsset, tagWithGemini } from './asset-actions.ts';
import { arrangeHits, copiesNote } from './result-sections.ts';
import { describe } from './errors.ts';
import type { FolderHit, FolderRankedHit } from './merge-hits.ts';
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
  hits: FolderRankedHit[];
  /** The hits of a page with their matched tags: only the page on show is tagged. */
  tag: (page: readonly FolderRankedHit[]) => Promise<FolderHit[]>;
}

/** What a finished query published, for the in-host tests (the webview itself is out of their reach). */
export interface PublishedResults {
  queryId: number;
  kind: 'search' | 'similar';
  title: string;
  paths: string[];
  sections: Section[];
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
  #results: ResultSet = { queryId: -1, hits: [], tag: withoutTags };
  #latestQueryId = -1;
  #ready = false;
  #outbox: ExtensionMessage[] = [];
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Where "Insert Reference" goes: the text editor the user was in before the gallery. */
  #lastTextEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  readonly #onDidPublish = new vscode.EventEmitter<PublishedResults>();
  readonly onDidPublish = this.#onDidPublish.event;
  readonly #onDidPost = new vscode.EventEmitter<ExtensionMessage>();
  /** Every message sent to the webview, for the in-host tests (which cannot reach its DOM). */
  readonly onDidPost = this.#onDidPost.event;
  #published: PublishedResults | undefined;
  #facetsSequence = 0;

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
    vscode.window.onDidChangeActiveTextEditor((editor) => editor && (this.#lastTextEditor = editor), null, this.#disposables);
    deps.lenses.onDidChangeSavedSearches(() => void this.#sendSavedSearches(), null, this.#disposables);
  }

  /** The result set shown last. */
  get published(): PublishedResults | undefined {
    return this.#published;
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
    this.#onDidPublish.dispose();
    this.#onDidPost.dispose();
  }

  /** Handles a message as if the webview had sent it (parsed and checked the same way): for the in-host tests. */
  receive(data: unknown): Promise<void> {
    return this.#onMessage(data);
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
        await this.#sendSavedSearches();
        return;
      case 'saveSearch': {
        const name = await vscode.window.showInputBox({
          title: 'Asset Lens: Save Search',
          prompt: `Name for "${message.query}" (kept in the index folder's searches.json, so the team shares it)`,
          validateInput: (value) => (value.trim() ? null : 'Enter a name'),
        });
        if (!name) return;
        await lenses.saveSearch(name.trim(), message.query);
        log.info(`saved search "${name.trim()}"`);
        return;
      }
      case 'deleteSearch':
        await lenses.deleteSearch(message.name);
        log.info(`deleted saved search "${message.name}"`);
        return;
      case 'search':
        return this.#runQuery(message.queryId, 'search', message.group, async () => {
          const started = performance.now();
          const { hits, warnings, didYouMean } = await lenses.rank(message.query, RESULT_LIMIT, message.sort);
          log.debug(`gallery: "${message.query}" -> ${hits.length} hits in ${Math.round(performance.now() - started)} ms`);
          const noun = message.query.trim() ? `match${hits.length === 1 ? '' : 'es'}` : `image${hits.length === 1 ? '' : 's'}`;
          void this.#sendFacets(message.query);
          const tag = (page: readonly FolderRankedHit[]) => lenses.hydrate(message.query, page);
          return { hits, tag, warnings, didYouMean, splitWeak: message.sort === 'relevance', title: `${hits.length.toLocaleString('en-US')} ${noun}` };
        });
      case 'similar': {
        const location = this.#locate(message.folder, message.path);
        if (!location) return;
        return this.#runQuery(message.queryId, 'similar', message.group, async () => {
          const hits = await lenses.similar(location.folder, location.path, SIMILAR_LIMIT);
          return { hits, tag: withoutTags, splitWeak: true, title: `${hits.length} similar to ${location.path}` };
        });
      }
      case 'page': {
        const results = this.#results;
        if (message.queryId !== results.queryId) return;
        const page = await results.tag(results.hits.slice(message.offset, message.offset + message.limit));
        return this.#post({ type: 'page', queryId: message.queryId, offset: message.offset, items: await this.#items(page) });
      }
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
      case 'copyPath': {
        const location = this.#locate(message.folder, message.path);
        if (location) await copyAssetPaths([location]);
        return;
      }
      case 'copyImage':
        return this.#sendClipboardImage(message.requestId, this.#locate(message.folder, message.path));
      case 'insert': {
        const location = this.#locate(message.folder, message.path);
        if (location) await insertAssetReferences(lenses, [location], this.#insertTarget());
        return;
      }
      case 'findUsages': {
        const location = this.#locate(message.folder, message.path);
        if (location) await vscode.commands.executeCommand(COMMANDS.findUsages, assetUri(location));
        return;
      }
      case 'openUsage': {
        const folder = lenses.folders[message.folder];
        if (folder) await openUsage(folder, message, message.length);
        return;
      }
      case 'bulk':
        if (message.queryId !== this.#results.queryId) return;
        return this.#bulk(message.action, this.#selected(message.ranges), message.tags);
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
    const findUsages = (await vscode.commands.getCommands(true)).includes(COMMANDS.findUsages);
    this.#post({ type: 'init', folders: lenses.folders.map((folder) => folder.name), cloudAvailable, findUsages });
  }

  /** Runs a query and publishes its result set, unless a newer query was asked for meanwhile. */
  async #runQuery(
    queryId: number,
    kind: PublishedResults['kind'],
    groupByFolder: boolean,
    run: () => Promise<{ hits: FolderRankedHit[]; tag: ResultSet['tag']; title: string; splitWeak: boolean; warnings?: string[]; didYouMean?: string | null }>,
  ): Promise<void> {
    this.#latestQueryId = Math.max(this.#latestQueryId, queryId);
    let outcome: { hits: FolderRankedHit[]; tag: ResultSet['tag']; title: string; splitWeak: boolean; warnings?: string[]; didYouMean?: string | null; error: string | null };
    try {
      outcome = { ...(await run()), error: null };
    } catch (error) {
      outcome = { hits: [], tag: withoutTags, title: 'Search failed', splitWeak: false, error: describe(error) };
    }
    if (queryId < this.#latestQueryId) return;
    const folderNames = this.#deps.lenses.folders.map((folder) => folder.name);
    const { hits, sections } = arrangeHits(outcome.hits, { groupByFolder, splitWeak: outcome.splitWeak, folderNames });
    this.#results = { queryId, hits, tag: outcome.tag };
    const { title, warnings = [], didYouMean = null, error } = outcome;
    this.#post({ type: 'results', queryId, title, total: hits.length, sections, didYouMean, warnings, error });
    this.#published = { queryId, kind, title, paths: hits.map((hit) => hit.path), sections };
    this.#onDidPublish.fire(this.#published);
  }

  /** The image at full size for "Copy Image"; when it cannot be made, the webview copies the thumbnail and says why. */
  async #sendClipboardImage(requestId: number, location: AssetLocation | undefined): Promise<void> {
    try {
      if (!location) throw new Error('not inside a workspace folder');
      // From the engine's own bundle, loaded on use (as sharp is).
      const { fullSizePngFile } = await import('../core/engine.ts');
      const { data, width, height } = await fullSizePngFile(location.folder.uri.fsPath, location.path);
      // A plain Uint8Array travels as bytes; a Buffer would be posted as JSON through its toJSON().
      const png = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      this.#post({ type: 'clipboardImage', requestId, png, width, height, error: null });
    } catch (error) {
      this.#deps.log.warn(`Copy Image: ${describe(error)}; copying the thumbnail instead`);
      this.#post({ type: 'clipboardImage', requestId, png: null, width: 0, height: 0, error: describe(error) });
    }
  }

  /** The hits of the current result set at these index ranges, checked to be inside the workspace. */
  #selected(ranges: readonly [number, number][]): AssetLocation[] {
    const hits = ranges.flatMap(([start, end]) => this.#results.hits.slice(start, end));
    return hits.flatMap((hit) => this.#locate(hit.folder, hit.path) ?? []);
  }

  async #bulk(action: BulkAction, locations: AssetLocation[], tags: string[]): Promise<void> {
    const { lenses, log } = this.#deps;
    if (locations.length === 0) return;
    switch (action) {
      case 'copyPaths':
        return copyAssetPaths(locations);
      case 'insert':
        return insertAssetReferences(lenses, locations, this.#insertTarget());
      case 'retag':
        return tagWithGemini(lenses, locations, log);
      case 'reveal':
        for (const location of locations) await revealAsset(location);
        return;
      case 'addTags':
      case 'removeTags':
        return this.#editTags(locations, action === 'addTags' ? { add: tags, remove: [] } : { add: [], remove: tags });
    }
  }

  /** Adds or removes hand tags (kept in the team ledger), one folder's writes at a time. */
  async #editTags(locations: readonly AssetLocation[], edit: { add: string[]; remove: string[] }): Promise<void> {
    const { lenses, log } = this.#deps;
    for (const [folder, inFolder] of groupByFolder(locations)) {
      await lenses.write(folder, async (lens) => {
        for (const location of inFolder) await lens.editUserTags(location.path, edit);
      });
    }
    const what = [edit.add.length > 0 ? `added ${edit.add.join(', ')}` : '', edit.remove.length > 0 ? `removed ${edit.remove.join(', ')}` : ''].filter(Boolean).join('; ');
    log.info(`hand tags on ${locations.length} image(s): ${what}`);
    vscode.window.setStatusBarMessage(`Asset Lens: ${what} (${locations.length} image${locations.length === 1 ? '' : 's'})`, 4000);
    const focused = locations.length === 1 ? locations[0] : undefined;
    if (focused) await this.#sendDetail(focused);
  }

  async #sendSavedSearches(): Promise<void> {
    this.#post({ type: 'savedSearches', searches: await this.#deps.lenses.savedSearches() });
  }

  #insertTarget(): vscode.TextEditor | undefined {
    const last = this.#lastTextEditor;
    return last && !last.document.isClosed ? last : vscode.window.visibleTextEditors[0];
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
    const usages = lens.references(location.path);
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
      usages: usages.slice(0, MAX_USAGES),
      usageCount: usages.length,
    };
    this.#post({ type: 'detail', detail });
  }

  /** Facet counts over this query's hits (files, summed over the workspace folders). */
  async #sendFacets(query: string): Promise<void> {
    const { lenses, log } = this.#deps;
    const sequence = ++this.#facetsSequence;
    const total: FacetCounts = { folders: {}, formats: {}, orientations: {}, sources: {}, colors: {}, usage: {} };
    let files = 0;
    let assets = 0;
    for (const folder of lenses.folders) {
      try {
        const lens = await lenses.lens(folder);
        const facets: Partial<FacetCounts> = await lens.facets(query);
        for (const key of Object.keys(total) as (keyof FacetCounts)[]) {
          // `in:` paths are relative to each folder, so same-named folders of several roots add up.
          for (const [name, count] of Object.entries(facets[key] ?? {})) total[key][name] = (total[key][name] ?? 0) + count;
        }
        const status = lens.status();
        files += status.files - status.failedFiles;
        assets += status.assets;
      } catch (error) {
        log.error(`facets of ${folder.name} failed: ${describe(error)}`);
      }
    }
    if (sequence !== this.#facetsSequence) return;
    this.#post({ type: 'facets', facets: total, note: copiesNote(files, assets) });
  }

  #scheduleRefresh(): void {
    if (this.#refreshTimer !== undefined) return;
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = undefined;
      this.#post({ type: 'indexChanged' });
    }, REFRESH_DELAY_MS);
  }

  #post(message: ExtensionMessage): void {
    if (!this.#ready && message.type !== 'init') {
      this.#outbox.push(message);
      return;
    }
    void this.#panel.webview.postMessage(message);
    this.#onDidPost.fire(message);
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
      // "Copy Image" reads a thumbnail back when the full-size image cannot be had.
      `connect-src ${webview.cspSource}`,
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
  ${galleryBody()}
  <script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }
}

/** Hits listed with no matched tags (similar images match no query words). */
async function withoutTags(page: readonly FolderRankedHit[]): Promise<FolderHit[]> {
  return page.map((hit) => ({ ...hit, tags: [] }));
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
