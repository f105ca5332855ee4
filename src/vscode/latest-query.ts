export interface LatestQueryOptions<I> {
  delayMs: number;
  onError?: (error: unknown, input: I) => void;
}

/**
 * Runs only the latest of rapidly changing inputs (search-as-you-type): each `schedule` restarts a
 * debounce timer and aborts the run in flight; a run's result is delivered only if no newer input
 * arrived meanwhile, so stale results never overwrite fresh ones.
 */
export class LatestQuery<I, R> {
  readonly #run: (input: I, signal: AbortSignal) => Promise<R>;
  readonly #deliver: (result: R, input: I) => void;
  readonly #options: LatestQueryOptions<I>;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: { controller: AbortController; input: I } | undefined;
  /** A refresh asked for while the same input was running: run it again once that run delivered. */
  #runAgain = false;
  #generation = 0;

  constructor(run: (input: I, signal: AbortSignal) => Promise<R>, deliver: (result: R, input: I) => void, options: LatestQueryOptions<I>) {
    this.#run = run;
    this.#deliver = deliver;
    this.#options = options;
  }

  schedule(input: I): void {
    this.#cancel();
    const generation = ++this.#generation;
    this.#timer = setTimeout(() => void this.#start(input, generation), this.#options.delayMs);
  }

  /**
   * Runs `input` again because what it reads changed. A run of that same input already in flight is
   * not dropped (repeated refreshes would starve a run slower than they come): it delivers, then the
   * input runs once more.
   */
  refresh(input: I): void {
    if (this.#timer === undefined && this.#inFlight !== undefined && Object.is(this.#inFlight.input, input)) this.#runAgain = true;
    else this.schedule(input);
  }

  dispose(): void {
    this.#cancel();
    this.#generation++;
  }

  async #start(input: I, generation: number): Promise<void> {
    this.#timer = undefined;
    const controller = new AbortController();
    const inFlight = { controller, input };
    this.#inFlight = inFlight;
    try {
      const result = await this.#run(input, controller.signal);
      if (generation === this.#generation && !controller.signal.aborted) this.#deliver(result, input);
    } catch (error) {
      if (generation === this.#generation && !controller.signal.aborted) this.#options.onError?.(error, input);
    } finally {
      if (this.#inFlight === inFlight) {
        this.#inFlight = undefined;
        if (this.#runAgain) this.schedule(input);
      }
    }
  }

  #cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#runAgain = false;
    this.#inFlight?.controller.abort();
    this.#inFlight = undefined;
  }
}
