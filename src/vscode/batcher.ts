/**
 * Collects items (file paths from watcher events) and hands them over in one batch once no new item
 * arrived for `quietMs`, or at the latest `maxWaitMs` after the first one, so a checkout touching
 * thousands of files becomes one indexing run rather than thousands.
 */
export class Batcher<T> {
  readonly #flush: (items: T[]) => void;
  readonly #quietMs: number;
  readonly #maxWaitMs: number;
  #items = new Set<T>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #firstAt = 0;

  constructor(flush: (items: T[]) => void, quietMs: number, maxWaitMs: number) {
    this.#flush = flush;
    this.#quietMs = quietMs;
    this.#maxWaitMs = maxWaitMs;
  }

  add(item: T): void {
    if (this.#items.size === 0) this.#firstAt = Date.now();
    this.#items.add(item);
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const waited = Date.now() - this.#firstAt;
    this.#timer = setTimeout(() => this.flushNow(), Math.max(0, Math.min(this.#quietMs, this.#maxWaitMs - waited)));
  }

  flushNow(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#items.size === 0) return;
    const items = [...this.#items];
    this.#items = new Set();
    this.#flush(items);
  }

  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#items.clear();
  }
}
