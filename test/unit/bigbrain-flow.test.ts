import assert from 'node:assert/strict';
import { AimdLimiter, backoffDelayMs } from '../../src/core/bigbrain/concurrency.ts';
import { estimateCostUsd, estimateImagesCostUsd, priceOf } from '../../src/core/bigbrain/cost.ts';

describe('BigBrain flow control', () => {
  it('backs off exponentially with full jitter under a cap', () => {
    assert.equal(backoffDelayMs(1, 100, 1000, () => 1), 100);
    assert.equal(backoffDelayMs(3, 100, 1000, () => 1), 400);
    assert.equal(backoffDelayMs(10, 100, 1000, () => 1), 1000);
    assert.equal(backoffDelayMs(3, 100, 1000, () => 0), 0);
    for (let i = 0; i < 100; i++) assert.ok(backoffDelayMs(2, 100, 1000) <= 200);
  });

  it('halves on a rate limit once per window and grows by about one per window of successes', () => {
    let now = 0;
    const limiter = new AimdLimiter({ initial: 8, max: 8, now: () => now });
    now = 10;
    limiter.onRateLimited(5, 100);
    assert.equal(limiter.limit, 4);
    // Other requests of the same (old) window do not halve it again.
    limiter.onRateLimited(6, 100);
    assert.equal(limiter.limit, 4);
    // Their successes do not raise it either.
    limiter.onSuccess(7);
    assert.equal(limiter.limit, 4);
    now = 20;
    for (let i = 0; i < 4; i++) limiter.onSuccess(15);
    assert.equal(limiter.limit, 5);
    limiter.onRateLimited(15, 100);
    assert.equal(limiter.limit, 2);
    limiter.onRateLimited(21, 100);
    assert.equal(limiter.limit, 1);
    limiter.onRateLimited(22, 100);
    assert.equal(limiter.limit, 1, 'never below one');
    assert.deepEqual(limiter.history, [8, 4, 5, 2, 1]);
  });

  it('holds every request during the pause a 429 asks for, and admits no more than the limit', async () => {
    const limiter = new AimdLimiter({ initial: 8, max: 8 });
    const first = await limiter.acquire();
    limiter.onRateLimited(first, 80);
    assert.equal(limiter.limit, 4);
    const pausedAt = Date.now();
    await limiter.acquire();
    assert.ok(Date.now() - pausedAt >= 70, 'waited out the retry delay');
    await limiter.acquire();
    await limiter.acquire();
    assert.equal(limiter.active, 4);
    let fifth = false;
    const waiting = limiter.acquire().then(() => (fifth = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(fifth, false, 'a fifth request waits under a limit of four');
    limiter.release();
    await waiting;
    assert.equal(limiter.active, 4);
  });

  it('gives up waiting when aborted', async () => {
    const limiter = new AimdLimiter({ initial: 1, max: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    await assert.rejects(waiting, /aborted/);
  });
});

describe('BigBrain cost', () => {
  it('prices gemini-2.5-flash-lite at $0.10 / $0.40 per million tokens, batch at half', () => {
    assert.equal(estimateCostUsd(1_000_000, 0, 'gemini-2.5-flash-lite'), 0.1);
    assert.equal(estimateCostUsd(0, 1_000_000, 'gemini-2.5-flash-lite'), 0.4);
    assert.equal(estimateCostUsd(1_000_000, 1_000_000, 'gemini-2.5-flash-lite', 'batch'), 0.25);
  });

  it('prices variants by family and unknown models at the dearest known price', () => {
    assert.deepEqual(priceOf('gemini-2.5-flash-lite-preview-09-2025'), priceOf('gemini-2.5-flash-lite'));
    assert.notDeepEqual(priceOf('gemini-2.5-flash'), priceOf('gemini-2.5-flash-lite'));
    assert.ok(priceOf('some-future-model').inputPerMillion >= priceOf('gemini-2.5-pro').inputPerMillion);
  });

  it('meets the targets: at most $0.10 per 1,000 images, $0.05 through the Batch API', () => {
    const interactive = estimateImagesCostUsd(1000);
    const batch = estimateImagesCostUsd(1000, 'gemini-2.5-flash-lite', 'batch');
    assert.ok(interactive <= 0.1, `$${interactive}`);
    assert.ok(batch <= 0.05, `$${batch}`);
    console.log(`      estimate for 1,000 images with gemini-2.5-flash-lite: $${interactive.toFixed(4)} (batch $${batch.toFixed(4)})`);
  });
});
