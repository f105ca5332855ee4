// Flow control for cloud requests: an AIMD limit on requests in flight (halved on 429, grown by one per
// window of successes, like TCP), a shared pause honouring the server's retry delay, and capped
// exponential backoff with full jitter for server errors.

export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortError';
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortedError());
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Delay before try number `tries + 1` (tries >= 1): uniform in [0, min(cap, base * 2^(tries-1))]. */
export function backoffDelayMs(tries: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, tries - 1));
  return Math.round(random() * ceiling);
}

export interface AimdOptions {
  initial: number;
  max: number;
  min?: number;
  now?: () => number;
}

export class AimdLimiter {
  private limitValue: number;
  private readonly min: number;
  private readonly max: number;
  private readonly now: () => number;
  private inFlight = 0;
  private pausedUntil = 0;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  private readonly waiters: (() => void)[] = [];
  /** Every limit the limiter has had, for tests and diagnostics. */
  readonly history: number[] = [];

  constructor(options: AimdOptions) {
    this.min = Math.max(1, options.min ?? 1);
    this.max = Math.max(this.min, options.max);
    this.limitValue = Math.min(this.max, Math.max(this.min, options.initial));
    this.now = options.now ?? Date.now;
    this.history.push(this.limit);
  }

  get limit(): number {
    return Math.floor(this.limitValue);
  }

  get active(): number {
    return this.inFlight;
  }

  /** Waits for a free slot (and for any pause to end); returns the time the slot was granted. */
  async acquire(signal?: AbortSignal): Promise<number> {
    while (true) {
      if (signal?.aborted) throw new AbortedError();
      const wait = this.pausedUntil - this.now();
      if (wait > 0) await sleep(wait, signal);
      else if (this.inFlight < this.limit) {
        this.inFlight++;
        return this.now();
      } else await this.nextRelease(signal);
    }
  }

  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.waiters.splice(0).forEach((wake) => wake());
  }

  /**
   * A request answered normally: additive increase, about +1 per full window. Answers to requests
   * sent before the last decrease say nothing about the new limit and do not raise it.
   */
  onSuccess(startedAt: number): void {
    if (startedAt >= this.lastDecreaseAt && this.limitValue < this.max) {
      this.limitValue = Math.min(this.max, this.limitValue + 1 / this.limit);
      this.record();
    }
  }

  /**
   * A request was rate limited: multiplicative decrease and a pause for everyone. Requests that
   * started before the last decrease were sent under the old limit and do not halve it again.
   */
  onRateLimited(startedAt: number, retryAfterMs: number): void {
    const now = this.now();
    if (startedAt >= this.lastDecreaseAt) {
      this.limitValue = Math.max(this.min, this.limitValue / 2);
      this.lastDecreaseAt = now;
      this.record();
    }
    this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
  }

  private record(): void {
    if (this.history.at(-1) !== this.limit) this.history.push(this.limit);
  }

  private nextRelease(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(new AbortedError());
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }
}
