// The virtualized thumbnail grid: only the visible rows (plus overscan) exist in the DOM, cells are
// recycled while scrolling, and results arrive in pages asked for as they come into view.
import type { GalleryItem } from './protocol.ts';
import { gridWindow, moveSelection, pagesCovering } from './grid-layout.ts';
import { h } from './dom.ts';

export const CELL_WIDTH = 132;
export const CELL_HEIGHT = 152;
export const PAGE_SIZE = 200;
const OVERSCAN_ROWS = 3;

export interface GridEvents {
  requestPage(offset: number, limit: number): void;
  selectionChanged(item: GalleryItem | undefined): void;
  open(item: GalleryItem): void;
}

export class VirtualGrid {
  readonly #scroller: HTMLElement;
  readonly #content: HTMLElement;
  readonly #events: GridEvents;
  readonly #pages = new Map<number, GalleryItem[]>();
  readonly #requested = new Set<number>();
  readonly #cells = new Map<number, HTMLElement>();
  readonly #pool: HTMLElement[] = [];
  #total = 0;
  #columns = 1;
  #selected = -1;
  #reselect: { folder: number; path: string } | undefined;
  #frame = 0;

  constructor(scroller: HTMLElement, content: HTMLElement, events: GridEvents) {
    this.#scroller = scroller;
    this.#content = content;
    this.#events = events;
    scroller.addEventListener('scroll', () => this.#schedule(), { passive: true });
    new ResizeObserver(() => this.#schedule()).observe(scroller);
    content.addEventListener('click', (event) => {
      const index = this.#indexOf(event.target);
      if (index !== undefined) this.select(index);
    });
    content.addEventListener('dblclick', (event) => {
      const item = this.itemAt(this.#indexOf(event.target) ?? -1);
      if (item) this.#events.open(item);
    });
    content.addEventListener('dragstart', (event) => {
      const item = this.itemAt(this.#indexOf(event.target) ?? -1);
      if (!item || !event.dataTransfer) return;
      // VS Code's editors accept a dropped uri-list and insert a link to the file.
      event.dataTransfer.setData('text/uri-list', item.file);
      event.dataTransfer.setData('application/vnd.code.uri-list', JSON.stringify([item.file]));
      event.dataTransfer.setData('text/plain', item.path);
      event.dataTransfer.effectAllowed = 'copy';
    });
    scroller.addEventListener('keydown', (event) => this.#onKey(event));
  }

  get total(): number {
    return this.#total;
  }

  get selectedItem(): GalleryItem | undefined {
    return this.itemAt(this.#selected);
  }

  /** A new result set. `keepScroll` keeps the position and the selected asset (refresh after indexing). */
  reset(total: number, keepScroll: boolean): void {
    const kept = keepScroll ? this.selectedItem : undefined;
    this.#pages.clear();
    this.#requested.clear();
    this.#total = total;
    this.#selected = -1;
    this.#reselect = kept ? { folder: kept.folder, path: kept.path } : this.#reselect;
    if (!keepScroll) this.#scroller.scrollTop = 0;
    if (!kept) this.#events.selectionChanged(undefined);
    this.#render();
  }

  addPage(offset: number, items: GalleryItem[]): void {
    if (offset % PAGE_SIZE !== 0) return;
    this.#pages.set(offset / PAGE_SIZE, items);
    const wanted = this.#reselect;
    const at = wanted ? items.findIndex((item) => item.folder === wanted.folder && item.path === wanted.path) : -1;
    if (at >= 0) {
      this.#reselect = undefined;
      this.#selected = offset + at;
      this.#events.selectionChanged(this.selectedItem);
    }
    this.#schedule();
  }

  /** Selects this asset once the page holding it arrives (state restored after a reload). */
  restoreSelection(folder: number, path: string): void {
    this.#reselect = { folder, path };
  }

  itemAt(index: number): GalleryItem | undefined {
    if (index < 0 || index >= this.#total) return undefined;
    return this.#pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  select(index: number): void {
    if (index < 0 || index >= this.#total) return;
    this.#reselect = undefined;
    this.#selected = index;
    this.#scrollIntoView(index);
    this.#render();
    this.#events.selectionChanged(this.selectedItem);
  }

  focus(): void {
    this.#scroller.focus();
    if (this.#selected < 0 && this.#total > 0) this.select(0);
  }

  #onKey(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      const item = this.selectedItem;
      if (item) this.#events.open(item);
      event.preventDefault();
      return;
    }
    const pageRows = Math.max(1, Math.floor(this.#scroller.clientHeight / CELL_HEIGHT));
    const next = moveSelection(this.#selected, event.key, this.#columns, this.#total, pageRows);
    if (next === this.#selected && !['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'].includes(event.key)) return;
    event.preventDefault();
    this.select(next);
  }

  #scrollIntoView(index: number): void {
    const top = Math.floor(index / this.#columns) * CELL_HEIGHT;
    const view = this.#scroller;
    if (top < view.scrollTop) view.scrollTop = top;
    else if (top + CELL_HEIGHT > view.scrollTop + view.clientHeight) view.scrollTop = top + CELL_HEIGHT - view.clientHeight;
  }

  #indexOf(target: EventTarget | null): number | undefined {
    const cell = target instanceof Element ? target.closest<HTMLElement>('.cell') : null;
    const index = cell?.dataset.index;
    return index === undefined ? undefined : Number(index);
  }

  #schedule(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#render();
    });
  }

  #render(): void {
    const view = gridWindow({
      scrollTop: this.#scroller.scrollTop,
      viewportHeight: this.#scroller.clientHeight,
      viewportWidth: this.#scroller.clientWidth,
      cellWidth: CELL_WIDTH,
      cellHeight: CELL_HEIGHT,
      total: this.#total,
      overscanRows: OVERSCAN_ROWS,
    });
    this.#columns = view.columns;
    this.#content.style.height = `${view.contentHeight}px`;
    for (const [index, cell] of this.#cells) {
      if (index >= view.start && index < view.end) continue;
      this.#cells.delete(index);
      cell.hidden = true;
      // Hidden cells must not answer `.cell[data-path=…]` lookups.
      delete cell.dataset.path;
      delete cell.dataset.folder;
      this.#pool.push(cell);
    }
    for (let index = view.start; index < view.end; index++) {
      let cell = this.#cells.get(index);
      if (!cell) {
        cell = this.#pool.pop() ?? this.#createCell();
        cell.hidden = false;
        this.#cells.set(index, cell);
      }
      this.#fill(cell, index, view.columns);
    }
    for (const page of pagesCovering(view.start, view.end, PAGE_SIZE)) {
      if (this.#pages.has(page) || this.#requested.has(page)) continue;
      this.#requested.add(page);
      this.#events.requestPage(page * PAGE_SIZE, PAGE_SIZE);
    }
  }

  #createCell(): HTMLElement {
    const image = h('img', { alt: '', draggable: 'false', decoding: 'async' });
    const cell = h('div', { class: 'cell', role: 'gridcell', draggable: 'true' }, image, h('span', { class: 'name' }));
    cell.style.width = `${CELL_WIDTH}px`;
    cell.style.height = `${CELL_HEIGHT}px`;
    this.#content.append(cell);
    return cell;
  }

  #fill(cell: HTMLElement, index: number, columns: number): void {
    const item = this.itemAt(index);
    cell.dataset.index = String(index);
    cell.style.transform = `translate(${(index % columns) * CELL_WIDTH}px, ${Math.floor(index / columns) * CELL_HEIGHT}px)`;
    cell.setAttribute('aria-selected', String(index === this.#selected));
    const image = cell.firstElementChild as HTMLImageElement;
    const name = cell.lastElementChild as HTMLElement;
    if (!item) {
      cell.classList.add('loading');
      delete cell.dataset.path;
      delete cell.dataset.folder;
      image.removeAttribute('src');
      name.textContent = '';
      cell.title = '';
      return;
    }
    cell.classList.remove('loading');
    cell.dataset.path = item.path;
    cell.dataset.folder = String(item.folder);
    if (image.getAttribute('src') !== item.thumb) image.src = item.thumb;
    name.textContent = item.path.slice(item.path.lastIndexOf('/') + 1);
    cell.title = item.tags.length > 0 ? `${item.path}\n${item.tags.join(', ')}` : item.path;
  }
}
