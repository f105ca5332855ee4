// The virtualized thumbnail grid: only the visible rows (plus overscan) exist in the DOM, cells are
// recycled while scrolling, and results arrive in pages asked for as they come into view. Sections
// (folders when grouping, "less related" for weak matches) start on a new row under a heading.
import type { GalleryItem } from './protocol.ts';
import { layoutSections, moveInLayout, pagesCovering, rowOfItem, visibleRows, type Section, type SectionLayout } from './grid-layout.ts';
import { SelectionModel, type ClickModifiers } from './selection.ts';
import { THUMB_SIZES } from './view-state.ts';
import { h } from './dom.ts';

export const PAGE_SIZE = 200;
const OVERSCAN_ROWS = 3;
const HEADING_HEIGHT = 30;
/** Cell padding and border around the thumbnail, and the file name line below it. */
const CELL_EXTRA_WIDTH = 16;
const CELL_EXTRA_HEIGHT = 36;
const NAVIGATION_KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'];

export interface GridEvents {
  requestPage(offset: number, limit: number): void;
  /** The focused item (shown in the detail pane) or the number selected changed. */
  selectionChanged(focused: GalleryItem | undefined, count: number): void;
  open(item: GalleryItem): void;
  /** Right-click or the context-menu key on an item; the selection already includes it. */
  contextMenu(x: number, y: number): void;
}

export class VirtualGrid {
  readonly #scroller: HTMLElement;
  readonly #content: HTMLElement;
  readonly #events: GridEvents;
  readonly #pages = new Map<number, GalleryItem[]>();
  readonly #requested = new Set<number>();
  readonly #cells = new Map<number, HTMLElement>();
  readonly #headings = new Map<number, HTMLElement>();
  readonly #pool: HTMLElement[] = [];
  readonly #headingPool: HTMLElement[] = [];
  readonly selection = new SelectionModel();
  #total = 0;
  #sections: Section[] = [];
  #layout: SectionLayout = { columns: 1, rows: [], height: 0, cellHeight: 1 };
  #thumbSize: number = THUMB_SIZES.default;
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
      if (index !== undefined) this.click(index, { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey });
    });
    content.addEventListener('dblclick', (event) => {
      const item = this.itemAt(this.#indexOf(event.target) ?? -1);
      if (item) this.#events.open(item);
    });
    content.addEventListener('contextmenu', (event) => {
      const index = this.#indexOf(event.target);
      if (index === undefined) return;
      event.preventDefault();
      if (!this.selection.has(index)) this.click(index);
      this.#events.contextMenu(event.clientX, event.clientY);
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

  get focusedItem(): GalleryItem | undefined {
    return this.itemAt(this.selection.focus);
  }

  /** The loaded items among the selection (pages not yet loaded are left out). */
  get selectedItems(): GalleryItem[] {
    return this.selection.ranges().flatMap(([start, end]) => {
      const items: GalleryItem[] = [];
      for (let i = start; i < end; i++) {
        const item = this.itemAt(i);
        if (item) items.push(item);
      }
      return items;
    });
  }

  /** A new result set. `keepScroll` keeps the position and the focused asset (refresh after indexing). */
  reset(total: number, sections: readonly Section[], keepScroll: boolean): void {
    const kept = keepScroll ? this.focusedItem : undefined;
    this.#pages.clear();
    this.#requested.clear();
    this.#total = total;
    this.#sections = sections.length > 0 ? [...sections] : [{ label: null, start: 0, count: total }];
    this.selection.clear();
    this.#reselect = kept ? { folder: kept.folder, path: kept.path } : this.#reselect;
    if (!keepScroll) this.#scroller.scrollTop = 0;
    if (!kept) this.#events.selectionChanged(undefined, 0);
    this.#relayout();
    this.#render();
  }

  setThumbSize(size: number): void {
    this.#thumbSize = size;
    this.#content.style.setProperty('--al-thumb', `${size}px`);
    for (const cell of [...this.#cells.values(), ...this.#pool]) this.#sizeCell(cell);
    this.#relayout();
    const focus = this.selection.focus;
    if (focus >= 0) this.#scrollIntoView(focus);
    this.#render();
  }

  addPage(offset: number, items: GalleryItem[]): void {
    if (offset % PAGE_SIZE !== 0) return;
    this.#pages.set(offset / PAGE_SIZE, items);
    const wanted = this.#reselect;
    const at = wanted ? items.findIndex((item) => item.folder === wanted.folder && item.path === wanted.path) : -1;
    if (at >= 0) {
      this.#reselect = undefined;
      this.selection.click(offset + at);
      this.#events.selectionChanged(this.focusedItem, this.selection.size);
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

  click(index: number, modifiers: ClickModifiers = {}): void {
    if (index < 0 || index >= this.#total) return;
    this.#reselect = undefined;
    this.selection.click(index, modifiers);
    this.#scrollIntoView(index);
    this.#render();
    this.#events.selectionChanged(this.focusedItem, this.selection.size);
  }

  selectAll(): void {
    this.selection.selectAll(this.#total);
    this.#render();
    this.#events.selectionChanged(this.focusedItem, this.selection.size);
  }

  focus(): void {
    this.#scroller.focus();
    if (this.selection.focus < 0 && this.#total > 0) this.click(0);
  }

  /** Where the context menu goes when opened from the keyboard: under the focused cell. */
  focusedCellRect(): DOMRect | undefined {
    return this.#cells.get(this.selection.focus)?.getBoundingClientRect();
  }

  #onKey(event: KeyboardEvent): void {
    const focused = this.focusedItem;
    if (event.key === 'Enter') {
      if (focused) this.#events.open(focused);
      event.preventDefault();
      return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      this.selectAll();
      return;
    }
    if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      event.preventDefault();
      const rect = this.focusedCellRect();
      if (rect) this.#events.contextMenu(rect.left + rect.width / 2, rect.top + rect.height / 2);
      return;
    }
    if (!NAVIGATION_KEYS.includes(event.key)) return;
    event.preventDefault();
    const pageRows = Math.max(1, Math.floor(this.#scroller.clientHeight / this.#layout.cellHeight));
    const next = moveInLayout(this.#layout, this.selection.focus, event.key, this.#total, pageRows);
    this.click(next, { range: event.shiftKey });
  }

  #scrollIntoView(index: number): void {
    const row = this.#layout.rows[rowOfItem(this.#layout, index)];
    if (!row) return;
    const view = this.#scroller;
    const height = this.#layout.cellHeight;
    if (row.top < view.scrollTop) view.scrollTop = row.top;
    else if (row.top + height > view.scrollTop + view.clientHeight) view.scrollTop = row.top + height - view.clientHeight;
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

  get #cellWidth(): number {
    return this.#thumbSize + CELL_EXTRA_WIDTH;
  }

  #relayout(): void {
    const columns = Math.max(1, Math.floor(this.#scroller.clientWidth / this.#cellWidth));
    this.#layout = layoutSections(this.#sections, columns, this.#thumbSize + CELL_EXTRA_HEIGHT, HEADING_HEIGHT);
  }

  #render(): void {
    const columns = Math.max(1, Math.floor(this.#scroller.clientWidth / this.#cellWidth));
    if (columns !== this.#layout.columns) this.#relayout();
    const layout = this.#layout;
    this.#content.style.height = `${layout.height}px`;
    const [startRow, endRow] = visibleRows(layout, this.#scroller.scrollTop, this.#scroller.clientHeight, OVERSCAN_ROWS * layout.cellHeight);
    const wanted = new Set<number>();
    const wantedHeadings = new Set<number>();
    let first = Infinity;
    let last = -1;
    for (let r = startRow; r < endRow; r++) {
      const row = layout.rows[r]!;
      if (row.heading !== undefined) wantedHeadings.add(r);
      for (let i = row.first; i < row.first + row.count; i++) wanted.add(i);
      if (row.count > 0) {
        first = Math.min(first, row.first);
        last = Math.max(last, row.first + row.count);
      }
    }
    for (const [index, cell] of this.#cells) {
      if (wanted.has(index)) continue;
      this.#cells.delete(index);
      cell.hidden = true;
      // Hidden cells must not answer `.cell[data-path=…]` lookups.
      delete cell.dataset.path;
      delete cell.dataset.folder;
      delete cell.dataset.index;
      this.#pool.push(cell);
    }
    for (const [row, heading] of this.#headings) {
      if (wantedHeadings.has(row)) continue;
      this.#headings.delete(row);
      heading.hidden = true;
      this.#headingPool.push(heading);
    }
    for (let r = startRow; r < endRow; r++) {
      const row = layout.rows[r]!;
      if (row.heading !== undefined) {
        let heading = this.#headings.get(r);
        if (!heading) {
          heading = this.#headingPool.pop() ?? this.#content.appendChild(h('div', { class: 'section-heading', role: 'separator' }));
          heading.hidden = false;
          this.#headings.set(r, heading);
        }
        heading.textContent = row.heading;
        heading.style.transform = `translateY(${row.top}px)`;
        continue;
      }
      for (let i = row.first; i < row.first + row.count; i++) {
        let cell = this.#cells.get(i);
        if (!cell) {
          cell = this.#pool.pop() ?? this.#createCell();
          cell.hidden = false;
          this.#cells.set(i, cell);
        }
        this.#fill(cell, i, (i - row.first) * this.#cellWidth, row.top);
      }
    }
    if (last > first) {
      for (const page of pagesCovering(first, last, PAGE_SIZE)) {
        if (this.#pages.has(page) || this.#requested.has(page)) continue;
        this.#requested.add(page);
        this.#events.requestPage(page * PAGE_SIZE, PAGE_SIZE);
      }
    }
  }

  #createCell(): HTMLElement {
    const image = h('img', { alt: '', draggable: 'false', decoding: 'async' });
    const cell = h('div', { class: 'cell', role: 'gridcell', draggable: 'true' }, image, h('span', { class: 'name' }));
    this.#sizeCell(cell);
    this.#content.append(cell);
    return cell;
  }

  #sizeCell(cell: HTMLElement): void {
    cell.style.width = `${this.#cellWidth}px`;
    cell.style.height = `${this.#thumbSize + CELL_EXTRA_HEIGHT}px`;
  }

  #fill(cell: HTMLElement, index: number, x: number, y: number): void {
    const item = this.itemAt(index);
    cell.dataset.index = String(index);
    cell.style.transform = `translate(${x}px, ${y}px)`;
    cell.setAttribute('aria-selected', String(this.selection.has(index)));
    cell.classList.toggle('focused', index === this.selection.focus);
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
