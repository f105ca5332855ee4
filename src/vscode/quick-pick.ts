// "Asset Lens: Search Assets": a quick pick that searches as you type, previews the active image
// in a preview editor (as Go to File does), says when the index is still being built and runs the
// query again as batches land.
import * as vscode from 'vscode';
import { assetUri, copyAssetPaths, insertAssetReferences, revealAsset } from './asset-actions.ts';
import { describeActivity, type IndexActivityState } from './activity-state.ts';
import { COMMANDS } from './command-ids.ts';
import { describe } from './errors.ts';
import { LatestQuery } from './latest-query.ts';
import type { FolderHit } from './merge-hits.ts';
import { EditorRestorer } from './editor-restorer.ts';
import { hitLabel, pickRows, type PickRow, type SavedQuery } from './quick-pick-rows.ts';
import type { AssetLocation, WorkspaceLenses } from './workspace-lenses.ts';

const RESULTS = 50;
const DEBOUNCE_MS = 60;
/** While indexing, the open query runs again at most this often as batches land. */
const RERUN_MS = 1000;
/** Holding an arrow key should not open an editor per step. */
const PREVIEW_DELAY_MS = 120;

export interface PickItem extends vscode.QuickPickItem {
  row: PickRow<ResolvedHit>;
  location?: AssetLocation;
}

const BUTTONS = {
  reveal: { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: 'Reveal in Explorer' },
  copy: { iconPath: new vscode.ThemeIcon('copy'), tooltip: 'Copy Relative Path' },
  insert: { iconPath: new vscode.ThemeIcon('insert'), tooltip: 'Insert Markdown/HTML Reference into the Editor' },
  findUsages: { iconPath: new vscode.ThemeIcon('references'), tooltip: 'Find Usages of Image' },
  deleteSaved: { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Delete This Saved Search' },
} satisfies Record<string, vscode.QuickInputButton>;

/** A hit with its workspace folder and thumbnail looked up. */
interface ResolvedHit extends FolderHit {
  location: AssetLocation;
  thumbnail: vscode.Uri;
}

export interface SearchResults {
  hits: ResolvedHit[];
  didYouMean: string | null;
}

/** The open search quick pick. `showSearchQuickPick` returns it (and so does the command, for tests). */
export class SearchPicker implements vscode.Disposable {
  readonly pick: vscode.QuickPick<PickItem>;
  readonly #lenses: WorkspaceLenses;
  readonly #log: vscode.LogOutputChannel;
  readonly #search: LatestQuery<string, SearchResults>;
  readonly #restorer = new EditorRestorer();
  readonly #disposables: vscode.Disposable[] = [];
  readonly #onDidRender = new vscode.EventEmitter<readonly PickItem[]>();
  /** Fires each time the items change (tests watch the states go by). */
  readonly onDidRender = this.#onDidRender.event;
  #results: SearchResults = { hits: [], didYouMean: null };
  #resultsQuery = '';
  #saved: readonly SavedQuery[] = [];
  #rerunTimer: ReturnType<typeof setTimeout> | undefined;
  #previewTimer: ReturnType<typeof setTimeout> | undefined;
  #accepted = false;
  #firstResultsLogged = false;
  #shownKey: string | undefined;
  readonly #opened = performance.now();

  constructor(lenses: WorkspaceLenses, log: vscode.LogOutputChannel) {
    this.#lenses = lenses;
    this.#log = log;
    // The quick pick does not change the active editor, so this is where "insert reference" goes.
    const editor = vscode.window.activeTextEditor;
    const pick = vscode.window.createQuickPick<PickItem>();
    this.pick = pick;
    pick.title = 'Asset Lens: Search Assets';
    pick.placeholder = 'Describe the image, e.g. "red logo", "cat ext:svg", "icon in:assets/ orientation:square"';
    pick.matchOnDescription = false;
    pick.matchOnDetail = false;

    this.#search = new LatestQuery<string, SearchResults>(
      async (query) => (query.trim() ? this.#run(query) : { hits: [], didYouMean: null }),
      (results, query) => {
        this.#results = results;
        this.#resultsQuery = query;
        this.#render();
        if (!this.#firstResultsLogged && results.hits.length > 0) {
          this.#firstResultsLogged = true;
          log.info(`quick pick: first results for "${query}" ${Math.round(performance.now() - this.#opened)} ms after opening`);
        }
      },
      {
        delayMs: DEBOUNCE_MS,
        onError: (error, query) => {
          this.#results = { hits: [], didYouMean: null };
          this.#resultsQuery = query;
          this.#render();
          log.error(`quick pick search failed: ${describe(error)}`);
          void vscode.window.showErrorMessage(`Asset Lens: ${describe(error)}`);
        },
      },
    );

    this.#disposables.push(
      pick.onDidChangeValue((value) => {
        pick.busy = value.trim().length > 0 || this.#lenses.activity.state !== undefined;
        this.#search.schedule(value);
      }),
      pick.onDidChangeActive(([item]) => this.#schedulePreview(item)),
      pick.onDidAccept(() => this.#accept(pick.selectedItems[0])),
      pick.onDidTriggerItemButton(({ item, button }) => {
        if (item.row.kind === 'saved' && button === BUTTONS.deleteSaved) {
          const { name } = item.row.saved;
          lenses.deleteSearch(name).catch((error: unknown) => log.error(`deleting saved search "${name}" failed: ${describe(error)}`));
          return;
        }
        if (!item.location) return;
        const location = item.location;
        const action =
          button === BUTTONS.reveal ? revealAsset(location)
          : button === BUTTONS.copy ? copyAssetPaths([location])
          : button === BUTTONS.findUsages ? Promise.resolve(pick.hide()).then(() => vscode.commands.executeCommand(COMMANDS.findUsages, assetUri(location)))
          : insertAssetReferences(lenses, [location], editor).then(() => pick.hide());
        action.catch((error: unknown) => log.error(`quick pick action on ${location.path} failed: ${describe(error)}`));
      }),
      pick.onDidHide(() => {
        if (!this.#accepted) void this.#restorer.restore().catch((error: unknown) => log.error(`restoring the editor failed: ${describe(error)}`));
        this.dispose();
      }),
      lenses.activity.onDidChange((state) => this.#onActivity(state)),
      lenses.onDidWrite(() => this.#rerunSoon()),
      lenses.onDidChangeSavedSearches(() => this.#loadSaved()),
    );
    this.#loadSaved();
    this.#render();
    pick.show();
    // Open the indexes while the user types, so the first query does not pay for loading them.
    for (const folder of lenses.folders) lenses.lens(folder).catch((error: unknown) => log.error(`opening ${folder.name} failed: ${describe(error)}`));
  }

  /** Sets the query as if typed. */
  setQuery(value: string): void {
    this.pick.value = value;
    this.pick.busy = value.trim().length > 0;
    this.#search.schedule(value);
  }

  dispose(): void {
    clearTimeout(this.#rerunTimer);
    clearTimeout(this.#previewTimer);
    this.#search.dispose();
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
    this.#onDidRender.dispose();
    this.pick.dispose();
  }

  #loadSaved(): void {
    this.#lenses.savedSearches().then(
      (saved) => {
        this.#saved = saved;
        this.#render();
      },
      (error: unknown) => this.#log.error(`reading saved searches failed: ${describe(error)}`),
    );
  }

  async #run(query: string): Promise<SearchResults> {
    const { hits, didYouMean } = await this.#lenses.search(query, RESULTS);
    const resolved: ResolvedHit[] = [];
    for (const hit of hits) {
      const found = await this.#lenses.resolveHit(hit);
      if (found) resolved.push({ ...hit, location: { folder: found.folder, path: hit.path }, thumbnail: found.thumbnail });
    }
    return { hits: resolved, didYouMean };
  }

  #onActivity(state: IndexActivityState | undefined): void {
    // Progress shows at once; the search itself runs again at most once a second.
    this.#render();
    this.#rerunSoon(state === undefined ? 0 : RERUN_MS);
  }

  #rerunSoon(delay = RERUN_MS): void {
    if (!this.pick.value.trim()) return;
    if (delay === 0) clearTimeout(this.#rerunTimer);
    else if (this.#rerunTimer !== undefined) return;
    this.#rerunTimer = setTimeout(() => {
      this.#rerunTimer = undefined;
      this.#search.refresh(this.pick.value);
    }, delay);
  }

  #render(): void {
    const pick = this.pick;
    const indexing = this.#lenses.activity.state;
    const pending = pick.value.trim() !== '' && this.#resultsQuery !== pick.value;
    const activePath = pick.activeItems[0]?.location;
    // While a query runs, the last hits stay, as in Go to File: rows for the new query before its answer
    // would flash "No images match" at every keystroke.
    const rows =
      pending && !indexing
        ? pickRows({ query: this.#resultsQuery, hits: this.#results.hits, didYouMean: null, indexing, saved: [] }).filter((row) => row.kind === 'hit' || row.kind === 'separator')
        : pickRows({ query: pick.value, hits: pending ? [] : this.#results.hits, didYouMean: this.#results.didYouMean, indexing, saved: this.#saved });
    const items = this.#toItems(rows);
    // Setting the items resets the active one in the workbench, racing an arrow key already on its way:
    // a re-run that found the same list leaves it alone.
    const shown = itemsKey(items);
    if (shown !== this.#shownKey) {
      this.#shownKey = shown;
      const before = pick.items;
      pick.items = items;
      // A re-run while indexing must not move the user's place in the list; the first hit, active by
      // itself, is no place the user chose (keeping it would preview it when better hits arrive above).
      const moved = activePath && (this.#restorer.previewing || !sameLocation(firstHitOf(before), activePath));
      const keep = moved && items.find((item) => sameLocation(item.location, activePath));
      if (keep) pick.activeItems = [keep];
    }
    pick.busy = indexing !== undefined || pending;
    pick.title = indexing ? `Asset Lens: Search Assets — ${describeActivity(indexing)}` : 'Asset Lens: Search Assets';
    this.#onDidRender.fire(items);
  }

  #toItems(rows: readonly PickRow<ResolvedHit>[]): PickItem[] {
    const multiRoot = this.#lenses.folders.length > 1;
    const items: PickItem[] = [];
    for (const row of rows) {
      switch (row.kind) {
        case 'separator':
          items.push({ row, label: row.label, kind: vscode.QuickPickItemKind.Separator });
          break;
        case 'message':
          items.push({ row, label: row.label, detail: row.detail, alwaysShow: true });
          break;
        case 'didYouMean':
          items.push({ row, label: `$(lightbulb) Did you mean: ${row.query}`, alwaysShow: true });
          break;
        case 'saved':
          items.push({ row, label: `$(bookmark) ${row.saved.name}`, description: row.saved.query, alwaysShow: true, buttons: [BUTTONS.deleteSaved] });
          break;
        case 'hit': {
          const { hit } = row;
          items.push({
            row,
            label: hitLabel(hit.path),
            // VS Code hides separators while the list is filtered by typed text, so weak hits say so themselves.
            description: [multiRoot ? hit.location.folder.name : '', hit.lessRelated ? 'less related' : ''].filter(Boolean).join(' · ') || undefined,
            detail: hit.tags.length > 0 ? hit.tags.join(' · ') : (hit.caption ?? undefined),
            iconPath: hit.thumbnail,
            // The engine already ranked these; without this the quick pick would filter them by label.
            alwaysShow: true,
            buttons: [BUTTONS.reveal, BUTTONS.copy, BUTTONS.insert, BUTTONS.findUsages],
            location: hit.location,
          });
        }
      }
    }
    return items;
  }

  #accept(item: PickItem | undefined): void {
    if (!item) return;
    const { row } = item;
    if (row.kind === 'didYouMean') return this.setQuery(row.query);
    if (row.kind === 'saved') return this.setQuery(row.saved.query);
    if (!item.location) return;
    this.#accepted = true;
    this.pick.hide();
    void vscode.commands
      .executeCommand('vscode.open', assetUri(item.location), { preview: false, preserveFocus: false })
      .then(undefined, (error: unknown) => this.#log.error(`opening ${item.location!.path} failed: ${describe(error)}`));
  }

  #schedulePreview(item: PickItem | undefined): void {
    clearTimeout(this.#previewTimer);
    const location = item?.location;
    if (!location) return;
    // The first hit becomes active by itself whenever results arrive; only a move by the user (or a
    // preview already showing) opens one, as Go to File does.
    if (!this.#restorer.previewing && sameLocation(firstHitOf(this.pick.items), location)) return;
    this.#previewTimer = setTimeout(() => {
      this.#restorer
        .preview(assetUri(location))
        .catch((error: unknown) => this.#log.error(`preview of ${location.path} failed: ${describe(error)}`));
    }, PREVIEW_DELAY_MS);
  }
}

function firstHitOf(items: readonly PickItem[]): AssetLocation | undefined {
  return items.find((item) => item.location)?.location;
}

function sameLocation(a: AssetLocation | undefined, b: AssetLocation): boolean {
  return a !== undefined && a.path === b.path && a.folder === b.folder;
}

/** What the user sees of the items: equal keys, nothing to redraw. */
function itemsKey(items: readonly PickItem[]): string {
  return JSON.stringify(items.map((item) => [item.row.kind, item.label, item.description, item.detail, item.iconPath?.toString(), item.location?.folder.uri.toString(), item.location?.path, item.buttons?.length]));
}

export function showSearchQuickPick(lenses: WorkspaceLenses, log: vscode.LogOutputChannel): SearchPicker {
  return new SearchPicker(lenses, log);
}
