// A context menu drawn in the webview (VS Code's own would offer only cut/copy/paste here): opened by
// right-click, the Menu key or Shift+F10; arrows move, Enter runs, Escape or a click outside closes.
import { h } from './dom.ts';

export interface MenuEntry {
  label: string;
  disabled: string | null;
  run(): void;
}

export class ContextMenu {
  readonly #element: HTMLElement;
  #returnFocus: HTMLElement | null = null;

  constructor(element: HTMLElement) {
    this.#element = element;
    element.setAttribute('role', 'menu');
    element.hidden = true;
    element.addEventListener('keydown', (event) => this.#onKey(event));
    document.addEventListener('mousedown', (event) => {
      if (!element.hidden && !element.contains(event.target as Node)) this.close();
    });
    window.addEventListener('blur', () => this.close());
  }

  get isOpen(): boolean {
    return !this.#element.hidden;
  }

  open(x: number, y: number, entries: readonly MenuEntry[]): void {
    if (entries.length === 0) return;
    this.#returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.#element.replaceChildren(
      ...entries.map((entry) => {
        const item = h('button', { type: 'button', role: 'menuitem', class: 'menu-item', title: entry.disabled ?? undefined }, entry.label);
        if (entry.disabled) item.setAttribute('aria-disabled', 'true');
        item.addEventListener('click', () => {
          if (entry.disabled) return;
          this.close();
          entry.run();
        });
        return item;
      }),
    );
    this.#element.hidden = false;
    // Keep the menu inside the panel.
    const { width, height } = this.#element.getBoundingClientRect();
    this.#element.style.left = `${Math.max(0, Math.min(x, window.innerWidth - width - 4))}px`;
    this.#element.style.top = `${Math.max(0, Math.min(y, window.innerHeight - height - 4))}px`;
    this.#items()[0]?.focus();
  }

  close(): void {
    if (this.#element.hidden) return;
    this.#element.hidden = true;
    this.#returnFocus?.focus();
    this.#returnFocus = null;
  }

  #items(): HTMLElement[] {
    return [...this.#element.querySelectorAll<HTMLElement>('.menu-item')];
  }

  #onKey(event: KeyboardEvent): void {
    const items = this.#items();
    const at = items.indexOf(document.activeElement as HTMLElement);
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step) items[(at + step + items.length) % items.length]?.focus();
    else if (event.key === 'Home') items[0]?.focus();
    else if (event.key === 'End') items.at(-1)?.focus();
    else if (event.key === 'Escape' || event.key === 'Tab') this.close();
    else return;
    event.preventDefault();
    event.stopPropagation();
  }
}
