// Which grid items are selected: click, Ctrl/Cmd-click (toggle), Shift-click (range from the anchor),
// Ctrl+A. Indexes into the current result set; the extension maps them back to assets.

export interface ClickModifiers {
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  toggle?: boolean;
  range?: boolean;
}

export class SelectionModel {
  #selected = new Set<number>();
  #anchor = -1;
  #focus = -1;

  /** The item the keyboard is on and the detail pane shows; -1 for none. */
  get focus(): number {
    return this.#focus;
  }

  get size(): number {
    return this.#selected.size;
  }

  has(index: number): boolean {
    return this.#selected.has(index);
  }

  click(index: number, modifiers: ClickModifiers = {}): void {
    if (modifiers.range && this.#anchor >= 0) {
      const [from, to] = this.#anchor <= index ? [this.#anchor, index] : [index, this.#anchor];
      if (!modifiers.toggle) this.#selected.clear();
      for (let i = from; i <= to; i++) this.#selected.add(i);
    } else if (modifiers.toggle) {
      if (this.#selected.has(index)) this.#selected.delete(index);
      else this.#selected.add(index);
      this.#anchor = index;
    } else {
      this.#selected = new Set([index]);
      this.#anchor = index;
    }
    this.#focus = index;
  }

  selectAll(total: number): void {
    this.#selected = new Set(Array.from({ length: total }, (_, i) => i));
    if (this.#focus < 0 && total > 0) this.#focus = 0;
    this.#anchor = Math.max(0, this.#focus);
  }

  clear(): void {
    this.#selected.clear();
    this.#anchor = -1;
    this.#focus = -1;
  }

  /** Selected indexes as sorted, merged half-open ranges [start, end). */
  ranges(): [number, number][] {
    const sorted = [...this.#selected].sort((a, b) => a - b);
    const ranges: [number, number][] = [];
    for (const index of sorted) {
      const last = ranges.at(-1);
      if (last && last[1] === index) last[1] = index + 1;
      else ranges.push([index, index + 1]);
    }
    return ranges;
  }
}
