// Indexing stays within a memory budget whatever the repository holds: each file in flight reserves
// an estimate of what reading and decoding it holds at once, and waits while the budget is spent.
// A batch of 32 files of 64 MB would otherwise hold 2 GB of bytes before any of them is decoded.
import { SVG_MAX_BYTES } from './svg-safety.ts';

const MB = 1024 * 1024;

/** Working memory for all files in flight; the process (runtime, model, SQLite) needs about as much again. */
export const INDEX_MEMORY_BUDGET_BYTES = 512 * MB;
/** A parse tree of SVG text costs about this many times the text (measured: 16.8 MB of paths, 445 MB). */
const SVG_TREE_FACTOR = 32;
/** What sharp/libvips holds for one raster pipeline besides the encoded bytes (measured ≤ 105 MB for 256 MP). */
const RASTER_PIPELINE_BYTES = 48 * MB;

function isSvg(path: string): boolean {
  return path.toLowerCase().endsWith('.svg');
}

/** Estimated peak memory for reading and decoding one file of this size. */
export function workingSetEstimate(path: string, size: number): number {
  if (isSvg(path)) return size + Math.min(size, SVG_MAX_BYTES) * SVG_TREE_FACTOR;
  return size * 2 + RASTER_PIPELINE_BYTES;
}

/** Why a file is refused outright, or null when it fits the budget. */
export function overBudgetReason(path: string, size: number, budget = INDEX_MEMORY_BUDGET_BYTES): string | null {
  const need = workingSetEstimate(path, size);
  return need > budget ? `would need about ${Math.round(need / MB)} MB of memory to index, over the ${Math.round(budget / MB)} MB budget` : null;
}

/** A counting semaphore over bytes: first come, first served, and one holder may always proceed. */
export class MemoryBudget {
  readonly limit: number;
  private used = 0;
  private readonly waiting: { weight: number; grant: () => void }[] = [];

  constructor(limit = INDEX_MEMORY_BUDGET_BYTES) {
    this.limit = limit;
  }

  /** Resolves with a release function once `weight` bytes fit; a weight over the limit waits to run alone. */
  async reserve(weight: number): Promise<() => void> {
    if (this.waiting.length === 0 && this.fits(weight)) this.used += weight;
    else await new Promise<void>((grant) => this.waiting.push({ weight, grant }));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= weight;
      this.drain();
    };
  }

  private fits(weight: number): boolean {
    return this.used === 0 || this.used + weight <= this.limit;
  }

  /** Hands the freed bytes to waiters in order; their share is counted before they resume. */
  private drain(): void {
    while (this.waiting.length > 0 && this.fits(this.waiting[0]!.weight)) {
      const next = this.waiting.shift()!;
      this.used += next.weight;
      next.grant();
    }
  }
}
