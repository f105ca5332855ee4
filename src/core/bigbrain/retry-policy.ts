// The one retry policy for every Gemini call: the interactive queue's request per image and batch
// mode's job submissions and polls. Server errors and timeouts are tried up to maxTries with capped,
// jittered exponential backoff; 429s follow the server's retry delay and do not count against
// maxTries (the server is pacing us) but are bounded too; a malformed answer is asked for once more.
// Anything else (a rejected request, a bad key) is not retried.
import { backoffDelayMs } from './concurrency.ts';
import type { CloudAttempt } from './gemini-client.ts';
import type { ResolvedCloudOptions } from './options.ts';

/** A malformed answer is asked for once more, then given up. */
const MALFORMED_TRIES = 2;
/** 429s in a row given up after. */
const RATE_LIMITED_TRIES = 10;

export type RetryDecision =
  /** Try again after `delayMs` (for a 429, the pause the limiter should honour). */
  | { retry: true; delayMs: number }
  /** Give up; `reason` says why, with the count of tries when there were several. */
  | { retry: false; delayMs: number; reason: string };

/** The tries left for one call (one image, or one batch request), counted per kind of failure. */
export class RetryBudget {
  private transient = 0;
  private rateLimited = 0;
  private malformed = 0;
  private readonly options: Pick<ResolvedCloudOptions, 'maxTries' | 'backoffBaseMs' | 'backoffMaxMs'>;

  constructor(options: Pick<ResolvedCloudOptions, 'maxTries' | 'backoffBaseMs' | 'backoffMaxMs'>) {
    this.options = options;
  }

  private backoff(tries: number): number {
    return backoffDelayMs(tries, this.options.backoffBaseMs, this.options.backoffMaxMs);
  }

  /** After a failed try: whether to try again, and after how long. */
  next(failure: CloudAttempt): RetryDecision {
    switch (failure.outcome) {
      case 'malformed':
        return ++this.malformed >= MALFORMED_TRIES ? { retry: false, delayMs: 0, reason: failure.reason } : { retry: true, delayMs: 0 };
      case 'rate-limited': {
        const delayMs = failure.retryAfterMs ?? this.backoff(this.rateLimited + 1);
        if (++this.rateLimited >= RATE_LIMITED_TRIES) return { retry: false, delayMs, reason: `rate limited ${this.rateLimited} times: ${failure.reason}` };
        return { retry: true, delayMs };
      }
      case 'transient':
        if (++this.transient >= this.options.maxTries) return { retry: false, delayMs: 0, reason: `${failure.reason} (after ${this.transient} tries)` };
        return { retry: true, delayMs: this.backoff(this.transient) };
      case 'aborted':
        return { retry: false, delayMs: 0, reason: 'cancelled' };
      default:
        return { retry: false, delayMs: 0, reason: 'reason' in failure ? failure.reason : failure.outcome };
    }
  }
}
